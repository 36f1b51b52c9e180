import type { Db } from '../../platform/db/database.ts';

// The private preview links' queries (migration 0024). Only tokens' hashes are ever stored or asked for.

/** Stores a new link; returns its id. */
export async function insertLink(
  db: Db,
  values: {
    article_id: number;
    token_hash: string;
    created_by: number;
    created_at: string;
    expires_at: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('article_preview_links')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** An article's links, newest first, with the name of who made each. */
export function listForArticle(db: Db, articleId: number) {
  return db
    .selectFrom('article_preview_links')
    .leftJoin('users', 'users.id', 'article_preview_links.created_by')
    .where('article_preview_links.article_id', '=', articleId)
    .select([
      'article_preview_links.id',
      'article_preview_links.created_at',
      'article_preview_links.expires_at',
      'article_preview_links.revoked_at',
      'users.name as created_by_name',
    ])
    .orderBy('article_preview_links.id', 'desc')
    .execute();
}

/**
 * Ends a link of this article now (a link already ended keeps its first time). False when the
 * article has no such link.
 */
export async function revoke(
  db: Db,
  args: { articleId: number; linkId: number; at: string },
): Promise<boolean> {
  const link = await db
    .selectFrom('article_preview_links')
    .where('id', '=', args.linkId)
    .where('article_id', '=', args.articleId)
    .select('id')
    .executeTakeFirst();
  if (!link) return false;
  await db
    .updateTable('article_preview_links')
    .set({ revoked_at: args.at })
    .where('id', '=', args.linkId)
    .where('article_id', '=', args.articleId)
    .where('revoked_at', 'is', null)
    .execute();
  return true;
}

/** The link with this token hash, with its article's status; undefined when none. */
export function findByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('article_preview_links')
    .innerJoin('articles', 'articles.id', 'article_preview_links.article_id')
    .where('article_preview_links.token_hash', '=', tokenHash)
    .select([
      'article_preview_links.article_id',
      'article_preview_links.expires_at',
      'article_preview_links.revoked_at',
      'articles.status',
    ])
    .executeTakeFirst();
}
