import type { Db } from '../../platform/db/database.ts';
import type { BodyFormat } from '../../platform/render/markdown-renderer.ts';
import { VISIBLE_PAGE_STATUS, type PageStatus } from './rules.ts';

/** A page row with its parent's slug and title (null for a top-level page). */
export interface PageRow {
  id: number;
  slug: string;
  title: string;
  description: string;
  body_markdown: string;
  body_format: BodyFormat;
  body_html: string;
  parent_id: number | null;
  status: PageStatus;
  created_at: string;
  updated_at: string;
  parent_slug: string | null;
  parent_title: string | null;
}

function withParent(db: Db) {
  return db
    .selectFrom('pages')
    .leftJoin('pages as parent', 'parent.id', 'pages.parent_id')
    .select([
      'pages.id',
      'pages.slug',
      'pages.title',
      'pages.description',
      'pages.body_markdown',
      'pages.body_format',
      'pages.body_html',
      'pages.parent_id',
      'pages.status',
      'pages.created_at',
      'pages.updated_at',
      'parent.slug as parent_slug',
      'parent.title as parent_title',
    ]);
}

const asRow = (row: unknown) => row as PageRow;

/** Every page, by title. A publication has tens of them. */
export async function listRows(db: Db): Promise<PageRow[]> {
  return (await withParent(db).orderBy('pages.title').orderBy('pages.id').execute()).map(asRow);
}

export async function findRowBySlug(db: Db, slug: string): Promise<PageRow | undefined> {
  const row = await withParent(db).where('pages.slug', '=', slug).executeTakeFirst();
  return row && asRow(row);
}

export async function findRowById(db: Db, id: number): Promise<PageRow | undefined> {
  const row = await withParent(db).where('pages.id', '=', id).executeTakeFirst();
  return row && asRow(row);
}

/**
 * The published page at `/<parent>/<slug>/` (or `/<slug>/` without a parent). A child is reached
 * only under its own parent, and only while that parent is published too.
 */
export async function findVisibleRow(
  db: Db,
  args: { slug: string; parent: string | null },
): Promise<PageRow | undefined> {
  let query = withParent(db)
    .where('pages.slug', '=', args.slug)
    .where('pages.status', '=', VISIBLE_PAGE_STATUS);
  query =
    args.parent === null
      ? query.where('pages.parent_id', 'is', null)
      : query.where('parent.slug', '=', args.parent).where('parent.status', '=', VISIBLE_PAGE_STATUS);
  const row = await query.executeTakeFirst();
  return row && asRow(row);
}

/** The pages under this one, any status. */
export async function childRows(db: Db, id: number): Promise<PageRow[]> {
  return (await withParent(db).where('pages.parent_id', '=', id).orderBy('pages.title').execute()).map(asRow);
}

/** What a save writes. */
export interface PageWrite {
  slug: string;
  title: string;
  description: string;
  /** Dateline body HTML, as every save path stores it (0021-body-html); `body_html` is the same. */
  body_markdown: string;
  body_format: BodyFormat;
  body_html: string;
  /** The body's plain text (bodyText), which search indexes. */
  body_text: string;
  parent_id: number | null;
  status: PageStatus;
  updated_at: string;
}

export async function insertPage(db: Db, values: PageWrite): Promise<number> {
  const row = await db
    .insertInto('pages')
    .values({ ...values, created_at: values.updated_at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePage(db: Db, id: number, values: PageWrite): Promise<void> {
  await db.updateTable('pages').set(values).where('id', '=', id).execute();
}

export async function insertRevision(
  db: Db,
  values: { page_id: number; user_id: number | null; snapshot: string; created_at: string },
): Promise<void> {
  await db.insertInto('page_revisions').values(values).execute();
}

/** A page's revisions, newest first, with the name of who saved each. */
export function listRevisions(db: Db, pageId: number) {
  return db
    .selectFrom('page_revisions')
    .leftJoin('users', 'users.id', 'page_revisions.user_id')
    .where('page_revisions.page_id', '=', pageId)
    .select([
      'page_revisions.id',
      'page_revisions.snapshot',
      'page_revisions.created_at',
      'users.name as user_name',
    ])
    .orderBy('page_revisions.id', 'desc')
    .execute();
}

/** Whether an article (of any status: a draft goes live at its slug later) has this slug. */
export async function articleHasSlug(db: Db, slug: string): Promise<boolean> {
  // The articles table is read directly, as sections' repository reads articles.section_id: pages
  // sit below articles in the domain graph, so they cannot ask the article service.
  const row = await db.selectFrom('articles').where('slug', '=', slug).select('id').executeTakeFirst();
  return row !== undefined;
}
