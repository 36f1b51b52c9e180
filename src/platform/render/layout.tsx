import type { Child } from 'hono/jsx';
import { stylesheet } from './assets.ts';

/** What every page's <head> and chrome needs from the site. */
export interface SiteInfo {
  title: string;
  description: string;
  language: string;
  timezone: string;
}

/** Props for the one page layout every reader page uses. */
export interface LayoutProps {
  site: SiteInfo;
  /** The page's own title; the site title is appended. Omit on the front page. */
  title?: string;
  description?: string;
  children?: Child;
}

/** The reader-facing page frame: landmarks, skip link, site header and footer. */
export function Layout({ site, title, description, children }: LayoutProps) {
  const fullTitle = title ? `${title} – ${site.title}` : site.title;
  return (
    <html lang={site.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description ?? site.description} />
        <link rel="stylesheet" href={stylesheet.path} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <p class="site-title">
            <a href="/">{site.title}</a>
          </p>
          <p class="site-description">{site.description}</p>
        </header>
        <main id="main">{children}</main>
        <footer class="site-footer">
          <p>{site.title} · Published with Dateline</p>
        </footer>
      </body>
    </html>
  );
}
