import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { SitemapIndexStream, SitemapStream, streamToPromise, type SitemapItemLoose } from 'sitemap';
import { notFound } from '../../platform/errors.ts';
import type { ArticleService } from '../articles/index.ts';
import type { AuthorService } from '../authors/index.ts';
import type { SettingsService } from '../settings/index.ts';
import { cacheTags } from '../page-cache/index.ts';
import type { PageService } from '../pages/index.ts';
import { sectionPaths, type SectionService } from '../sections/index.ts';
import type { TagService } from '../tags/index.ts';

/** What the sitemap routes need. */
export interface SitemapRoutesOptions {
  articles: ArticleService;
  authors: AuthorService;
  tags: TagService;
  sections: SectionService;
  /** Standing pages (About, Contact): the published ones are listed in pages-1.xml. */
  pages: PageService;
  settings: SettingsService;
  publicUrl: string;
}

/** The sitemaps protocol's limit of URLs per file. */
export const URLS_PER_SITEMAP = 50_000;

/** Google News lists the articles of the last two days. */
const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;

const XML = 'application/xml; charset=utf-8';
const isPublic = { config: { permission: 'public' } } as const;

type Kind = 'articles' | 'authors' | 'tags' | 'sections' | 'pages';

/** `/sitemaps/<kind>-<n>.xml`: anything else is no sitemap (404). */
const SitemapFileParamsSchema = Type.Object({
  file: Type.String({ pattern: '^(articles|authors|tags|sections|pages)-[1-9][0-9]{0,5}\\.xml$' }),
});

/** The sitemap files an index lists: at least one per kind, then one more per `perFile` URLs. */
export function sitemapFiles(counts: Record<Kind, number>, perFile = URLS_PER_SITEMAP): string[] {
  const files: string[] = [];
  for (const kind of ['articles', 'authors', 'tags', 'sections', 'pages'] as const) {
    const n = Math.max(1, Math.ceil(counts[kind] / perFile));
    for (let i = 1; i <= n; i += 1) files.push(`/sitemaps/${kind}-${i}.xml`);
  }
  return files;
}

/** A sitemap with no URLs: what a new publication, or a quiet two days for news, has to list. */
const EMPTY_URLSET =
  '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>';

async function render(
  stream: SitemapStream | SitemapIndexStream,
  items: readonly (SitemapItemLoose | { url: string; lastmod?: string })[],
) {
  // The sitemap package refuses to end a stream nothing was written to (EmptySitemap), which
  // answered 500 whenever there was nothing to list. An index always lists at least four files.
  if (items.length === 0 && stream instanceof SitemapStream) return EMPTY_URLSET;
  for (const item of items) stream.write(item);
  stream.end();
  return (await streamToPromise(stream)).toString('utf8');
}

/** `/sitemap.xml` (an index), its article, author, tag, section and page sitemaps, `/news-sitemap.xml` and `/robots.txt`. */
export const sitemapRoutes: FastifyPluginAsync<SitemapRoutesOptions> = async (app, options) => {
  const { articles, authors, tags, sections, pages, publicUrl } = options;

  async function counts(): Promise<Record<Kind, number>> {
    const [a, people, topics, desks, standing] = await Promise.all([
      articles.countPublished(),
      authors.listPublic(),
      tags.listPublic(),
      sections.list(),
      pages.listPublished(),
    ]);
    return {
      articles: a,
      authors: people.length,
      tags: topics.length,
      sections: desks.length,
      pages: standing.length,
    };
  }

  app.get('/sitemap.xml', isPublic, async (_request, reply) => {
    const entries = sitemapFiles(await counts()).map((path) => ({ url: `${publicUrl}${path}` }));
    return reply
      .cacheable({
        tags: [cacheTags.frontList, cacheTags.authors, cacheTags.tags, cacheTags.sections, cacheTags.pages],
      })
      .type(XML)
      .send(await render(new SitemapIndexStream(), entries));
  });

  const fileRoute = { ...isPublic, schema: { params: SitemapFileParamsSchema } };
  app.get<{ Params: { file: string } }>('/sitemaps/:file', fileRoute, async (request, reply) => {
    const [kind, n] = request.params.file.slice(0, -'.xml'.length).split('-') as [Kind, string];
    const offset = (Number(n) - 1) * URLS_PER_SITEMAP;
    let items: { url: string; lastmod?: string }[];
    if (kind === 'articles') {
      const rows = await articles.listForSitemap({ offset, limit: URLS_PER_SITEMAP });
      items = rows.map((r) => ({ url: `/${r.slug}/`, lastmod: r.updated_at }));
    } else if (kind === 'authors') {
      items = (await authors.listPublic())
        .slice(offset, offset + URLS_PER_SITEMAP)
        .map((a) => ({ url: `/author/${a.slug}/` }));
    } else if (kind === 'tags') {
      items = (await tags.listPublic())
        .slice(offset, offset + URLS_PER_SITEMAP)
        .map((t) => ({ url: `/tag/${t.slug}/` }));
    } else if (kind === 'pages') {
      // Published pages only: a draft, or a child under a draft parent, has no address readers reach.
      items = (await pages.listPublished())
        .slice(offset, offset + URLS_PER_SITEMAP)
        .map((p) => ({ url: p.path, lastmod: p.updatedAt }));
    } else {
      // Every section has a page, empty or not: sections are the publication's structure.
      items = (await sections.list())
        .slice(offset, offset + URLS_PER_SITEMAP)
        .map((s) => ({ url: sectionPaths(s.slug).page }));
    }
    if (items.length === 0 && offset > 0) throw notFound();
    const xml = await render(
      new SitemapStream({
        hostname: publicUrl,
        xmlns: { news: false, video: false, image: false, xhtml: false },
      }),
      items,
    );
    // An article sitemap shows every article's last change, so any article's save changes it.
    const listTag: Record<Kind, string> = {
      articles: cacheTags.anyArticle,
      authors: cacheTags.authors,
      tags: cacheTags.tags,
      sections: cacheTags.sections,
      pages: cacheTags.pages,
    };
    const cacheTagsFor = [listTag[kind]];
    return reply.cacheable({ tags: cacheTagsFor }).type(XML).send(xml);
  });

  app.get('/news-sitemap.xml', isPublic, async (_request, reply) => {
    const settings = await options.settings.all();
    const recent = await articles.listPublishedWithin(NEWS_WINDOW_MS);
    const items: SitemapItemLoose[] = recent.map((r) => ({
      url: `/${r.slug}/`,
      news: {
        publication: {
          name: settings['site.title'],
          language: settings['site.language'].split('-')[0] ?? 'en',
        },
        publication_date: r.published_at ?? '',
        title: r.title,
      },
    }));
    const xml = await render(
      new SitemapStream({
        hostname: publicUrl,
        xmlns: { news: true, video: false, image: false, xhtml: false },
      }),
      items,
    );
    return reply
      .cacheable({ tags: [cacheTags.settings, cacheTags.frontList] })
      .type(XML)
      .send(xml);
  });

  app.get('/robots.txt', isPublic, async (_request, reply) => {
    const lines = [
      'User-agent: *',
      'Disallow: /admin/',
      '',
      `Sitemap: ${publicUrl}/sitemap.xml`,
      `Sitemap: ${publicUrl}/news-sitemap.xml`,
      '',
    ];
    return reply.cacheable({ tags: [] }).type('text/plain; charset=utf-8').send(lines.join('\n'));
  });
};
