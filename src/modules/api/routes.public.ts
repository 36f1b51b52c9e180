import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { cacheTags } from '../page-cache/index.ts';
import { SlugParamsSchema } from '../../platform/http/schemas.ts';
import {
  createLinks,
  decodeCursor,
  encodeCursor,
  presentArticle,
  presentAuthor,
  presentHit,
  selectFields,
  toStoredInstant,
  type ArticleRow,
  type PartialApiArticle,
} from './presenters.ts';
import * as repo from './repository.ts';
import {
  ARTICLE_FIELDS,
  ArticleListSchema,
  ArticleSchema,
  AuthorListSchema,
  AuthorSchema,
  BadRequestSchema,
  ArticleNotFoundSchema,
  AuthorNotFoundSchema,
  LIST_LIMIT,
  ListArticlesQuerySchema,
  SEARCH_LIMIT,
  SearchQuerySchema,
  SearchResponseSchema,
  TagListSchema,
  type ArticleField,
} from './schemas.ts';
import type { ContentApiServices } from './content-services.ts';

/** What the API's routes read from. */
export interface ContentRoutesOptions {
  services: ContentApiServices;
  publicUrl: string;
  /** The API's own read queries run on it (see repository.ts). */
  db: Db | undefined;
}

const isPublic = { permission: 'public' } as const;
const ALL_FIELDS: ReadonlySet<ArticleField> = new Set(ARTICLE_FIELDS);

/**
 * Names what an answer shows with the page cache's tags, as HTML pages do, so that a CDN purging by
 * Surrogate-Key drops the API's JSON with the pages: an unpublished article's JSON goes with its tag.
 */
function surrogateKeys(reply: FastifyReply, tags: Iterable<string>): void {
  reply.header('surrogate-key', [...new Set(tags)].join(' '));
}

