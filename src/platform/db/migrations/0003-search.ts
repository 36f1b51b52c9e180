import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// STUB: the search module fills this in (SQLite FTS5, PostgreSQL tsvector).
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
