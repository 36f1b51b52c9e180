// Kysely queries for the move-in. Like the transfer module, the importer writes a whole publication's
// rows (original dates, comment threads, bylines) that no other module's use cases take; it keeps their
// rules (unique slugs, one level of sections and pages, private emails) itself, and writes each item in
// one transaction.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { CommentStatus } from '../../platform/db/schema.ts';

/** What an earlier run wrote for a WordPress key (`post:12`, `comment:40`, `author:maria`, …). */
export interface ImportedItem {
  target: string;
  target_id: number | null;
}

export function findItem(db: Db, source: string, key: string): Promise<ImportedItem | undefined> {
  return db
    .selectFrom('import_items')
    .where('source', '=', source)
    .where('wp_key', '=', key)
    .select(['target', 'target_id'])
    .executeTakeFirst();
}

/** Every key of one kind an earlier run wrote, with its target id (authors, terms, attachments). */
export async function itemsOfKind(
  db: Db,
  source: string,
  prefix: string,
): Promise<Map<string, number | null>> {
  const rows = await db
    .selectFrom('import_items')
    .where('source', '=', source)
    .where('wp_key', 'like', `${prefix}:%`)
    .select(['wp_key', 'target_id'])
    .execute();
  return new Map(rows.map((r) => [r.wp_key, r.target_id]));
}

export async function saveItem(
  db: Db,
  item: {
    source: string;
    key: string;
    target: string;
    targetId: number | null;
    raw: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('import_items')
    .values({
      source: item.source,
      wp_key: item.key,
      target: item.target,
      target_id: item.targetId,
      raw: item.raw,
      updated_at: item.at,
    })
    .onConflict((oc) =>
      oc.columns(['source', 'wp_key']).doUpdateSet({
        target: item.target,
        target_id: item.targetId,
        raw: item.raw,
        updated_at: item.at,
      }),
    )
    .execute();
}

/** Whether an article or a page other than `except` already has this slug (they share addresses). */
export async function slugInUse(
  db: Db,
  slug: string,
  except: { table: 'articles' | 'pages'; id: number } | null,
): Promise<boolean> {
  for (const table of ['articles', 'pages'] as const) {
    let query = db.selectFrom(table).where('slug', '=', slug).select('id');
    if (except?.table === table) query = query.where('id', '!=', except.id);
    if (await query.executeTakeFirst()) return true;
  }
  return false;
}

export function articleSlug(db: Db, id: number) {
  return db.selectFrom('articles').where('id', '=', id).select(['slug']).executeTakeFirst();
}

export function pageRow(db: Db, id: number) {
  return db.selectFrom('pages').where('id', '=', id).select(['slug', 'parent_id']).executeTakeFirst();
}

export interface ArticleRow {
  slug: string;
  title: string;
  standfirst: string;
  status: 'draft' | 'scheduled' | 'published';
  published_at: string | null;
  created_at: string;
  updated_at: string;
  comments_open: number;
  featured_image_id: number | null;
  featured_image_alt: string | null;
  section_id: number;
  body_markdown: string;
  body_html: string;
  /** The body's plain text, which search indexes. */
  body_text: string;
  review_requested_at: string | null;
}

export async function writeArticle(db: Db, id: number | null, row: ArticleRow): Promise<number> {
  const values = { ...row, body_format: 'html' as const };
  if (id !== null) {
    // A new version: an editor who had the article open must not save over the import unawares.
    await db
      .updateTable('articles')
      .set({ ...values, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .execute();
    return id;
  }
  const inserted = await db.insertInto('articles').values(values).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Replaces an imported article's original source (the post's own credit line), if it has one. */
export async function setSource(
  db: Db,
  articleId: number,
  source: { name: string; url: string | null } | null,
): Promise<void> {
  await db.deleteFrom('article_sources').where('article_id', '=', articleId).execute();
  if (source)
    await db
      .insertInto('article_sources')
      .values({ article_id: articleId, position: 0, name: source.name, url: source.url })
      .execute();
}

export async function setBylinesAndTags(
  db: Db,
  articleId: number,
  authorIds: readonly number[],
  tagIds: readonly number[],
): Promise<void> {
  await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (authorIds.length > 0)
    await db
      .insertInto('article_authors')
      .values(authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position })))
      .execute();
  if (tagIds.length > 0)
    await db
      .insertInto('article_tags')
      .values(tagIds.map((tag_id, position) => ({ article_id: articleId, tag_id, position })))
      .execute();
}

