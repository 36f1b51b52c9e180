// The query profile: builds the web app in this process on the benchmark's publication, with a Kysely that
// logs every query, requests each page once (page cache off), and then, for every query a page ran, times it
// on its own and asks the database for its plan: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL (the
// publication copied into a schema of its own, then ANALYZEd). It shows which query a slow page waits on,
// with the SQL the repositories really build today, on both databases.
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { createApp, createServices } from '../../src/app.tsx';
import { wrapDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import type { Database } from '../../src/platform/db/schema.ts';

export interface ProfiledQuery {
  sql: string;
  parameters: unknown[];
  /** Median of a few runs on their own, in milliseconds. */
  medianMs: number;
  rows: number;
  plan: string[];
  /**
   * True when the plan scans a whole table (SQLite: SCAN without an index, or a temporary b-tree for
   * ORDER BY or GROUP BY; PostgreSQL: a Seq Scan on a table that grows with the publication).
   */
  isSuspect: boolean;
}

export interface ProfiledPage {
  name: string;
  path: string;
  method: string;
  status: number;
  /** The whole request in the app (light-my-request, no sockets), page cache off, in ms: median of `runs`. */
  requestMs: number;
  /** The sum of the queries' medians, each run alone: the rest of requestMs is rendering and HTTP. */
  queryMs: number;
  queries: ProfiledQuery[];
}

/** A request to profile: a path to GET, or a form to POST (a new body each time). */
export type ProfileRequest = string | { method: 'POST'; path: string; form: (n: number) => string };

/** How long each page's warm-up, and then its timed requests, may take before they stop early. */
const BUDGET_MS = 3000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Profiles each request of `pages` (name → request) on the SQLite `file`: `warmup` requests first, then
 * `runs` timed ones; the queries of the first timed one are explained and timed alone. POSTs write to the file.
 */
export async function profileQueries(
  file: string,
  pages: Record<string, ProfileRequest>,
  options: { runs?: number; warmup?: number } = {},
): Promise<ProfiledPage[]> {
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const capture = capturer();
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log: capture.log });
  try {
    return await profileApp(
      db,
      capture,
      (q, runs) => Promise.resolve(explainSqlite(raw, q, runs)),
      pages,
      options,
    );
  } finally {
    await db.destroy();
  }
}

/**
 * The same profile on PostgreSQL: copies the SQLite publication `file` into a new schema of the database
 * `url` names (every table both schemas have, columns in common), runs ANALYZE, profiles, and drops the
 * schema. The plans are PostgreSQL's for the same rows.
 */
