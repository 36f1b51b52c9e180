import { raw } from 'hono/html';
import { breadcrumbList } from '../../../platform/render/breadcrumbs.ts';
import { Layout, type SiteInfo } from '../../../platform/render/layout.tsx';
import type { Page } from '../service.ts';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * A summary of the page for search engines when it has no description of its own: the opening of
 * its rendered body as text, cut at a word near 160 characters. The HTML is markdown-it's own.
 */
export function summaryOf(page: Pick<Page, 'description' | 'bodyHtml'>): string {
  if (page.description !== '') return page.description;
  const text = page.bodyHtml
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= 160) return text;
  const cut = text.slice(0, 160);
  const space = cut.lastIndexOf(' ');
  return `${(space > 80 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** schema.org WebPage for a standing page. */
export function webPage(site: SiteInfo, page: Page): object {
  const url = `${site.publicUrl}${page.path}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    name: page.title,
    url,
    description: summaryOf(page),
    inLanguage: site.language,
    isPartOf: { '@type': 'WebSite', name: site.title, url: `${site.publicUrl}/` },
  };
}

/** A standing page: its title, and the body rendered when it was saved. No byline, date or comments. */
export function PageView({ site, page }: { site: SiteInfo; page: Page }) {
  const trail = [
    { name: site.title, path: '/' },
    ...(page.parent ? [{ name: page.parent.title, path: `/${page.parent.slug}/` }] : []),
    { name: page.title, path: page.path },
  ];
  return (
    <Layout
      site={site}
      title={page.title}
      description={summaryOf(page)}
      canonical={page.path}
      og={{ type: 'website' }}
      jsonLd={[webPage(site, page), breadcrumbList(site.publicUrl, trail)]}
    >
      <article class="article standing-page">
        <header class="article-header">
          {page.parent && (
            <p class="kicker">
              <a href={`/${page.parent.slug}/`}>{page.parent.title}</a>
            </p>
          )}
          <h1>{page.title}</h1>
        </header>
        {/* body_html was rendered from Markdown by markdown-it (html:false) when the page was saved. */}
        <div class="article-body">{raw(page.bodyHtml)}</div>
      </article>
    </Layout>
  );
}
