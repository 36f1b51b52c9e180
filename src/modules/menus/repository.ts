import type { Db } from '../../platform/db/database.ts';

/** A menu's stored entries, as JSON text, or undefined when the newsroom never saved it. */
export async function readMenu(db: Db, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('menus').where('name', '=', name).select('entries').executeTakeFirst();
  return row?.entries;
}

/** Every stored menu, by name (the export). */
export async function readAllMenus(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('menus').select(['name', 'entries']).execute();
  return new Map(rows.map((r) => [r.name, r.entries]));
}

/** Stores a menu's entries, replacing what was there. */
export async function writeMenu(
  db: Db,
  values: { name: string; entries: string; at: string },
): Promise<void> {
  await db
    .insertInto('menus')
    .values({ name: values.name, entries: values.entries, updated_at: values.at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ entries: values.entries, updated_at: values.at }))
    .execute();
}

/** Forgets a menu, so that its default shows again. */
export async function deleteMenu(db: Db, name: string): Promise<void> {
  await db.deleteFrom('menus').where('name', '=', name).execute();
}
