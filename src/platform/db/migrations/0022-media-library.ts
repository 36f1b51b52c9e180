import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The media library (issue #17): an upload keeps the name its file came with, so the picker can
// show it and search it beside the alt text, and a refusal can name the image. Older uploads have
// none (''): the library shows them by their alt text or date instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('uploads')
    .addColumn('filename', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('uploads').dropColumn('filename').execute();
}
