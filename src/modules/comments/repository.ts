import type { Db } from '../../platform/db/database.ts';
import { preparedQuery } from '../../platform/db/prepared.ts';
import type { CommentStatus } from '../../platform/db/schema.ts';
import { isVisibleArticle } from '../articles/index.ts';

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

const approvedOf = preparedQuery((db: Db, articleId: number) =>
  db
    .selectFrom('comments')
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .select(publicColumns)
    .orderBy('created_at')
    .orderBy('id'),
);

/** The approved comments of an article, oldest first. */
export function listApproved(db: Db, articleId: number): Promise<PublicComment[]> {
  return approvedOf(db, articleId);
}

/** One comment's public columns with its status and article, for the signed preview. */
export function findForPreview(db: Db, id: number) {
  return db
    .selectFrom('comments')
    .where('id', '=', id)
    .select([...publicColumns, 'status', 'article_id'])
    .executeTakeFirst();
}

const approvedCounts = preparedQuery((db: Db, articleIds: readonly number[]) =>
  db
    .selectFrom('comments')
    .where('article_id', 'in', articleIds)
    .where('status', '=', 'approved')
    .groupBy('article_id')
    .select((eb) => ['article_id', eb.fn.countAll().as('count')]),
);

/** Approved comment counts for several articles, in one query. */
export async function countApproved(db: Db, articleIds: readonly number[]): Promise<Map<number, number>> {
  if (articleIds.length === 0) return new Map();
  const rows = await approvedCounts(db, articleIds);
  return new Map(rows.map((r) => [r.article_id, Number(r.count)]));
}

/** The article a comment is posted to, if it is published, with what decides whether it is open. */
export function findCommentableArticle(db: Db, slug: string, now: string) {
  return db
    .selectFrom('articles')
    .where('slug', '=', slug)
    .where((eb) => isVisibleArticle(eb, now))
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
    // Spam and trash remember where a comment came from, so that Restore can put it back there.
    const isSetAside = status === 'spam' || status === 'trash';
    await db
      .updateTable('comments')
      .set((eb) => ({ status, status_before: isSetAside ? eb.ref('status') : null }))
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
    .where((eb) => isVisibleArticle(eb, args.now))
    .select([
      'comments.id',
      'comments.article_id',
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

/** The statuses Restore moves a comment out of. */
const setAside: CommentStatus[] = ['spam', 'trash'];

/**
 * Puts spammed or trashed comments back where they were before (approved or pending; pending when
 * that is unknown or was itself spam or trash). Returns what changed, with the new status.
 */
export async function restoreStatus(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('comments')
    .where('id', 'in', ids)
    .where('status', 'in', setAside)
    .select(['id', 'article_id', 'status as previous_status', 'status_before'])
    .execute();
  const changed = rows.map((r) => ({
    id: r.id,
    article_id: r.article_id,
    previous_status: r.previous_status,
    status: r.status_before === 'approved' ? ('approved' as const) : ('pending' as const),
  }));
  for (const status of ['approved', 'pending'] as const) {
    const targets = changed.filter((r) => r.status === status).map((r) => r.id);
    if (targets.length > 0)
      await db
        .updateTable('comments')
        .set({ status, status_before: null })
        .where('id', 'in', targets)
        .execute();
  }
  return changed;
}

/** How many comments each queue holds, optionally for one email. */
export async function countByStatus(
  db: Db,
  args: { email?: string },
): Promise<Record<CommentStatus, number>> {
  let query = db
    .selectFrom('comments')
    .groupBy('status')
    .select((eb) => ['status', eb.fn.countAll().as('count')]);
  if (args.email !== undefined) query = query.where('author_email', '=', args.email);
  const rows = await query.execute();
  const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, trash: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

/** One page of a moderation queue, newest first, private fields included. Staff only. */
/** What the moderation queue and the edit screen show of a comment, private fields included. Staff only. */
const moderationColumns = [
  'comments.id',
  'comments.status',
  'comments.article_id',
  'articles.slug as article_slug',
  'articles.title as article_title',
  'comments.parent_id',
  'comments.author_name',
  'comments.author_email',
  'comments.author_url',
  'comments.author_id',
  'comments.body',
  'comments.created_at',
] as const;

export function listQueuePage(
  db: Db,
  args: { status?: CommentStatus; email?: string; limit: number; offset: number },
) {
  let query = db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .select(moderationColumns)
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(args.limit)
    .offset(args.offset);
  if (args.status) query = query.where('comments.status', '=', args.status);
  if (args.email !== undefined) query = query.where('comments.author_email', '=', args.email);
  return query.execute();
}

/** One comment with everything the edit screen shows. Staff only. */
export function findForEditing(db: Db, id: number) {
  return db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .where('comments.id', '=', id)
    .select(moderationColumns)
    .executeTakeFirst();
}

/** Rewrites a comment's name, email, website and text. */
export async function updateCommentText(
  db: Db,
  id: number,
  values: { author_name: string; author_email: string; author_url: string | null; body: string },
): Promise<void> {
  await db.updateTable('comments').set(values).where('id', '=', id).execute();
}

/** An author profile's name, for a staff reply written as that profile. */
export function findAuthorName(db: Db, authorId: number) {
  return db.selectFrom('authors').where('id', '=', authorId).select(['id', 'name']).executeTakeFirst();
}
