// STUB: replaced by the search module's real implementation.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Settings } from '../settings/index.ts';

/** A piece of a snippet; `isMatch` pieces are highlighted. Text only: the view escapes it. */
export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

/** One search result. */
export interface SearchHit {
  id: number;
  slug: string;
  title: string;
  standfirst: string;
  publishedAt: string;
  snippet: SnippetPart[];
}

/** One page of search results. */
export interface SearchResult {
  query: string;
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

export function createSearchService(_deps: { db: Db; clock: Clock }): SearchService {
  return {
    async search({ q, page }) {
      return { query: q, items: [], total: 0, page, totalPages: 1 };
    },
  };
}

export const searchRoutes: FastifyPluginAsync<{
  search: SearchService;
  settings: { all(): Promise<Settings> };
}> = async () => {};
