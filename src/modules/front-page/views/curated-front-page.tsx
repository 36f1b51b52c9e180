import { Layout, type SiteInfo } from '../../../platform/render/layout.tsx';
import { Pagination } from '../../../platform/render/pagination.tsx';
import { ArticleList, websiteJsonLd } from '../../articles/http.ts';
import { sectionPaths } from '../../sections/index.ts';
import type { ComposedFrontPage } from '../service.ts';
import { LeadStory } from './lead-story.tsx';

/**
 * The curated first page: the lead, the pinned stories, the latest (newest first, less what is
 * already above) and one row per chosen section, each a list under its own heading. Later pages
 * stay the plain newest-first list.
 */
export function CuratedFrontPage({ site, front }: { site: SiteInfo; front: ComposedFrontPage }) {
  const { lead, pins, latest, rows } = front;
  return (
    <Layout site={site} canonical="/" jsonLd={[websiteJsonLd(site)]}>
      <h1 class="visually-hidden">{`Front page of ${site.title}`}</h1>
      {lead && <LeadStory article={lead} timezone={site.timezone} />}
      {pins.length > 0 && (
        <section class="front-section front-pinned" aria-labelledby="front-pinned">
          <h2 id="front-pinned" class="visually-hidden">
            Top stories
          </h2>
          <ArticleList items={pins} timezone={site.timezone} layout="grid" />
        </section>
      )}
      <section class="front-section" aria-labelledby="front-latest">
        <h2 id="front-latest" class="front-heading">
          Latest
        </h2>
        {latest.items.length === 0 ? (
          <p>Nothing else has been published yet.</p>
        ) : (
          <ArticleList items={latest.items} timezone={site.timezone} layout="grid" headingLevel={3} />
        )}
        <Pagination base="/" page={1} hasNext={latest.hasNext} />
      </section>
      {rows
        .filter((row) => row.items.length > 0)
        .map(({ section, items }) => (
          <section class="front-section" aria-labelledby={`front-row-${section.slug}`}>
            <h2 id={`front-row-${section.slug}`} class="front-heading">
              <a href={sectionPaths(section.slug).page}>{section.name}</a>
            </h2>
            <ArticleList items={items} timezone={site.timezone} layout="grid" headingLevel={3} />
          </section>
        ))}
    </Layout>
  );
}
