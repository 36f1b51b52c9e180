// Who may see this article now. A reader sees an article once it is published and its published_at
// has come: never a draft, never a scheduled article before its time, never one that was published
// and then taken back (unpublished). This file is the one place the rule is written; every query a
// reader's page, feed, sitemap, search or API answer runs applies it through one of the twins below,
// so that they cannot disagree about an embargoed story.
//
// The newsroom reads every status: its queries (newsroom-repository.ts) apply no reader rule, because
// only signed-in staff reach them. When a page serves both readers and staff, `readScope(actor)`
// (STYLE.md) is where the choice between this rule and "everything" belongs.
//
// Copies the database keeps for speed, each checked by tests against the rule itself:
// - migration 0011's index articles_visibility (id, status, published_at) answers it for SQLite's search;
// - migration 0012's listed_at on bylines and article–tag links holds published_at while the article
//   is published, so `listed_at <= now` is the rule read from a link (author and tag pages);
// - search/sqlite.ts counts hidden matches by the rule's complement, as four index ranges.
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { ArticleStatus, Database } from '../../platform/db/schema.ts';

/** The one status readers may see. */
export const VISIBLE_STATUS = 'published' satisfies ArticleStatus;

/**
 * The rule as a Kysely filter on `articles`: `.where((eb) => isVisibleArticle(eb, now))`. `now` is
 * ISO 8601 UTC text, a bound value, so prepared queries compile it once.
 */
export function isVisibleArticle(
  eb: ExpressionBuilder<Database, 'articles'>,
  now: string,
): Expression<SqlBool> {
  return eb.and([eb('articles.status', '=', VISIBLE_STATUS), eb('articles.published_at', '<=', now)]);
}

/**
 * The rule for raw `sql` queries, on `articles` or the name it is read under
 * (`articles indexed by …` keeps the name). Parenthesised, so it can stand beside `or`.
 */
export function visibleArticleSql(now: string, table = 'articles'): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${table}.status`)} = ${VISIBLE_STATUS} and ${sql.ref(`${table}.published_at`)} <= ${now})`;
}

/** The rule for a row already read: whether readers may see it at `now`. */
export function isVisibleRow(
  row: { status: ArticleStatus; published_at: string | null },
  now: string,
): boolean {
  return row.status === VISIBLE_STATUS && row.published_at !== null && row.published_at <= now;
}
