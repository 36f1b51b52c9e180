import type { Db } from '../../platform/db/database.ts';

/** A section as pages show it. */
export interface SectionRef {
  id: number;
  slug: string;
  name: string;
}

/** A section with its description and parent: what its own page and the newsroom show. */
export interface Section extends SectionRef {
  description: string;
  /** The section it sits under (News for Politics), or null for a top-level section. */
  parent: SectionRef | null;
}

/** A section's public addresses: its page and its feeds in each format. */
export function sectionPaths(slug: string) {
  const page = `/section/${slug}/`;
  return { page, rss: `${page}feed/`, atom: `${page}feed/atom/`, json: `${page}feed.json` };
}

const columns = ['id', 'slug', 'name', 'description', 'parent_id'] as const;

export type SectionRow = {
  id: number;
  slug: string;
  name: string;
  description: string;
  parent_id: number | null;
};

/** Every section row, in name order. A publication has tens of them, not thousands. */
export function listRows(db: Db): Promise<SectionRow[]> {
  return db.selectFrom('sections').select(columns).orderBy('name').orderBy('slug').execute();
}

export function findRowBySlug(db: Db, slug: string): Promise<SectionRow | undefined> {
  return db.selectFrom('sections').where('slug', '=', slug).select(columns).executeTakeFirst();
}

export function findRowById(db: Db, id: number): Promise<SectionRow | undefined> {
  return db.selectFrom('sections').where('id', '=', id).select(columns).executeTakeFirst();
}

/** The rows of these ids and of their parents. */
export async function rowsWithParents(db: Db, ids: readonly number[]): Promise<Map<number, SectionRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sections')
    .where((eb) =>
      eb.or([
        eb('id', 'in', ids),
        eb(
          'id',
          'in',
          eb.selectFrom('sections as child').where('child.id', 'in', ids).select('child.parent_id'),
        ),
      ]),
    )
    .select(columns)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Whether a section has sections under it. */
export async function hasChildren(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('sections').where('parent_id', '=', id).select('id').executeTakeFirst();
  return row !== undefined;
}

/** The ids of a section's children. */
export async function childIds(db: Db, id: number): Promise<number[]> {
  const rows = await db.selectFrom('sections').where('parent_id', '=', id).select('id').execute();
  return rows.map((r) => r.id);
}

export async function insertSection(
  db: Db,
  values: { slug: string; name: string; description: string; parent_id: number | null; at: string },
): Promise<number> {
  const { at, ...rest } = values;
  const row = await db
    .insertInto('sections')
    .values({ ...rest, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSection(
  db: Db,
  id: number,
  values: { name: string; description: string; parent_id: number | null; at: string },
): Promise<void> {
  const { at, ...rest } = values;
  await db
    .updateTable('sections')
    .set({ ...rest, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** The oldest top-level section: where an article goes when nobody chose one. */
export function firstTopLevel(db: Db): Promise<{ id: number; slug: string } | undefined> {
  return db
    .selectFrom('sections')
    .where('parent_id', 'is', null)
    .select(['id', 'slug'])
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** The articles (any status) filed in these sections. */
export async function articleIdsIn(db: Db, sectionIds: readonly number[]): Promise<number[]> {
  if (sectionIds.length === 0) return [];
  const rows = await db.selectFrom('articles').where('section_id', 'in', sectionIds).select('id').execute();
  return rows.map((r) => r.id);
}

export async function deleteSection(db: Db, id: number): Promise<void> {
  await db.deleteFrom('sections').where('id', '=', id).execute();
}

/** How many articles, of any status, each section holds directly. */
export async function articleCounts(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('articles')
    .where('section_id', 'is not', null)
    .select(['section_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('section_id')
    .execute();
  return new Map(rows.flatMap((r) => (r.section_id === null ? [] : [[r.section_id, Number(r.n)] as const])));
}
