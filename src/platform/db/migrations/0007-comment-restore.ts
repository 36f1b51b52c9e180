import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Restore puts a spammed or trashed comment back where it was, as WordPress does with the status it
// keeps aside when a comment is spammed or trashed: an approved comment comes back approved.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('status_before', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').dropColumn('status_before').execute();
}
