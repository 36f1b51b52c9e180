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
  status: number;
  /** The whole request in the app, page cache off, in milliseconds (median of a few). */
  requestMs: number;
  queries: ProfiledQuery[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Profiles each page of `pages` (name → path) on `file`. */
export async function profileQueries(
  file: string,
  pages: Record<string, string>,
  runs = 5,
): Promise<ProfiledPage[]> {
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  let capture: { sql: string; parameters: unknown[] }[] | undefined;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: raw }),
    log: (event: LogEvent) => {
      if (capture && event.level === 'query')
        capture.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
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
    for (const [name, path] of Object.entries(pages)) {
      await app.inject(path); // warms settings and JIT
      const times: number[] = [];
      let status = 0;
      for (let i = 0; i < runs; i += 1) {
        capture = i === 0 ? [] : undefined;
        const t = performance.now();
        const answer = await app.inject(path);
        times.push(performance.now() - t);
        status = answer.statusCode;
        if (i === 0) {
          const captured = capture ?? [];
          capture = undefined;
          out.push({ name, path, status, requestMs: 0, queries: captured.map((q) => explain(raw, q, runs)) });
        }
      }
      const page = out.at(-1);
      if (page) {
        page.requestMs = Math.round(median(times) * 100) / 100;
        page.status = status;
      }
    }
  } finally {
    await app.close();
    await db.destroy();
  }
  return out;
}

function explain(
  raw: SQLite.Database,
  query: { sql: string; parameters: unknown[] },
  runs: number,
): ProfiledQuery {
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
    if (statement.reader) {
      for (let i = 0; i < runs; i += 1) {
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
    medianMs: times.length ? Math.round(median(times) * 1000) / 1000 : NaN,
    rows,
    plan,
    isSuspect,
  };
}
