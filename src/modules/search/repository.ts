// The interface both search implementations satisfy: sqlite.ts (FTS5) and postgres.ts (tsvector).
import type { ParsedQuery } from './query.ts';

/** One matching article as the index returns it. */
export interface IndexedArticle {
  id: number;
  slug: string;
  title: string;
  standfirst: string;
  published_at: string;
  /** The start of the stored body HTML, for the snippet. */
  body_excerpt: string;
}

/** One matching standing page (About, Contact) as the index returns it. */
export interface IndexedPage {
  id: number;
  slug: string;
  title: string;
  parent_slug: string | null;
  /** The start of the stored body HTML, for the snippet. */
  body_excerpt: string;
}

/** What one page of matches is asked for with. `now` is ISO 8601: later articles are not published yet. */
export interface IndexQuery {
  query: ParsedQuery;
  now: string;
}

/**
 * Full-text search over published articles, one implementation per dialect, chosen the way Kysely
 * chooses a Dialect. Both apply the same reader rule as every list: status published, published_at
 * not after now. Results come best first (a title match above a standfirst match above a body match),
 * then newest first.
 */
export interface SearchIndex {
  /** One page of matches, best first. */
  find(args: IndexQuery & { limit: number; offset: number }): Promise<IndexedArticle[]>;
  /** How many published articles match in all. */
  count(args: IndexQuery): Promise<number>;
  /**
   * The best published standing pages that match, at most `limit`: a page is published, and so
   * is its parent if it has one (a child is reached through it).
   */
  findPages(args: { query: ParsedQuery; limit: number }): Promise<IndexedPage[]>;
}

/** How much of a body is read back for its snippet; a match further in shows the opening instead. */
export const BODY_EXCERPT_LENGTH = 100_000;
