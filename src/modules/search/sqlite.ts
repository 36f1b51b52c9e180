import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { VISIBLE_STATUS, visibleArticleSql } from '../articles/index.ts';
import { VISIBLE_PAGE_STATUS } from '../pages/index.ts';
import { toFts5Match } from './query.ts';
import {
  BODY_EXCERPT_LENGTH,
  type IndexedArticle,
  type IndexedPage,
  type SearchIndex,
} from './repository.ts';

// bm25's weights per column of articles_fts (title, standfirst, body_text): a title match counts ten
// times a body match and a standfirst match five times. bm25 is lower for better matches.
const RANK = sql`bm25(articles_fts, 10.0, 5.0, 1.0)`;

// Whether readers may see an article is read from the index articles_visibility (id, status,
// published_at), migration 0011, never from the article's row: in the row those columns sit behind
// the body, and reaching them costs a walk over its overflow pages. INDEXED BY keeps the planner
// from choosing the row, which it would for a lookup by id.
const VISIBILITY = sql`articles indexed by articles_visibility`;

/** Where the shortcuts below give way; tests lower them to check both ways give the same answers. */
export interface SqliteSearchLimits {
  /** The most ranked matches one page is worked out from before the whole-result query takes over. */
  maxRanked: number;
  /** How many hidden articles (drafts, scheduled, future-dated) the count subtracts one by one. */
  maxHiddenProbed: number;
}

const LIMITS: SqliteSearchLimits = { maxRanked: 2_000, maxHiddenProbed: 200 };

interface Ranked {
  id: number;
  rank: number;
  published_at: string;
}

/** Best first, then newest first: the order every search result comes in. */
function byRank(a: Ranked, b: Ranked): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.published_at !== b.published_at) return a.published_at < b.published_at ? 1 : -1;
  return b.id - a.id;
}

/**
 * Search on SQLite: the FTS5 table articles_fts (migration 0003), joined back to articles by rowid.
 *
 * A page of results is worked out from the best-ranked matches only. FTS5 still scores every match,
 * but sorts only the best n and hands back n rows, so a word in thousands of articles costs about
 * 2 ms, where joining every match to articles cost 25 ms. The n-th match's score may be shared by
 * matches past n, so only matches scored strictly better than it are used; if too few of those are
 * visible to readers, n grows, and past `maxRanked` (deep pages, or a publication mostly hidden)
 * the query over every match answers instead. Both give the same rows in the same order.
 */
