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
  /** The publication's author who wrote it as staff, if any. */
  author_id: number | null;
}

const publicColumns = [
  'id',
  'parent_id',
  'author_name',
  'author_url',
  'body',
  'created_at',
  'author_id',
] as const;

/** The approved comments of an article, oldest first. */
export function listApproved(db: Db, articleId: number): Promise<PublicComment[]> {
  return db
    .selectFrom('comments')
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .select(publicColumns)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** One comment's public columns with its status and article, for the signed preview. */
export function findForPreview(db: Db, id: number) {
  return db
    .selectFrom('comments')
    .where('id', '=', id)
    .select([...publicColumns, 'status', 'article_id'])
    .executeTakeFirst();
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

/** The article a comment is posted to, if it is published, with what decides whether it is open. */
export function findCommentableArticle(db: Db, slug: string, now: string) {
  return db
    .selectFrom('articles')
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .select(['id', 'slug', 'title', 'published_at', 'comments_open', 'comments_close_after_days'])
    .executeTakeFirst();
}

/** A comment's place, to check that a reply stays within its article. */
export function findComment(db: Db, id: number) {
  return db
    .selectFrom('comments')
    .where('id', '=', id)
    .select(['id', 'article_id', 'status', 'parent_id'])
    .executeTakeFirst();
}

/** True when a comment with the same text from the same email is already on the article (trash aside). */
export async function hasDuplicate(
  db: Db,
  args: { articleId: number; email: string; body: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('comments')
    .where('article_id', '=', args.articleId)
    .where('author_email', '=', args.email)
    .where('body', '=', args.body)
    .where('status', '!=', 'trash')
    .select('id')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** True when the IP hash or the email posted any comment since `since`. Two indexed lookups, not an OR. */
export async function hasPostedSince(
  db: Db,
  args: { ipHash: string | null; email: string; since: string },
): Promise<boolean> {
  const recent = (column: 'ip_hash' | 'author_email', value: string) =>
    db
      .selectFrom('comments')
      .where(column, '=', value)
      .where('created_at', '>', args.since)
      .select('id')
      .limit(1)
      .executeTakeFirst();
  if (args.ipHash && (await recent('ip_hash', args.ipHash))) return true;
  return (await recent('author_email', args.email)) !== undefined;
}

/** True when this name and email pair already has an approved comment. */
export async function hasApprovedComment(db: Db, args: { name: string; email: string }): Promise<boolean> {
  const row = await db
    .selectFrom('comments')
    .where('author_email', '=', args.email)
    .where('author_name', '=', args.name)
    .where('status', '=', 'approved')
    .select('id')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
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
  author_id?: number | null;
}

/** Stores a comment and returns its id. */
export async function insertComment(db: Db, values: CommentWrite): Promise<number> {
  const row = await db.insertInto('comments').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A comment as the moderation tools list it: everything, private fields included. Staff only. */
export function listForModeration(db: Db, args: { status?: CommentStatus; email?: string; limit: number }) {
  let query = db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .select([
      'comments.id',
      'comments.status',
      'articles.slug as article',
      'comments.article_id',
      'comments.parent_id',
      'comments.author_name as author',
      'comments.author_email as email',
      'comments.author_url as url',
      'comments.body',
      'comments.created_at',
    ])
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(args.limit);
  if (args.status) query = query.where('comments.status', '=', args.status);
  if (args.email) query = query.where('comments.author_email', '=', args.email);
  return query.execute();
}

/** Sets the status of these comments; returns the ids and articles that changed. */
export async function setStatus(db: Db, ids: readonly number[], status: CommentStatus) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('comments')
    .where('id', 'in', ids)
    .where('status', '!=', status)
    .select(['id', 'article_id', 'status as previous_status'])
    .execute();
  if (rows.length > 0) {
    await db
      .updateTable('comments')
      .set({ status })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  }
  return rows;
}

/** Removes a person's personal data from their comments, keeping the conversation readable. */
export async function anonymiseByEmail(db: Db, email: string) {
  const rows = await db
    .selectFrom('comments')
    .where('author_email', '=', email)
    .select(['id', 'article_id', 'status as previous_status'])
    .execute();
  if (rows.length > 0) {
    await db
      .updateTable('comments')
      .set({ author_name: 'Anonymous', author_email: '', author_url: null, ip_hash: null, user_agent: null })
      .where('author_email', '=', email)
      .execute();
  }
  return rows;
}

/** The newest approved comments, for the comment feeds, with their article's slug and title. */
export function listLatestApproved(db: Db, args: { articleId?: number; limit: number; now: string }) {
  let query = db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .where('comments.status', '=', 'approved')
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', args.now)
    .select([
      'comments.id',
      'comments.author_name',
      'comments.body',
      'comments.created_at',
      'articles.slug',
      'articles.title',
    ])
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(args.limit);
  if (args.articleId !== undefined) query = query.where('comments.article_id', '=', args.articleId);
  return query.execute();
}
