import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { dialectOf } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { featuredImagesOf, type FeaturedImage } from '../articles/index.ts';
import { createPostgresSearchIndex } from './postgres.ts';
import { highlightTerms, parseQuery } from './query.ts';
import type { SearchIndex } from './repository.ts';
import { snippetOfHtml, type SnippetPart } from './snippet.ts';
import { createSqliteSearchIndex } from './sqlite.ts';
import { pagePath } from '../pages/index.ts';

/** One search result. */
export interface SearchHit {
  id: number;
  slug: string;
  title: string;
  standfirst: string;
  publishedAt: string;
  snippet: SnippetPart[];
  /** The article's picture, for the results list; null without one. */
  featuredImage: FeaturedImage | null;
}

/** A standing page (About, Contact) that matches. */
export interface PageHit {
  title: string;
  /** The page's address: `/about/` or `/about/contact/`. */
  path: string;
  snippet: SnippetPart[];
}

/** How many matching standing pages the first page of results shows, above the articles. */
export const PAGE_HITS = 5;

/** One page of search results. */
export interface SearchResult {
  query: string;
  /** Matching standing pages, on the first page of results only; they are not counted in `total`. */
  pages: PageHit[];
  items: SearchHit[];
  total: number;
  page: number;
  totalPages: number;
}

/** Full-text search over published articles. */
export interface SearchService {
  /** Throws AppError VALIDATION_FAILED (field "q") for an empty, all-punctuation or too long query. */
  search(args: { q: string; page: number; perPage: number }): Promise<SearchResult>;
}

/** The most results one page may ask for. */
const MAX_PER_PAGE = 100;

/** The search index for the database's dialect, as Kysely picks a Dialect. */
export function createSearchIndex(db: Db): SearchIndex {
  return dialectOf(db) === 'postgres' ? createPostgresSearchIndex(db) : createSqliteSearchIndex(db);
}

/**
 * Builds the search service. A page past the last one comes back with no items (and the real total),
 * so that callers decide whether that is a 404.
 */
export function createSearchService(deps: { db: Db; clock: Clock }): SearchService {
  const index = createSearchIndex(deps.db);
  return {
    async search({ q, page, perPage }) {
      // The HTTP layer checks these too; the service is also called by the API and the CLI.
      if (!Number.isSafeInteger(page) || page < 1) {
        throw new AppError('VALIDATION_FAILED', { fields: { page: 'must be a whole number from 1' } });
      }
      if (!Number.isSafeInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
        throw new AppError('VALIDATION_FAILED', {
          fields: { perPage: `must be a whole number from 1 to ${MAX_PER_PAGE}` },
        });
      }
      const parsed = parseQuery(typeof q === 'string' ? q : '');
      if (!parsed.ok) {
        throw new AppError('VALIDATION_FAILED', {
          message: parsed.problem.message,
          fields: { q: parsed.problem.message },
        });
      }
      const now = deps.clock.now().toISOString();
      const args = { query: parsed.query, now };
      const [total, rows, pageRows] = await Promise.all([
        index.count(args),
        index.find({ ...args, limit: perPage, offset: (page - 1) * perPage }),
        page === 1 ? index.findPages({ query: parsed.query, limit: PAGE_HITS }) : Promise.resolve([]),
      ]);
      const terms = highlightTerms(parsed.query);
      // One more query for the page's pictures, under the same reader rule as the matches.
      const images = await featuredImagesOf(deps.db, { articleIds: rows.map((r) => r.id), now });
      return {
        query: q.trim(),
        pages: pageRows.map((row) => ({
          title: row.title,
          path: pagePath(row.slug, row.parent_slug),
          snippet: snippetOfHtml(row.body_excerpt, terms),
        })),
        items: rows.map((row) => ({
          id: row.id,
          slug: row.slug,
          title: row.title,
          standfirst: row.standfirst,
          publishedAt: row.published_at,
          snippet: snippetOfHtml(row.body_excerpt, terms),
          featuredImage: images.get(row.id) ?? null,
        })),
        total,
        page,
        totalPages: Math.max(1, Math.ceil(total / perPage)),
      };
    },
  };
}