export async function profilePostgresQueries(
  file: string,
  url: string,
  pages: Record<string, ProfileRequest>,
  options: { runs?: number; warmup?: number; log?: (line: string) => void } = {},
): Promise<ProfiledPage[]> {
  const schema = `dateline_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  const capture = capturer();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: capture.log });
  try {
    await migrateToLatest(db, { schema });
    await copyPublication(file, db, options.log);
    await sql`analyze`.execute(db);
    return await profileApp(db, capture, (q, runs) => explainPostgres(pool, q, runs), pages, options);
  } finally {
    await db.destroy();
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await admin.end();
  }
}

/** Copies every row of the SQLite publication into `db`, table by table, parents first. */
async function copyPublication(file: string, db: Kysely<Database>, log?: (line: string) => void) {
  const source = new SQLite(file, { readonly: true });
  // Rows are copied as SQLite holds them, whatever the table: the schema types do not help here.
  const untyped = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  try {
    const tables = [
      'authors',
      'tags',
      'articles',
      'article_authors',
      'article_tags',
      'comments',
      'settings',
      'secrets',
      'users',
    ];
    for (const table of tables) {
      const target = await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER'`.execute(
        db,
      );
      const wanted = new Set(target.rows.map((r) => r.column_name));
      const sourceColumns = (source.prepare(`pragma table_info("${table}")`).all() as { name: string }[])
        .map((c) => c.name)
        .filter((c) => wanted.has(c));
      if (sourceColumns.length === 0) continue;
      const started = performance.now();
      let copied = 0;
      let batch: Record<string, unknown>[] = [];
      // Few enough rows per INSERT to stay under PostgreSQL's 65,535 parameters.
      const perBatch = Math.floor(30_000 / sourceColumns.length);
      const flush = async () => {
        if (batch.length === 0) return;
        await untyped.insertInto(table).values(batch).execute();
        copied += batch.length;
        batch = [];
      };
      // PostgreSQL's search column folds each body with translate(), about 40 ms for one of these
      // articles: bodies are copied up to 1,000 characters, which leaves every plan but search's as is.
      const columnList = sourceColumns
        .map((c) =>
          table === 'articles' && c === 'body_markdown' ? `substr("${c}", 1, 1000) as "${c}"` : `"${c}"`,
        )
        .join(', ');
      const select = source.prepare(`select ${columnList} from "${table}"`);
      for (const row of select.iterate() as Iterable<Record<string, unknown>>) {
        batch.push(row);
        if (batch.length >= perBatch) await flush();
      }
      await flush();
      if (sourceColumns.includes('id'))
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 1))`.execute(
          db,
        );
      log?.(
        `  copied ${copied.toLocaleString('en')} ${table} rows to PostgreSQL in ${Math.round(performance.now() - started)} ms`,
      );
    }
  } finally {
    source.close();
  }
}

interface Capture {
  log: (event: LogEvent) => void;
  start(): void;
  stop(): Captured[];
}

function capturer(): Capture {
  let captured: Captured[] | undefined;
  return {
    log(event) {
      if (captured && event.level === 'query')
        captured.push({
          sql: event.query.sql,
          parameters: [...event.query.parameters],
          ms: event.queryDurationMillis,
        });
    },
    start() {
      captured = [];
    },
    stop() {
      const out = captured ?? [];
      captured = undefined;
      return out;
    },
  };
}

async function profileApp(
  db: Kysely<Database>,
  capture: Capture,
  explain: (query: Captured, runs: number) => Promise<ProfiledQuery>,
  pages: Record<string, ProfileRequest>,
  options: { runs?: number; warmup?: number },
): Promise<ProfiledPage[]> {
  const runs = options.runs ?? 20;
  const warmup = options.warmup ?? 10;
  const database = wrapDatabase(db);
  const services = await createServices({ database });
  const app = await createApp({
    config: {
      isProduction: true,
      logLevel: 'silent',
      publicUrl: 'http://127.0.0.1:3000',
      pageCache: { isEnabled: false, maxBytes: 0 },
    },
    database,
    services,
  });
  const out: ProfiledPage[] = [];
  try {
    let serial = 0;
    for (const [name, spec] of Object.entries(pages)) {
      const path = typeof spec === 'string' ? spec : spec.path;
      const method = typeof spec === 'string' ? 'GET' : spec.method;
      const send = () =>
        typeof spec === 'string'
          ? app.inject(spec)
          : app.inject({
              method: spec.method,
              url: spec.path,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              payload: spec.form((serial += 1)),
            });
      // The first request's queries are the ones explained. A page slower than BUDGET_MS (search on a big
      // publication) is requested only that once, and its queries are not run again: their times are the
      // ones Kysely logged. Other pages are warmed up (settings, statement caches, JIT), then timed; each
      // phase stops after BUDGET_MS once it has at least three requests.
      capture.start();
      let t = performance.now();
      let answer = await send();
      const first = performance.now() - t;
      const captured = capture.stop();
      let status = answer.statusCode;
      const isSlow = first > BUDGET_MS;
      const times: number[] = isSlow ? [first] : [];
      if (!isSlow) {
        let phase = performance.now();
        for (let i = 0; i < warmup && performance.now() - phase < BUDGET_MS; i += 1) await send();
        phase = performance.now();
        for (let i = 0; i < runs && (i < 3 || performance.now() - phase < BUDGET_MS); i += 1) {
          t = performance.now();
          answer = await send();
          times.push(performance.now() - t);
          status = answer.statusCode;
        }
      }
      // Timing a query alone must not write: only reads are re-run.
      const queries: ProfiledQuery[] = [];
      for (const q of captured) queries.push(await explain(q, isSlow ? 0 : Math.min(runs, 10)));
      out.push({
        name,
        path,
        method,
        status,
        requestMs: Math.round(median(times) * 100) / 100,
        queryMs:
          Math.round(
            queries.reduce((sum, q) => sum + (Number.isFinite(q.medianMs) ? q.medianMs : 0), 0) * 100,
          ) / 100,
        queries,
      });
    }
  } finally {
    await app.close();
  }
  return out;
}

interface Captured {
  sql: string;
  parameters: unknown[];
  /** As Kysely logged it, in the request. */
  ms: number;
}

function explainSqlite(raw: SQLite.Database, query: Captured, runs: number): ProfiledQuery {
  const parameters = query.parameters.map((p) => (typeof p === 'boolean' ? Number(p) : p));
  let plan: string[] = [];
  let rows = 0;
  const times: number[] = [];
  try {
    const planRows = raw.prepare(`explain query plan ${query.sql}`).all(...parameters) as {
      id: number;
      parent: number;
      detail: string;
    }[];
    const depth = new Map<number, number>([[0, -1]]);
    plan = planRows.map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d)}${r.detail}`;
    });
    const statement = raw.prepare(query.sql);
    if (statement.reader && /^\s*(select|with)\b/i.test(query.sql)) {
      const start = performance.now();
      for (let i = 0; i < runs && (i < 1 || performance.now() - start < BUDGET_MS / 2); i += 1) {
        const t = performance.now();
        rows = statement.all(...parameters).length;
        times.push(performance.now() - t);
      }
    }
  } catch (error) {
    plan = [`(could not explain: ${(error as Error).message})`];
  }
  const isSuspect = plan.some((line) =>
    /\bSCAN (?!.*(USING (COVERING )?INDEX|VIRTUAL TABLE))|USE TEMP B-TREE/.test(line),
  );
  return {
    sql: query.sql.replace(/\s+/g, ' ').trim(),
    parameters,
    medianMs: Math.round((times.length ? median(times) : query.ms) * 1000) / 1000,
    rows,
    plan,
    isSuspect,
  };
}

