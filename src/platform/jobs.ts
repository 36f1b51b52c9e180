import { sql } from 'kysely';
import type { Db } from './db/database.ts';
import { dialectOf } from './db/dialect.ts';

/** What a run of an exclusive job came to. */
export type JobOutcome<T> = { ran: true; value: T } | { ran: false };

/** Names of the jobs running in this process: a second call while one runs is skipped. */
const runningHere = new WeakMap<Db, Set<string>>();

/**
 * Runs `fn` unless the job `name` is already running, here or in any other process of the
 * publication; then it is skipped (`{ ran: false }`), not queued, because periodic jobs simply try
 * again at their next tick.
 *
 * On PostgreSQL the guard is a transaction-level advisory lock (`pg_try_advisory_xact_lock`) taken
 * in a transaction that stays open while `fn` runs, so every process that shares the database sees
 * it, and it is gone the moment that transaction ends: when `fn` returns or throws, or when the
 * process or its connection dies. Transaction-level rather than session-level, because behind
 * PgBouncer in transaction mode a session lock and its unlock can land on different server
 * connections and leave the lock held. `fn` does its work on other connections of the pool, so a
 * job must be short next to `idle_in_transaction_session_timeout`, if the server sets one.
 *
 * SQLite serves from one process, so the in-process guard is all it needs; it runs on both
 * dialects, as a session may take an advisory lock it already holds. PGlite (tests) has a single
 * connection, which the open transaction would keep from `fn`: do not use this on PGlite.
 *
 * `fn` must be idempotent (a due article is published by a conditional update): the lock makes
 * runs take turns, it cannot stop a second process from running the same job a moment later.
 */
export async function runExclusive<T>(db: Db, name: string, fn: () => Promise<T>): Promise<JobOutcome<T>> {
  let running = runningHere.get(db);
  if (!running) runningHere.set(db, (running = new Set()));
  if (running.has(name)) return { ran: false };
  running.add(name);
  try {
    if (dialectOf(db) !== 'postgres') return { ran: true, value: await fn() };
    // The key space is shared with lockKeys' transaction locks: prefix the name so they never meet.
    const key = `dateline-job:${name}`;
    return await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) as locked`.execute(trx);
      if (!rows[0]?.locked) return { ran: false } as const;
      return { ran: true, value: await fn() } as const;
    });
  } finally {
    running.delete(name);
  }
}

/** A job that runs every `intervalMs` through runExclusive, until stopped. */
export interface PeriodicJob {
  /** Runs the job now (skipped if it is already running); for start-up and tests. */
  runNow(): Promise<void>;
  stop(): void;
}

/**
 * Schedules `fn` every `intervalMs` as the exclusive job `name`. A failed run is reported and the
 * next tick tries again. The timer does not keep the process alive.
 */
export function startPeriodicJob(args: {
  db: Db;
  name: string;
  intervalMs: number;
  run: () => Promise<unknown>;
  onError: (error: unknown) => void;
}): PeriodicJob {
  const runNow = () =>
    runExclusive(args.db, args.name, args.run).then(
      () => undefined,
      (error: unknown) => args.onError(error),
    );
  const timer = setInterval(() => void runNow(), args.intervalMs);
  timer.unref();
  return {
    runNow,
    stop: () => clearInterval(timer),
  };
}
