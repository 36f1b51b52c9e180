import { breadcrumbList } from '../../../platform/render/breadcrumbs.ts';
import { Layout, type SiteInfo } from '../../../platform/render/layout.tsx';
import { Pagination } from '../../../platform/render/pagination.tsx';
import type { ArticlePage } from '../../articles/index.ts';
import { ArticleList } from '../../articles/http.ts';

/** A tag's page: its articles, newest first. */
export function TagPage({
  site,
  tag,
  list,
}: {
  site: SiteInfo;
  tag: { slug: string; name: string; description: string };
  list: ArticlePage;
}) {
  const path = `/tag/${tag.slug}/`;
  return (
    <Layout
      site={site}
      title={list.page > 1 ? `${tag.name}, page ${list.page}` : tag.name}
      description={tag.description || `Articles tagged ${tag.name} on ${site.title}.`}
      canonical={list.page > 1 ? `${path}page/${list.page}/` : path}
      jsonLd={[
        breadcrumbList(site.publicUrl, [
          { name: site.title, path: '/' },
          { name: tag.name, path },
        ]),
      ]}
      feeds={[{ title: `${tag.name} – RSS`, href: `${path}feed/`, type: 'application/rss+xml' }]}
    >
      <header class="page-header">
        <p class="kicker">Topic</p>
        <h1>{tag.name}</h1>
        {tag.description && <p class="page-description">{tag.description}</p>}
      </header>
      <ArticleList items={list.items} timezone={site.timezone} />
      <Pagination base={path} page={list.page} hasNext={list.hasNext} />
    </Layout>
  );
}
