import type { Kysely } from 'kysely';
import { idColumn } from './0001-initial.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// An outbox of page-cache invalidations, so that a change made by one process (a `dateline` command,
// another server) reaches every server's in-memory cache without Redis.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cache_invalidations')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cache_invalidations').execute();
}