async function explainPostgres(pool: pg.Pool, query: Captured, runs: number): Promise<ProfiledQuery> {
  let plan: string[] = [];
  let rows = 0;
  const times: number[] = [];
  if (!/^\s*(select|with|insert|update|delete)\b/i.test(query.sql))
    return {
      sql: query.sql.trim(),
      parameters: query.parameters,
      medianMs: query.ms,
      rows: 0,
      plan: [],
      isSuspect: false,
    };
  const client = await pool.connect();
  try {
    // With the values bound, PostgreSQL plans for them, as it does for the app's first executions.
    const explained = await client.query<{ 'QUERY PLAN': string }>({
      text: `explain ${query.sql}`,
      values: query.parameters,
    });
    plan = explained.rows.map((r) => r['QUERY PLAN']);
    if (/^\s*(select|with)\b/i.test(query.sql)) {
      const start = performance.now();
      for (let i = 0; i < runs && (i < 1 || performance.now() - start < BUDGET_MS / 2); i += 1) {
        const t = performance.now();
        rows = (await client.query({ text: query.sql, values: query.parameters })).rowCount ?? 0;
        times.push(performance.now() - t);
      }
    }
  } catch (error) {
    plan = [`(could not explain: ${(error as Error).message})`];
  } finally {
    client.release();
  }
  return {
    sql: query.sql.replace(/\s+/g, ' ').trim(),
    parameters: query.parameters,
    medianMs: Math.round((times.length ? median(times) : query.ms) * 1000) / 1000,
    rows,
    plan,
    // Authors, tags and settings stay small whatever the publication's size: scanning them is fine.
    isSuspect: plan.some((line) =>
      /Seq Scan on (articles|comments|article_authors|article_tags)\b/.test(line),
    ),
  };
}