/** The Content API's data routes. Registered inside the API plugin, which adds CORS, errors and OpenAPI. */
export async function registerContentRoutes(
  app: FastifyInstance,
  { services, publicUrl, db }: ContentRoutesOptions,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const links = createLinks(publicUrl);
  const now = () => services.clock.now().toISOString();
  const database = (): Db => {
    // Until the composition root passes the database, the data routes answer 503 instead of guessing.
    if (!db) throw new AppError('DATABASE_UNAVAILABLE', { cause: new Error('apiRoutes was given no db') });
    return db;
  };

  // A fixed two queries for a page of any size, and none for what `fields` leaves out. Names the
  // articles, bylines and tags shown in the answer's Surrogate-Key.
  async function presentArticles(
    reply: FastifyReply,
    rows: readonly ArticleRow[],
    fields: ReadonlySet<ArticleField>,
    at: string,
    listTag?: string,
  ): Promise<PartialApiArticle[]> {
    const articleIds = rows.map((r) => r.id);
    const [bylines, tags, sections, sources] = await Promise.all([
      fields.has('authors') ? repo.bylinesFor(database(), { now: at, articleIds }) : [],
      fields.has('tags') ? repo.tagsFor(database(), { now: at, articleIds }) : [],
      fields.has('section') ? repo.sectionsFor(database(), { now: at, articleIds }) : [],
      fields.has('source') || fields.has('sources')
        ? repo.sourcesFor(database(), { now: at, articleIds })
        : [],
    ]);
    surrogateKeys(reply, [
      ...(listTag ? [listTag] : []),
      ...articleIds.map((id) => cacheTags.article(id)),
      ...bylines.map((b) => cacheTags.author(b.author_id)),
      ...tags.map((t) => cacheTags.tag(t.tag_id)),
      ...sections.flatMap((s) => [
        cacheTags.section(s.section_id),
        ...(s.parent_id !== null ? [cacheTags.section(s.parent_id)] : []),
      ]),
    ]);
    return rows.map((row) => presentArticle(row, { bylines, tags, sections, sources }, fields, links));
  }

  api.get(
    '/articles',
    {
      config: isPublic,
      schema: {
        operationId: 'listArticles',
        tags: ['articles'],
        summary: 'Published articles, newest first',
        description:
          'Pages through published articles, newest first. Follow `next` until it is null: each page ' +
          'starts just after the previous one, so an article published meanwhile never shifts a page.',
        querystring: ListArticlesQuerySchema,
        response: { 200: ArticleListSchema, 400: BadRequestSchema },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const limit = query.limit ?? LIST_LIMIT.default;
      const fields = selectFields(query.fields);
      const at = now();
      const rows = await repo.listArticles(database(), {
        now: at,
        // One more than the page shows tells whether there is a next page without counting.
        limit: limit + 1,
        withBody: fields.has('body_html'),
        ...(query.tag !== undefined && { tag: query.tag }),
        ...(query.author !== undefined && { author: query.author }),
        ...(query.since !== undefined && { since: toStoredInstant(query.since, 'since') }),
        ...(query.cursor !== undefined && { after: decodeCursor(query.cursor) }),
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const next =
        rows.length > limit && last?.published_at
          ? links.api('/articles', {
              tag: query.tag,
              author: query.author,
              since: query.since,
              fields: query.fields,
              limit: query.limit,
              cursor: encodeCursor({ publishedAt: last.published_at, id: last.id }),
            })
          : null;
      // Which articles a list holds changes with any article's publication: anyArticle says so.
      return { articles: await presentArticles(reply, page, fields, at, cacheTags.anyArticle), next };
    },
  );

  api.get(
    '/articles/:slug',
    {
      config: isPublic,
      schema: {
        operationId: 'getArticle',
        tags: ['articles'],
        summary: 'One published article, with its body',
        description: 'Every field, `body_html` included. A draft or a scheduled article is 404.',
        params: SlugParamsSchema,
        response: { 200: ArticleSchema, 400: BadRequestSchema, 404: ArticleNotFoundSchema },
      },
    },
    async (request, reply) => {
      const at = now();
      const row = await repo.findArticle(database(), { now: at, slug: request.params.slug });
      if (!row) throw notFound();
      const [article] = await presentArticles(reply, [row], ALL_FIELDS, at);
      // ALL_FIELDS makes every property present.
      return article as Required<PartialApiArticle>;
    },
  );

  api.get(
    '/authors',
    {
      config: isPublic,
      schema: {
        operationId: 'listAuthors',
        tags: ['authors'],
        summary: 'Every author, by name',
        response: { 200: AuthorListSchema },
      },
    },
    async (_request, reply) => {
      const authors = await services.authors.listPublic();
      surrogateKeys(reply, [cacheTags.authors, ...authors.map((a) => cacheTags.author(a.id))]);
      return { authors: authors.map((a) => presentAuthor(a, links)) };
    },
  );

  api.get(
    '/authors/:slug',
    {
      config: isPublic,
      schema: {
        operationId: 'getAuthor',
        tags: ['authors'],
        summary: 'One author',
        description: 'Their articles are at GET /articles?author={slug}.',
        params: SlugParamsSchema,
        response: { 200: AuthorSchema, 400: BadRequestSchema, 404: AuthorNotFoundSchema },
      },
    },
    async (request, reply) => {
      const author = await services.authors.findPublicBySlug(request.params.slug);
      if (!author) throw notFound();
      surrogateKeys(reply, [cacheTags.author(author.id)]);
      return presentAuthor(author, links);
    },
  );

  api.get(
    '/tags',
    {
      config: isPublic,
      schema: {
        operationId: 'listTags',
        tags: ['tags'],
        summary: 'Tags in use, by name, with their article counts',
        response: { 200: TagListSchema },
      },
    },
    async (_request, reply) => {
      const rows = await repo.listTagsWithCounts(database(), { now: now() });
      // Counts change with any article's publication; names with the tag's own.
      surrogateKeys(reply, [cacheTags.tags, cacheTags.anyArticle, ...rows.map((t) => cacheTags.tag(t.id))]);
      return {
        tags: rows.map((t) => ({
          slug: t.slug,
          name: t.name,
          article_count: t.article_count,
          url: links.tag(t.slug),
        })),
      };
    },
  );

  api.get(
    '/search',
    {
      config: isPublic,
      schema: {
        operationId: 'search',
        tags: ['search'],
        summary: 'Full-text search over published articles',
        description: 'Best match first. An empty or unusable query is 400 with `fields.q`.',
        querystring: SearchQuerySchema,
        response: { 200: SearchResponseSchema, 400: BadRequestSchema },
      },
    },
    async (request, reply) => {
      const { q } = request.query;
      const limit = request.query.limit ?? SEARCH_LIMIT.default;
      const result = await services.search.search({ q, page: request.query.page ?? 1, perPage: limit });
      // The index may lag behind an unpublish; the API shows only what is published now, and does
      // not count what it hides, since even a count can give an embargoed story away.
      const visible = await repo.publishedIdsAmong(database(), {
        now: now(),
        articleIds: result.items.map((hit) => hit.id),
      });
      const hits = result.items.filter((hit) => visible.has(hit.id));
      surrogateKeys(reply, [cacheTags.anyArticle]);
      return {
        query: result.query,
        total: Math.max(hits.length, result.total - (result.items.length - hits.length)),
        page: result.page,
        total_pages: Math.max(1, result.totalPages),
        results: hits.map((hit) => presentHit(hit, links)),
        next:
          result.page < result.totalPages
            ? links.api('/search', { q, page: result.page + 1, limit: request.query.limit })
            : null,
      };
    },
  );
}