export interface PageRow {
  slug: string;
  title: string;
  status: 'draft' | 'published';
  parent_id: number | null;
  body_markdown: string;
  body_html: string;
  /** The body's plain text, which search indexes. */
  body_text: string;
  created_at: string;
  updated_at: string;
}

export async function writePage(db: Db, id: number | null, row: PageRow): Promise<number> {
  const values = { ...row, body_format: 'html' as const };
  if (id !== null) {
    await db.updateTable('pages').set(values).where('id', '=', id).execute();
    return id;
  }
  const inserted = await db.insertInto('pages').values(values).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function setPageParent(db: Db, id: number, parentId: number | null): Promise<void> {
  await db.updateTable('pages').set({ parent_id: parentId }).where('id', '=', id).execute();
}

export interface CommentRow {
  article_id: number;
  status: CommentStatus;
  status_before: CommentStatus | null;
  author_name: string;
  author_email: string;
  author_url: string | null;
  author_id: number | null;
  ip_hash: string | null;
  user_agent: string | null;
  created_at: string;
  body: string;
}

export async function writeComment(db: Db, id: number | null, row: CommentRow): Promise<number> {
  if (id !== null) {
    const updated = await db.updateTable('comments').set(row).where('id', '=', id).executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) return id;
  }
  const inserted = await db
    .insertInto('comments')
    .values({ ...row, parent_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function setCommentParent(db: Db, id: number, parentId: number | null): Promise<void> {
  await db.updateTable('comments').set({ parent_id: parentId }).where('id', '=', id).execute();
}

export function findSectionBySlug(db: Db, slug: string) {
  return db.selectFrom('sections').where('slug', '=', slug).select(['id', 'parent_id']).executeTakeFirst();
}

export async function writeSection(
  db: Db,
  id: number | null,
  row: { slug: string; name: string; description: string; parent_id: number | null; at: string },
): Promise<number> {
  const { at, ...values } = row;
  if (id !== null) {
    await db
      .updateTable('sections')
      .set({ ...values, updated_at: at })
      .where('id', '=', id)
      .execute();
    return id;
  }
  const inserted = await db
    .insertInto('sections')
    .values({ ...values, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findOrWriteTag(
  db: Db,
  row: { slug: string; name: string; description: string },
): Promise<number> {
  const found = await db.selectFrom('tags').where('slug', '=', row.slug).select('id').executeTakeFirst();
  if (found) {
    if (row.description !== '')
      await db.updateTable('tags').set({ description: row.description }).where('id', '=', found.id).execute();
    return found.id;
  }
  const inserted = await db.insertInto('tags').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findOrWriteAuthor(
  db: Db,
  row: { slug: string; name: string; email: string | null; at: string },
): Promise<number> {
  const found = await db.selectFrom('authors').where('slug', '=', row.slug).select('id').executeTakeFirst();
  if (found) return found.id;
  const inserted = await db
    .insertInto('authors')
    .values({
      slug: row.slug,
      name: row.name,
      email: row.email,
      bio: '',
      created_at: row.at,
      updated_at: row.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateAuthorProfile(
  db: Db,
  id: number,
  profile: { bio?: string; website?: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('authors')
    .set({
      ...(profile.bio !== undefined && { bio: profile.bio }),
      ...(profile.website !== undefined && { website: profile.website }),
      updated_at: profile.at,
    })
    .where('id', '=', id)
    .execute();
}

export function authorById(db: Db, id: number) {
  return db
    .selectFrom('authors')
    .where('id', '=', id)
    .select(['id', 'slug', 'name', 'email'])
    .executeTakeFirst();
}

export function uploadById(db: Db, id: number) {
  return db
    .selectFrom('uploads')
    .where('id', '=', id)
    .select(['id', 'storage_key', 'width', 'height', 'variants', 'alt', 'caption'])
    .executeTakeFirst();
}
