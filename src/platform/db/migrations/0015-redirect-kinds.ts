import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Issue #14, redirects: a redirect may go to another site, but only when someone said so. The
// intent is kept beside the row (1: `to_path` is an absolute http(s) URL that was asked for as
// external), so that the lookup never follows a URL nobody meant, and the screen can show it.
// A 410 Gone row keeps an empty `to_path`: it answers a small page and no Location.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('redirects')
    .addColumn('is_external', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('redirects').dropColumn('is_external').execute();
}
