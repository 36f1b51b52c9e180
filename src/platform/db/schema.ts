import type { DB } from './schema.generated.ts';

// The tables and columns come from the migrations: schema.generated.ts is written by
// `npm run db:types` and checked by schema-drift.test.ts. Import them from here, never from it.
//
// Dates are stored as fixed-width ISO 8601 UTC text ("2026-11-26T14:25:57.000Z") on both dialects,
// so that ordering, comparison and the values read back are identical on SQLite and PostgreSQL.
// Booleans are stored as 0/1 integers for the same reason.

/** The whole schema, as Kysely sees it. */
export type Database = DB;

/** The status an article moves through (the CHECK in migration 0001). */
export type ArticleStatus = DB['articles']['status'];
/** The status a comment's moderation rules give it (the CHECK in migration 0001). */
export type CommentStatus = DB['comments']['status'];
/** A newsroom role, as in WordPress: each includes the one before (the CHECK in migration 0005). */
export type Role = DB['users']['role'];
