// The dialect matrix every integration test runs over, the way Kysely's own suite loops over DIALECTS.
// SQLite is in memory. PostgreSQL is PGlite in-process, or the real server when TEST_DATABASE_URL is set
// (as in CI), each test file in a schema of its own.
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { openDatabase, wrapDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import type { Database } from '../src/platform/db/schema.ts';
import { refuseInUnitTier } from './tier.ts';

export type TestDialect = 'sqlite' | 'postgres';

/** Every dialect, in the order tests report them. */
export const DIALECTS: readonly TestDialect[] = ['sqlite', 'postgres'];

/** Which PostgreSQL the postgres dialect means in this run. */
export const POSTGRES_KIND = process.env.TEST_DATABASE_URL ? 'postgres server' : 'PGlite';

/** A migrated, empty database for one test file, with a way to empty it between tests. */
export interface TestDatabase extends DatabaseHandle {
  /** Deletes every row, so the next test starts clean. */
  reset(): Promise<void>;
}

// Children before parents, so that no foreign key stops a delete.
const tables = [
  'wire_item_scores',
  'wire_items',
  'wire_stories',
  'wire_sources',
  'wire_host_leases',
  'import_items',
  'import_runs',
  'audit_log',
  'import_runs',
  'import_items',
  'page_revisions',
  'pages',
  'article_revisions',
  'article_notes',
  'article_presence',
  'sessions',
  'account_links',
  'sign_in_attempts',
  'comments',
  'article_tag_suggestions',
  'article_preview_links',
  'article_sources',
  'front_page_pins',
  'front_page_rows',
  'front_page',
  'redirects',
  'article_tags',
  'article_authors',
  'topic_aliases',
  'topics',
  'tags',
  'articles',
  'sections',
  'uploads',
  'users',
  'authors',
  'settings',
  'menus',
] as const;

/** Opens and migrates a fresh database of the dialect. */
export async function openTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  refuseInUnitTier('open a database');
  let handle: DatabaseHandle;
  let cleanup = async () => {};
  let schema: string | undefined;
  if (dialect === 'sqlite') {
    handle = await openDatabase({ dialect: 'sqlite', file: ':memory:' });
  } else if (process.env.TEST_DATABASE_URL) {
    const url = process.env.TEST_DATABASE_URL;
    schema = `t_${randomBytes(6).toString('hex')}`;
    handle = await openDatabase({ dialect: 'postgres', url }, { schema, poolSize: 4 });
    cleanup = async () => {
      const admin = await openDatabase({ dialect: 'postgres', url }, { poolSize: 1 });
      await sql.raw(`drop schema if exists ${schema ?? ''} cascade`).execute(admin.db);
      await admin.close();
    };
  } else {
    const pglite = await PGlite.create();
    handle = wrapDatabase(new Kysely<Database>({ dialect: new PGliteDialect(pglite) }));
    cleanup = async () => {
      if (!pglite.closed) await pglite.close();
    };
  }
  await migrateToLatest(handle.db, schema ? { schema } : {});
  return {
    ...handle,
    async reset() {
      for (const table of tables) await handle.db.deleteFrom(table).execute();
    },
    async close() {
      await handle.close().catch(() => {});
      await cleanup();
    },
  };
}
