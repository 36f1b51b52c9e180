import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { defaultShareImage, favicon, stylesheet } from './assets.ts';

/** What every page's <head> and chrome needs from the site. */
export interface SiteInfo {
  title: string;
  description: string;
  language: string;
  timezone: string;
  /** The absolute address readers reach the site at, without a trailing slash. */
  publicUrl: string;
}

/** Open Graph details beyond title, description and URL. */
export interface OpenGraph {
  type: 'website' | 'article' | 'profile';
  /** Absolute URL; the site's default share image when absent. */
  image?: string;
  /** Extra `property` → `content` pairs, e.g. article:published_time. Repeated properties are allowed. */
  extra?: [string, string][];
}

/** A feed offered for autodiscovery. */
export interface FeedLink {
  title: string;
  href: string;
  type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json';
}

/** Props for the one page layout every reader page uses. */
export interface LayoutProps {
  site: SiteInfo;
  /** The page's own title; the site title is appended. Omit on the front page. */
  title?: string | undefined;
  description?: string | undefined;
  /** The page's canonical path ("/tag/harbour/"); made absolute with the site's address. */
  canonical?: string | undefined;
  og?: OpenGraph;
  /** Structured data, each written as its own JSON-LD block. */
  jsonLd?: object[];
  /** Extra feeds for this page (an author's or a tag's), after the site's own. */
  feeds?: FeedLink[];
  /** Keep the page out of search engines (error pages). */
  noindex?: boolean;
  children?: Child;
}

/** JSON for a <script> data block: "<" is escaped so that no text can close the element. */
export function jsonLdText(data: object): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The reader-facing page frame: head metadata, landmarks, skip link, site header with search, and footer. */
export function Layout({
  site,
  title,
  description,
  canonical,
  og,
  jsonLd,
  feeds,
  noindex,
  children,
}: LayoutProps) {
  const fullTitle = title ? `${title} – ${site.title}` : site.title;
  const summary = description ?? site.description;
  const url = canonical !== undefined ? `${site.publicUrl}${canonical}` : undefined;
  const image = og?.image ?? `${site.publicUrl}${defaultShareImage.path}`;
  const siteFeeds: FeedLink[] = [
    { title: `${site.title} – RSS`, href: '/feed/', type: 'application/rss+xml' },
    { title: `${site.title} – Atom`, href: '/feed/atom/', type: 'application/atom+xml' },
    { title: `${site.title} – JSON Feed`, href: '/feed.json', type: 'application/feed+json' },
    ...(feeds ?? []),
  ];
  return (
    <html lang={site.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={summary} />
        {noindex && <meta name="robots" content="noindex" />}
        {url && <link rel="canonical" href={url} />}
        <link rel="stylesheet" href={stylesheet.path} />
        <link rel="icon" href={favicon.path} type="image/svg+xml" />
        <meta name="theme-color" content="#ffffff" media="(prefers-color-scheme: light)" />
        <meta name="theme-color" content="#141517" media="(prefers-color-scheme: dark)" />
        {siteFeeds.map((f) => (
          <link rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
        <meta property="og:site_name" content={site.title} />
        <meta property="og:title" content={title ?? site.title} />
        <meta property="og:description" content={summary} />
        <meta property="og:type" content={og?.type ?? 'website'} />
        {url && <meta property="og:url" content={url} />}
        <meta property="og:image" content={image} />
        {!og?.image && <meta property="og:image:width" content={String(defaultShareImage.width)} />}
        {!og?.image && <meta property="og:image:height" content={String(defaultShareImage.height)} />}
        <meta property="og:locale" content={site.language.replace('-', '_')} />
        {(og?.extra ?? []).map(([property, content]) => (
          <meta property={property} content={content} />
        ))}
        <meta name="twitter:card" content="summary_large_image" />
        <meta name="twitter:title" content={title ?? site.title} />
        <meta name="twitter:description" content={summary} />
        <meta name="twitter:image" content={image} />
        {(jsonLd ?? []).map((data) => (
          <script type="application/ld+json">{raw(jsonLdText(data))}</script>
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="masthead wrap">
            <p class="site-title">
              <a href="/">{site.title}</a>
            </p>
            <p class="site-description">{site.description}</p>
          </div>
          <div class="site-bar wrap">
            {/* Static on purpose: the layout has no database, and every link here always exists. */}
            <nav class="site-nav" aria-label="Sections">
              <ul>
                <li>
                  <a href="/" aria-current={canonical === '/' ? 'page' : undefined}>
                    Latest news
                  </a>
                </li>
                <li>
                  <a href="/feed/">RSS feed</a>
                </li>
              </ul>
            </nav>
            <form class="site-search" role="search" action="/search" method="get">
              <label for="site-search-q">Search</label>
              <input id="site-search-q" type="search" name="q" maxlength={200} />
              <button type="submit">Search</button>
            </form>
          </div>
        </header>
        <main id="main" class="wrap">
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p class="footer-title">{site.title}</p>
            <p class="footer-description">{site.description}</p>
            <ul class="footer-links">
              <li>
                <a href="/feed/">RSS</a>
              </li>
              <li>
                <a href="/feed/atom/">Atom</a>
              </li>
              <li>
                <a href="/feed.json">JSON Feed</a>
              </li>
              <li>
                <a href="/search">Search</a>
              </li>
            </ul>
            <p class="colophon">Published with Dateline</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
