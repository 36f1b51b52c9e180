import type { Db } from '../../platform/db/database.ts';
import type { ArticleStatus } from '../../platform/db/schema.ts';

/** The one row that holds the lead: the front page has one. */
const FRONT_PAGE_ID = 1;

/** The stored curation, in the newsroom's order. */
export interface CurationRows {
  leadArticleId: number | null;
  pins: { articleId: number; expiresAt: string | null }[];
  rows: { sectionId: number; count: number }[];
  updatedAt: string | null;
}

/** An article the newsroom chose, whatever its status: the screen says which ones readers cannot see. */
export interface ArticleRow {
  id: number;
  slug: string;
  title: string;
  status: ArticleStatus;
  published_at: string | null;
}

export async function readCuration(db: Db): Promise<CurationRows> {
  const [head, pins, rows] = await Promise.all([
    db
      .selectFrom('front_page')
      .where('id', '=', FRONT_PAGE_ID)
      .select(['lead_article_id', 'updated_at'])
      .executeTakeFirst(),
    db
      .selectFrom('front_page_pins')
      .select(['article_id', 'expires_at'])
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('front_page_rows')
      .select(['section_id', 'story_count'])
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ]);
  return {
    leadArticleId: head?.lead_article_id ?? null,
    pins: pins.map((p) => ({ articleId: p.article_id, expiresAt: p.expires_at })),
    rows: rows.map((r) => ({ sectionId: r.section_id, count: r.story_count })),
    updatedAt: head?.updated_at ?? null,
  };
}

/** Replaces the whole curation; run inside the caller's transaction. */
export async function writeCuration(db: Db, curation: Omit<CurationRows, 'updatedAt'> & { at: string }) {
  await db.deleteFrom('front_page_pins').execute();
  await db.deleteFrom('front_page_rows').execute();
  await db.deleteFrom('front_page').execute();
  const isEmpty = curation.leadArticleId === null && curation.pins.length === 0 && curation.rows.length === 0;
  // Nothing chosen is no curation at all: the front page goes back to newest first.
  if (isEmpty) return;
  await db
    .insertInto('front_page')
    .values({ id: FRONT_PAGE_ID, lead_article_id: curation.leadArticleId, updated_at: curation.at })
    .execute();
  if (curation.pins.length > 0)
    await db
      .insertInto('front_page_pins')
      .values(
        curation.pins.map((p, i) => ({ article_id: p.articleId, position: i + 1, expires_at: p.expiresAt })),
      )
      .execute();
  if (curation.rows.length > 0)
    await db
      .insertInto('front_page_rows')
      .values(
        curation.rows.map((r, i) => ({ section_id: r.sectionId, position: i + 1, story_count: r.count })),
      )
      .execute();
}

/** Whether anything is curated: a front page row holds the lead, or stands for the pins and rows. */
export async function isCurated(db: Db): Promise<boolean> {
  const row = await db.selectFrom('front_page').select('id').executeTakeFirst();
  return row !== undefined;
}

const articleColumns = ['id', 'slug', 'title', 'status', 'published_at'] as const;

/** Articles by id, any status. */
export function articlesByIds(db: Db, ids: readonly number[]): Promise<ArticleRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('articles').where('id', 'in', ids).select(articleColumns).execute();
}

/** An article by its id (digits) or, failing that, its slug, any status. */
export async function findArticle(db: Db, ref: string): Promise<ArticleRow | undefined> {
  if (/^\d{1,15}$/.test(ref)) {
    const byId = await db
      .selectFrom('articles')
      .where('id', '=', Number(ref))
      .select(articleColumns)
      .executeTakeFirst();
    if (byId) return byId;
  }
  return db.selectFrom('articles').where('slug', '=', ref).select(articleColumns).executeTakeFirst();
}

/** Whether a pin's expiry falls in (after, upTo]: its pin has just dropped off. */
export async function hasPinExpiring(db: Db, args: { after: string; upTo: string }): Promise<boolean> {
  const row = await db
    .selectFrom('front_page_pins')
    .where('expires_at', '>', args.after)
    .where('expires_at', '<=', args.upTo)
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}
