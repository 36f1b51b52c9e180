import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { defaultShareImage, favicon, navScript, stylesheet } from './assets.ts';

/** What every page's <head> and chrome needs from the site. */
export interface SiteInfo {
  title: string;
  description: string;
  language: string;
  timezone: string;
  /** The absolute address readers reach the site at, without a trailing slash. */
  publicUrl: string;
  /**
   * The header and footer navigation, as the newsroom set them (or their defaults), ready to draw.
   * Absent where the database could not be asked (an error page): the layout then offers the links
   * that always exist.
   */
  menus?: SiteMenus | undefined;
}

/** One link of a site menu: its words, where it goes, and (header only) the links under it. */
export interface NavLink {
  label: string;
  /** A site path ("/section/news/") or an absolute http(s) address. */
  href: string;
  children?: NavLink[];
}

/** The two menus every reader page draws. The header nests one level; the footer is flat. */
export interface SiteMenus {
  header: NavLink[];
  footer: NavLink[];
}

/** Where reader routes get the menus from: the menus module's service, passed in by the composition root. */
export interface SiteMenuSource {
  resolved(): Promise<SiteMenus>;
}

/** What the layout draws when no menus were given: links that exist on every site. */
const FALLBACK_MENUS: SiteMenus = {
  header: [{ label: 'Latest news', href: '/' }],
  footer: [
    { label: 'RSS', href: '/feed/' },
    { label: 'Atom', href: '/feed/atom/' },
    { label: 'JSON Feed', href: '/feed.json' },
    { label: 'Search', href: '/search' },
  ],
};

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

/** What a page's <title>, meta description, canonical and share tags say, worked out once. */
export interface HeadValues {
  /** The <title>: the page's title and the site's. */
  fullTitle: string;
  /** og:title and twitter:title: the page's own title, without the site's. */
  shareTitle: string;
  /** The meta description and og:description: the page's, or the site's. */
  summary: string;
  /** The absolute canonical address and og:url, when the page has one. */
  url: string | undefined;
  /** og:image and twitter:image: absolute. */
  image: string;
}

/**
 * The values the layout writes into <head>. The newsroom's search and share preview asks this same
 * function, so that what it shows is what the page says.
 */
export function headValues(
  args: Pick<LayoutProps, 'site' | 'title' | 'description' | 'canonical' | 'og'>,
): HeadValues {
  const { site, title, description, canonical, og } = args;
  return {
    fullTitle: title ? `${title} – ${site.title}` : site.title,
    shareTitle: title ?? site.title,
    summary: description ?? site.description,
    url: canonical !== undefined ? `${site.publicUrl}${canonical}` : undefined,
    image: og?.image ?? `${site.publicUrl}${defaultShareImage.path}`,
  };
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
  const { fullTitle, shareTitle, summary, url, image } = headValues({
    site,
    title,
    description,
    canonical,
    og,
  });
  const menus = site.menus ?? FALLBACK_MENUS;
  const hasSubmenus = menus.header.some((link) => (link.children ?? []).length > 0);
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
        <meta property="og:title" content={shareTitle} />
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
        <meta name="twitter:title" content={shareTitle} />
        <meta name="twitter:description" content={summary} />
        <meta name="twitter:image" content={image} />
        {hasSubmenus && <script src={navScript.path} defer></script>}
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
            <SiteNav links={menus.header} current={canonical} />
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
            {menus.footer.length > 0 && (
              <nav aria-label="Footer">
                <ul class="footer-links">
                  {menus.footer.map((link) => (
                    <li>
                      <a href={link.href} aria-current={link.href === canonical ? 'page' : undefined}>
                        {link.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            <p class="colophon">Published with Dateline</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/**
 * The header menu. A link with links under it is followed by a disclosure button and its list. The
 * stylesheet decides by `@media (scripting)`, before anything is drawn (so nothing shifts): without
 * script the button is not shown and the list simply follows its link; with script the list folds
 * behind the button, which the small nav script (`nav.js`) opens and closes. The link above the
 * list always leads to its own page. On a phone the list opens under the menu's row, on a wide
 * screen it drops below its link.
 */
function SiteNav({ links, current }: { links: NavLink[]; current: string | undefined }) {
  if (links.length === 0) return null;
  const here = (href: string) => (href === current ? 'page' : undefined);
  return (
    <nav class="site-nav" aria-label="Sections">
      <ul>
        {links.map((link, i) => {
          const children = link.children ?? [];
          if (children.length === 0)
            return (
              <li>
                <a href={link.href} aria-current={here(link.href)}>
                  {link.label}
                </a>
              </li>
            );
          const id = `site-nav-sub-${i + 1}`;
          return (
            <li class="has-sub">
              <a href={link.href} aria-current={here(link.href)}>
                {link.label}
              </a>
              <button type="button" class="sub-toggle" aria-expanded="false" aria-controls={id}>
                <span class="visually-hidden">{`More in ${link.label}`}</span>
              </button>
              <ul id={id} class="sub-menu">
                {children.map((child) => (
                  <li>
                    <a href={child.href} aria-current={here(child.href)}>
                      {child.label}
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
