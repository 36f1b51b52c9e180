import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database } from './schema.ts';
import { dialectOf, type DialectName } from './dialect.ts';

/** Which database a DATABASE_URL points at. It lives here, beside openDatabase, so that platform/ never reaches up to config.ts. */
export type DatabaseTarget = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

/** The query builder every repository takes. */
export type Db = Kysely<Database>;

/** An open database with the few operations the platform needs around it. */
export interface DatabaseHandle {
  readonly db: Db;
  readonly dialect: DialectName;
  /** Resolves when the database answers a trivial query; rejects when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Options for opening PostgreSQL; tests isolate themselves in a schema of their own. */
export interface OpenOptions {
  /** PostgreSQL only: the schema to create and use through search_path. */
  schema?: string;
  /** PostgreSQL only: the pool size. */
  poolSize?: number;
}

function openSqlite(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  // WAL lets readers run while a write commits; synchronous=NORMAL in WAL mode keeps every
  // committed transaction across a process crash (only an OS crash can lose the last ones).
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

/**
 * Kysely prepares every query afresh, and on a page of a few small queries preparing cost more
 * than running them. Prepared statements are reusable in better-sqlite3, so each SQL text is
 * prepared once (the texts are Kysely's compiled queries with placeholders: a bounded set).
 */
function withStatementCache(database: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      if (!statement) {
        statement = database.prepare(sqlText);
        if (statements.size >= 2000) statements.clear();
        statements.set(sqlText, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}

function openPostgres(url: string, options: OpenOptions): Db {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`Bad schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A connection that dies while checked out between queries (a job holding its lock, a transaction
  // awaiting other work, a server restart) would raise an 'error' event with no listener and end
  // the process. Its next query fails anyway, and the pool drops it on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Wraps any Kysely instance (PGlite in tests included) in a handle. */
export function wrapDatabase(db: Db): DatabaseHandle {
  return {
    db,
    dialect: dialectOf(db),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/** Opens the database a DATABASE_URL names. Migrations are separate: see migrate.ts. */
export async function openDatabase(
  target: DatabaseTarget,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  if (target.dialect === 'sqlite') return wrapDatabase(openSqlite(target.file));
  if (options.schema) {
    // The schema must exist before a pooled connection's search_path can point at it.
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${options.schema}`);
    } finally {
      await client.end();
    }
  }
  return wrapDatabase(openPostgres(target.url, options));
}

/**
 * Runs `fn` in a transaction, or inside the caller's when `db` already is one, so that a use case can
 * be one transaction alone and also part of a larger one (an import, the sample publication).
 */
export function transact<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** Runs a function in a transaction, as `transact` does. */
export type Transactor = <T>(fn: (trx: Db) => Promise<T>) => Promise<T>;

/** The most calls one SQLite group commit holds: the pages readers wait for stay few. */
const MAX_GROUP = 48;

/**
 * A transactor with group commit on SQLite, for frequent small writes (comment posts). Calls made in
 * the same turn of the event loop run one after another in ONE transaction, each inside a savepoint
 * of its own: a call that throws is rolled back alone, and every call resolves (or rejects) only
 * after the shared COMMIT. Each call sees what it would see run alone after the ones before it, and
 * nothing is reported stored before it is; what the group saves is commits. SQLite writes every
 * page a commit touched to the WAL, and posts to one table touch the same few pages, so fifty posts
 * cost about what two did one by one.
 *
 * On PostgreSQL, whose commits already overlap, and inside a caller's transaction, it is `transact`.
 * The function must wait on nothing but the database: the other calls in its group wait for it.
 */
export function createGroupCommit(db: Db): Transactor {
  if (dialectOf(db) !== 'sqlite' || db.isTransaction) return (fn) => transact(db, fn);
  interface Call {
    fn: (trx: Db) => Promise<unknown>;
    resolve(value: unknown): void;
    reject(error: unknown): void;
  }
  type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
  const queue: Call[] = [];
  let isScheduled = false;

  async function commitGroup(calls: Call[]): Promise<void> {
    const outcomes: Outcome[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const call of calls) {
          await sql`savepoint dateline_call`.execute(trx);
          try {
            const value = await call.fn(trx);
            await sql`release dateline_call`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to dateline_call`.execute(trx);
            await sql`release dateline_call`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The group did not commit: nothing any call wrote is stored.
      calls.forEach((call, i) => {
        const outcome = outcomes[i];
        call.reject(outcome && !outcome.ok ? outcome.error : error);
      });
      return;
    }
    calls.forEach((call, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) call.resolve(outcome.value);
      else call.reject(outcome.error);
    });
  }

  function schedule() {
    isScheduled = true;
    // After the poll phase: every request that arrived in this turn has queued its call by then.
    setImmediate(() => {
      void commitGroup(queue.splice(0, MAX_GROUP)).finally(() => {
        if (queue.length > 0) schedule();
        else isScheduled = false;
      });
    });
  }

  return <T>(fn: (trx: Db) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve, reject });
      if (!isScheduled) schedule();
    });
}

/**
 * Serialises transactions that touch the same keys, until the calling transaction ends. On PostgreSQL
 * this takes transaction-scoped advisory locks (in sorted order, so two callers cannot deadlock); on
 * SQLite every write transaction already runs alone, so there is nothing to take.
 */
export async function lockKeys(trx: Db, keys: readonly string[]): Promise<void> {
  if (!trx.isTransaction) throw new Error('lockKeys must run inside a transaction');
  if (dialectOf(trx) !== 'postgres') return;
  for (const key of [...new Set(keys)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
  }
}
