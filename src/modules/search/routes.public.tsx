import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { AppError, notFound } from '../../platform/errors.ts';
import { PageNumberSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import type { SiteMenuSource } from '../../platform/render/layout.tsx';
import { toSiteInfo, type Settings } from '../settings/index.ts';
import { cacheTags } from '../page-cache/index.ts';
import { MAX_QUERY_LENGTH } from './query.ts';
import type { SearchResult, SearchService } from './service.ts';
import { SearchPage } from './views/search-page.tsx';

/** What the search page needs. */
export interface SearchRoutesOptions {
  search: SearchService;
  settings: { all(): Promise<Settings> };
  /** The header and footer menus, for the layout. */
  menus: SiteMenuSource;
  /** The address readers reach the site at, for canonical URLs. */
  publicUrl?: string;
}

const isPublic = { config: { permission: 'public' } } as const;

/**
 * `?q=…&page=N`. A page that is not a plain page number names no page of results (404, as for any
 * reader page). `q=a&q=b` is let through, for the page to say what is wrong with it.
 */
const SearchPageQuerySchema = Type.Object({
  q: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
  page: Type.Optional(PageNumberSchema),
});

// What the page echoes back of a query: no control characters (a NUL included), and not more than a
// query may hold, however much was sent.
function forDisplay(q: string): string {
  return q
    .replace(/\p{Cc}/gu, ' ')
    .trim()
    .slice(0, MAX_QUERY_LENGTH * 2);
}

/** `/search?q=…&page=N`: the results page, with the form. */
export const searchRoutes: FastifyPluginAsync<SearchRoutesOptions> = async (
  scope,
  { search, settings, menus, publicUrl = '' },
) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const options = { ...isPublic, schema: { querystring: SearchPageQuerySchema } };
  app.get('/search', options, async (request, reply) => {
    const { q, page = 1 } = request.query;

    const [all, menusNow] = await Promise.all([settings.all(), menus.resolved()]);
    const perPage = all['site.posts_per_page'];
    const site = toSiteInfo(all, publicUrl, menusNow);
    // Results show any published article or page, so any one's change drops them from the page cache.
    // An empty search is not stored: `?q=` with any run of spaces would each be a copy of one page.
    const send = (status: number, props: { query: string; result?: SearchResult; problem?: string }) =>
      (status === 200 && props.query !== ''
        ? reply.cacheable({
            tags: [cacheTags.settings, cacheTags.anyArticle, cacheTags.pages],
            query: ['q', 'page'],
          })
        : reply
      )
        .code(status)
        .type('text/html; charset=utf-8')
        .send(renderDocument(<SearchPage site={site} perPage={perPage} {...props} />));

    // `q=a&q=b` arrives as an array: one search box sends one q.
    if (q !== undefined && typeof q !== 'string') {
      return send(400, { query: '', problem: 'Search for one thing at a time.' });
    }
    const query = forDisplay(q ?? '');
    if (query === '') return send(200, { query });

    let result: SearchResult;
    try {
      result = await search.search({ q: q ?? '', page, perPage });
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED' && error.fields?.q) {
        return send(400, { query, problem: error.fields.q });
      }
      throw error;
    }
    // Past the last page of results, as past the last page of any list, there is no page.
    if (page > result.totalPages) throw notFound();
    return send(200, { query, result });
  });

  app.get('/search/', isPublic, async (request, reply) => {
    const url = new URL(request.url, 'http://x');
    return reply.redirect(`/search${url.search}`, 301);
  });
};
