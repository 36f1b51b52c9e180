import type { Db } from '../../platform/db/database.ts';
import type { CommentStatus } from '../../platform/db/schema.ts';

/** A comment as a public page may show it: never the email, IP or user agent. */
export interface PublicComment {
  id: number;
  parent_id: number | null;
  author_name: string;
  author_url: string | null;
  body: string;
  created_at: string;
}

/** The approved comments of an article, oldest first. */
export function listApproved(db: Db, articleId: number): Promise<PublicComment[]> {
  return db
    .selectFrom('comments')
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .select(['id', 'parent_id', 'author_name', 'author_url', 'body', 'created_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Approved comment counts for several articles, in one query. */
export async function countApproved(db: Db, articleIds: readonly number[]): Promise<Map<number, number>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('comments')
    .where('article_id', 'in', articleIds)
    .where('status', '=', 'approved')
    .groupBy('article_id')
    .select((eb) => ['article_id', eb.fn.countAll().as('count')])
    .execute();
  return new Map(rows.map((r) => [r.article_id, Number(r.count)]));
}

/** The article a comment is posted to, if it is published. */
export function findCommentableArticle(db: Db, slug: string, now: string) {
  return db
    .selectFrom('articles')
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .select(['id', 'slug', 'published_at', 'comments_open'])
    .executeTakeFirst();
}

/** A parent comment, to check that a reply stays within its article. */
export function findComment(db: Db, id: number) {
  return db
    .selectFrom('comments')
    .where('id', '=', id)
    .select(['id', 'article_id', 'status', 'parent_id'])
    .executeTakeFirst();
}

/** The columns a new comment writes. */
export interface CommentWrite {
  article_id: number;
  parent_id: number | null;
  author_name: string;
  author_email: string;
  author_url: string | null;
  body: string;
  status: CommentStatus;
  ip_hash: string | null;
  user_agent: string | null;
  created_at: string;
}

/** Stores a comment and returns its id. */
export async function insertComment(db: Db, values: CommentWrite): Promise<number> {
  const row = await db.insertInto('comments').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
