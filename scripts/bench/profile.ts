// The query profile: builds the web app in this process on the benchmark's SQLite file, with a Kysely that
// logs every query, requests each page once (page cache off), and then, for every query a page ran, times it
// on its own and asks SQLite for its plan (EXPLAIN QUERY PLAN). It shows which query a slow page waits on,
// with the SQL the repositories really build today.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type LogEvent } from 'kysely';
import { createApp, createServices } from '../../src/app.tsx';
import { wrapDatabase } from '../../src/platform/db/database.ts';
import type { Database } from '../../src/platform/db/schema.ts';

export interface ProfiledQuery {
  sql: string;
  parameters: unknown[];
  /** Median of a few runs on their own, in milliseconds. */
  medianMs: number;
  rows: number;
  plan: string[];
  /** True when the plan scans a table or builds a temporary b-tree for ORDER BY or GROUP BY. */
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
 * Profiles each request of `pages` (name → request) on `file`: `warmup` requests first, then `runs` timed ones;
 * the queries of the first timed one are explained and timed alone. POSTs write to the file.
 */
export async function profileQueries(
  file: string,
  pages: Record<string, ProfileRequest>,
  options: { runs?: number; warmup?: number } = {},
): Promise<ProfiledPage[]> {
  const runs = options.runs ?? 20;
  const warmup = options.warmup ?? 10;
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  let capture: Captured[] | undefined;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: raw }),
    log: (event: LogEvent) => {
      if (capture && event.level === 'query')
        capture.push({
          sql: event.query.sql,
          parameters: [...event.query.parameters],
          ms: event.queryDurationMillis,
        });
    },
  });
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
      capture = [];
      let t = performance.now();
      let answer = await send();
      const first = performance.now() - t;
      const captured = capture;
      capture = undefined;
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
      const queries = captured.map((q) => explain(raw, q, isSlow ? 0 : Math.min(runs, 10)));
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
    await db.destroy();
  }
  return out;
}

interface Captured {
  sql: string;
  parameters: unknown[];
  /** As Kysely logged it, in the request. */
  ms: number;
}

function explain(raw: SQLite.Database, query: Captured, runs: number): ProfiledQuery {
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
