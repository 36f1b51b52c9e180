import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { Db } from './db/database.ts';

/**
 * Carries page-cache invalidations between the processes of one publication through the database:
 * each process records the tags its changes invalidate, and each server applies the tags recorded
 * by the others, checking a few times a second. Issue 7's Redis transport replaces the polling
 * where REDIS_URL is set; this keeps a laptop on SQLite correct with no Redis at all.
 */
export interface InvalidationOutbox {
  /** Records tags for the other processes. Resolves once stored. */
  record(tags: readonly string[]): Promise<void>;
  /** Waits for every record still being written (a command calls this before it exits). */
  flush(): Promise<void>;
  /** Applies what other processes recorded since the last look. */
  poll(): Promise<void>;
  /** Where other processes' tags go: the page cache of this process. */
  subscribe(handler: (tags: string[]) => void): void;
  /** Starts polling every `intervalMs`. */
  start(intervalMs?: number): void;
  stop(): void;
}

/** How long recorded invalidations are kept: far longer than any poll interval. */
const KEEP_MS = 10 * 60 * 1000;

/** Builds the outbox for one process. */
export function createInvalidationOutbox(deps: {
  db: Db;
  clock: Clock;
  onError(error: unknown): void;
}): InvalidationOutbox {
  const origin = randomUUID();
  const handlers: ((tags: string[]) => void)[] = [];
  const pending = new Set<Promise<void>>();
  let lastSeen: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  let polls = 0;

  async function poll(): Promise<void> {
    if (lastSeen === undefined) {
      const row = await deps.db
        .selectFrom('cache_invalidations')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      lastSeen = Number(row?.id ?? 0);
      return;
    }
    const rows = await deps.db
      .selectFrom('cache_invalidations')
      .where('id', '>', lastSeen)
      .select(['id', 'origin', 'tags'])
      .orderBy('id')
      .execute();
    for (const row of rows) {
      lastSeen = Math.max(lastSeen, row.id);
      if (row.origin !== origin) for (const handler of handlers) handler(JSON.parse(row.tags) as string[]);
    }
    polls += 1;
    if (polls % 600 === 0) {
      const before = new Date(deps.clock.now().getTime() - KEEP_MS).toISOString();
      await deps.db.deleteFrom('cache_invalidations').where('created_at', '<', before).execute();
    }
  }

  return {
    record(tags) {
      if (tags.length === 0) return Promise.resolve();
      const write = deps.db
        .insertInto('cache_invalidations')
        .values({ origin, tags: JSON.stringify(tags), created_at: deps.clock.now().toISOString() })
        .execute()
        .then(
          () => undefined,
          (error: unknown) => deps.onError(error),
        );
      pending.add(write);
      void write.finally(() => pending.delete(write));
      return write;
    },
    async flush() {
      await Promise.all([...pending]);
    },
    poll() {
      // One poll at a time: a slow database must not pile them up.
      polling ??= poll().finally(() => {
        polling = undefined;
      });
      return polling;
    },
    subscribe(handler) {
      handlers.push(handler);
    },
    start(intervalMs = 250) {
      void this.poll().catch(deps.onError);
      timer = setInterval(() => void this.poll().catch(deps.onError), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
