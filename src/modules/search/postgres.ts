import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { isVisibleArticle } from '../articles/index.ts';
import { VISIBLE_PAGE_STATUS } from '../pages/index.ts';
import { toTsquery, type ParsedQuery } from './query.ts';
import {
  BODY_EXCERPT_LENGTH,
  type IndexedArticle,
  type IndexedPage,
  type SearchIndex,
} from './repository.ts';

// ts_rank_cd's weights for labels {D, C, B, A}: body (C) 0.1, standfirst (B) 0.5, title (A) 1.0, the
// same 1 : 5 : 10 as SQLite's bm25 weights. D is unused.
const WEIGHTS = sql`'{0.1, 0.1, 0.5, 1.0}'::float4[]`;

// The query text is a bound parameter; to_tsquery parses it, never the SQL parser.
function tsquery(query: ParsedQuery) {
  return sql`to_tsquery('simple'::regconfig, ${toTsquery(query)})`;
}

function matching(db: Db, query: ParsedQuery, now: string) {
  return db
    .selectFrom('articles')
    .where((eb) => isVisibleArticle(eb, now))
    .where(sql<boolean>`articles.search_vector @@ ${tsquery(query)}`);
}

/** Search on PostgreSQL and PGlite: the generated tsvector column articles.search_vector (migration 0003). */
export function createPostgresSearchIndex(db: Db): SearchIndex {
  return {
    async findPages({ query, limit }) {
      // pages.search_vector is migration 0017's, folded and weighted as articles' is.
      const { rows } = await sql<IndexedPage>`
        select pages.id, pages.slug, pages.title, parent.slug as parent_slug,
          left(pages.body_html, ${BODY_EXCERPT_LENGTH}) as body_excerpt
        from pages
        left join pages as parent on parent.id = pages.parent_id
        where pages.search_vector @@ ${tsquery(query)}
          and pages.status = ${VISIBLE_PAGE_STATUS}
          and (pages.parent_id is null or parent.status = ${VISIBLE_PAGE_STATUS})
        order by ts_rank_cd(${WEIGHTS}, pages.search_vector, ${tsquery(query)}) desc, pages.id
        limit ${limit}
      `.execute(db);
      return rows;
    },

    async find({ query, now, limit, offset }) {
      const rows = await matching(db, query, now)
        .select([
          'articles.id',
          'articles.slug',
          'articles.title',
          'articles.standfirst',
          'articles.published_at',
          sql<string>`left(articles.body_html, ${BODY_EXCERPT_LENGTH})`.as('body_excerpt'),
          sql<number>`ts_rank_cd(${WEIGHTS}, articles.search_vector, ${tsquery(query)})`.as('score'),
        ])
        .orderBy('score', 'desc')
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map(({ score: _score, published_at, ...row }): IndexedArticle => ({
        ...row,
        // The where clause has already refused a null.
        published_at: published_at ?? '',
      }));
    },

    async count({ query, now }) {
      const row = await matching(db, query, now)
        .select((eb) => eb.fn.countAll().as('total'))
        .executeTakeFirst();
      return Number(row?.total ?? 0);
    },
  };
}
