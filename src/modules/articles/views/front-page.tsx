import { Layout, type SiteInfo } from '../../../platform/render/layout.tsx';
import { Pagination } from '../../../platform/render/pagination.tsx';
import type { ArticlePage } from '../service.ts';
import { publisherOf } from '../structured-data.ts';
import { ArticleList } from './article-list.tsx';

/** The front page's WebSite structured data, with the site search: the curated front page's too. */
export function websiteJsonLd(site: SiteInfo) {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: site.title,
    url: `${site.publicUrl}/`,
    description: site.description,
    publisher: publisherOf(site),
    potentialAction: {
      '@type': 'SearchAction',
      target: `${site.publicUrl}/search?q={search_term_string}`,
      'query-input': 'required name=search_term_string',
    },
  };
}

/** The front page and its later pages: the latest articles. */
export function FrontPage({ site, list }: { site: SiteInfo; list: ArticlePage }) {
  const isFirst = list.page === 1;
  return (
    <Layout
      site={site}
      title={isFirst ? undefined : `Page ${list.page}`}
      canonical={isFirst ? '/' : `/page/${list.page}/`}
      jsonLd={isFirst ? [websiteJsonLd(site)] : []}
    >
      <h1 class={isFirst ? 'visually-hidden' : undefined}>
        {isFirst ? `Latest from ${site.title}` : `Latest articles, page ${list.page}`}
      </h1>
      {list.items.length === 0 ? (
        <p>Nothing has been published yet.</p>
      ) : (
        <ArticleList items={list.items} timezone={site.timezone} layout="grid" lead={isFirst} />
      )}
      <Pagination base="/" page={list.page} hasNext={list.hasNext} />
    </Layout>
  );
}
