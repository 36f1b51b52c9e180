import { breadcrumbList } from '../../../platform/render/breadcrumbs.ts';
import { Layout, type SiteInfo } from '../../../platform/render/layout.tsx';
import { Pagination } from '../../../platform/render/pagination.tsx';
import type { ArticlePage } from '../../articles/index.ts';
import { ArticleList } from '../../articles/http.ts';
import { sectionPaths, type Section, type SectionRef } from '../repository.ts';

/** A section's page: its articles and its child sections' articles, newest first. */
export function SectionPage({
  site,
  section,
  subsections,
  list,
}: {
  site: SiteInfo;
  section: Section;
  /** The sections under this one, linked above the list. */
  subsections: SectionRef[];
  list: ArticlePage;
}) {
  const paths = sectionPaths(section.slug);
  const trail = [
    { name: site.title, path: '/' },
    ...(section.parent ? [{ name: section.parent.name, path: sectionPaths(section.parent.slug).page }] : []),
    { name: section.name, path: paths.page },
  ];
  return (
    <Layout
      site={site}
      title={list.page > 1 ? `${section.name}, page ${list.page}` : section.name}
      description={section.description || `The latest from ${section.name} on ${site.title}.`}
      canonical={list.page > 1 ? `${paths.page}page/${list.page}/` : paths.page}
      jsonLd={[breadcrumbList(site.publicUrl, trail)]}
      feeds={[
        { title: `${section.name} – RSS`, href: paths.rss, type: 'application/rss+xml' },
        { title: `${section.name} – Atom`, href: paths.atom, type: 'application/atom+xml' },
        { title: `${section.name} – JSON Feed`, href: paths.json, type: 'application/feed+json' },
      ]}
    >
      <header class="page-header">
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
          {trail.slice(0, -1).map((crumb, i) => (
            <>
              {i > 0 && ' › '}
              <a href={crumb.path}>{crumb.name}</a>
            </>
          ))}
        </nav>
        <h1>{section.name}</h1>
        {section.description && <p class="page-description">{section.description}</p>}
        {subsections.length > 0 && (
          <ul class="subsections">
            {subsections.map((child) => (
              <li>
                <a href={sectionPaths(child.slug).page}>{child.name}</a>
              </li>
            ))}
          </ul>
        )}
      </header>
      {list.items.length === 0 ? (
        <p class="empty">Nothing has been published in {section.name} yet.</p>
      ) : (
        <ArticleList items={list.items} timezone={site.timezone} />
      )}
      <Pagination base={paths.page} page={list.page} hasNext={list.hasNext} />
    </Layout>
  );
}
