import { PostgresAdapter, type Kysely } from 'kysely';

/** The two SQL dialects Dateline runs on. PGlite counts as postgres. */
export type DialectName = 'sqlite' | 'postgres';

/** Tells which dialect a Kysely instance speaks, from its adapter, the way Kysely itself decides. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