export function createSqliteSearchIndex(db: Db, limits: SqliteSearchLimits = LIMITS): SearchIndex {
  async function visibleAmong(ids: number[], now: string): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const { rows } = await sql<{ id: number; published_at: string }>`
      select id, published_at from ${VISIBILITY}
      where id in (${sql.join(ids)}) and ${visibleArticleSql(now)}
    `.execute(db);
    return new Map(rows.map((r) => [r.id, r.published_at]));
  }

  async function rankedPage(match: string, now: string, wanted: number): Promise<Ranked[] | undefined> {
    for (let n = Math.max(wanted * 2, 32); n <= limits.maxRanked; n *= 4) {
      const { rows: scored } = await sql<{ id: number; score: number }>`
        select rowid as id, ${RANK} as score from articles_fts where articles_fts match ${match}
        order by score limit ${n}
      `.execute(db);
      const rows = scored.map((r) => ({ id: r.id, rank: r.score }));
      const isEveryMatch = rows.length < n;
      const cutoff = rows[rows.length - 1]?.rank;
      const sure = isEveryMatch ? rows : rows.filter((r) => r.rank < (cutoff as number));
      const visible = await visibleAmong(
        sure.map((r) => r.id),
        now,
      );
      const ranked = sure.flatMap((r) => {
        const publishedAt = visible.get(r.id);
        return publishedAt === undefined ? [] : [{ id: r.id, rank: r.rank, published_at: publishedAt }];
      });
      if (isEveryMatch || ranked.length >= wanted) return ranked.sort(byRank);
    }
    return undefined;
  }

  async function everyMatchPage(match: string, now: string, limit: number, offset: number) {
    // The matches are gathered first (MATERIALIZED) and joined to the visibility index in that order
    // (CROSS JOIN): joined freely, SQLite's planner walked the articles instead and ran the full-text
    // match once per article — 56 s against 25 ms at 100,000.
    const { rows } = await sql<Ranked>`
      with hits as materialized (
        select rowid as id, ${RANK} as rank from articles_fts where articles_fts match ${match}
      )
      select hits.id, hits.rank, articles.published_at
      from hits cross join ${VISIBILITY} on articles.id = hits.id
      where ${visibleArticleSql(now)}
      order by hits.rank, articles.published_at desc, articles.id desc
      limit ${limit} offset ${offset}
    `.execute(db);
    return rows;
  }

  return {
    async findPages({ query, limit }) {
      // A publication has tens of pages: every match is ranked, with the same weights as articles'.
      const { rows } = await sql<IndexedPage>`
        select pages.id, pages.slug, pages.title, parent.slug as parent_slug,
          substr(pages.body_html, 1, ${BODY_EXCERPT_LENGTH}) as body_excerpt
        from pages_fts
        join pages on pages.id = pages_fts.rowid
        left join pages as parent on parent.id = pages.parent_id
        where pages_fts match ${toFts5Match(query)}
          and pages.status = ${VISIBLE_PAGE_STATUS}
          and (pages.parent_id is null or parent.status = ${VISIBLE_PAGE_STATUS})
        order by bm25(pages_fts, 10.0, 5.0, 1.0), pages.id
        limit ${limit}
      `.execute(db);
      return rows;
    },

    async find({ query, now, limit, offset }) {
      const match = toFts5Match(query);
      const ranked = await rankedPage(match, now, offset + limit);
      const page = ranked
        ? ranked.slice(offset, offset + limit)
        : await everyMatchPage(match, now, limit, offset);
      if (page.length === 0) return [];
      const { rows } = await sql<IndexedArticle>`
        select id, slug, title, standfirst, published_at,
          substr(body_html, 1, ${BODY_EXCERPT_LENGTH}) as body_excerpt
        from articles where id in (${sql.join(page.map((r) => r.id))})
      `.execute(db);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return page.flatMap((r) => byId.get(r.id) ?? []);
    },

    async count({ query, now }) {
      const match = toFts5Match(query);
      // Readers see nearly every article: count all matches, then take away the hidden ones, found
      // by four ranges of the status index. A newsroom with many hidden articles is counted by
      // joining every match to the visibility index instead. The four ranges are the complement of
      // visibleArticleSql, split so that each is one index range; search.test.ts counts both ways.
      const { rows: hidden } = await sql<{ id: number }>`
        select id from articles where status < ${VISIBLE_STATUS}
        union all select id from articles where status > ${VISIBLE_STATUS}
        union all select id from articles where status = ${VISIBLE_STATUS} and published_at > ${now}
        union all select id from articles where status = ${VISIBLE_STATUS} and published_at is null
        limit ${limits.maxHiddenProbed + 1}
      `.execute(db);
      if (hidden.length <= limits.maxHiddenProbed) {
        const { rows } = await sql<{ total: number; hidden: number }>`
          select (select count(*) from articles_fts where articles_fts match ${match}) as total,
            ${
              hidden.length === 0
                ? sql`0`
                : // The hidden ids are matched outside the FTS5 table: inside it, a rowid bound as a
                  // JavaScript number (a REAL to SQLite) next to MATCH is ignored, so every match was
                  // counted as hidden and a search with one draft about found nothing.
                  sql`(with hits as materialized (
                      select rowid as id from articles_fts where articles_fts match ${match}
                    ) select count(*) from hits where id in (${sql.join(hidden.map((h) => h.id))}))`
            } as hidden
        `.execute(db);
        return Number(rows[0]?.total ?? 0) - Number(rows[0]?.hidden ?? 0);
      }
      const { rows } = await sql<{ total: number }>`
        with hits as materialized (select rowid as id from articles_fts where articles_fts match ${match})
        select count(*) as total
        from hits cross join ${VISIBILITY} on articles.id = hits.id
        where ${visibleArticleSql(now)}
      `.execute(db);
      return Number(rows[0]?.total ?? 0);
    },
  };
}
