import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Menus (issue #14): the header and footer navigation the newsroom edits. One row per menu, its
// entries as JSON: a menu is read whole on every page render and saved whole in one statement, and
// its entries point at sections and tags by id, which are looked up (and dropped when gone or not
// public) when the menu is drawn rather than held by foreign keys. No row means the default menu.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('menus')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('menus').execute();
}
