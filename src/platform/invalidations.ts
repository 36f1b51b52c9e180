import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { Db } from './db/database.ts';

/**
 * Carries page-cache invalidations between the processes of one publication. Each process records
 * the tags its changes invalidate in the database (the outbox), and each server applies the tags
 * recorded by the others, checking a few times a second: this keeps several processes on one
 * machine correct with no Redis at all.
 *
 * With a broadcast channel (Redis pub/sub, where REDIS_URL is set) each record is also published
 * the moment it is stored, so that every server drops the pages at once. The outbox stays as the
 * safety net: a server polls it slowly, and at once after its subscription was lost, so that a
 * message Redis dropped, or a `dateline` command run without REDIS_URL, still arrives. Each record
 * is applied once, whichever way it came first.
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
  /**
   * Starts listening on the channel, if there is one, and polling every `intervalMs` (default 250 ms,
   * or 5 s as a safety net when a channel delivers).
   */
  start(intervalMs?: number): void;
  stop(): void;
}

/** A message bus to every process of the publication: Redis pub/sub in production. */
export interface InvalidationChannel {
  publish(message: string): Promise<void>;
  /**
   * Listens. `onReconnect` runs when messages may have been lost (the connection came back).
   * Resolves with a function that stops listening.
   */
  listen(handlers: { onMessage(message: string): void; onReconnect(): void }): Promise<() => Promise<void>>;
}

/** What travels on the channel: who recorded it, its outbox row (when stored), and the tags. */
interface Broadcast {
  origin: string;
  id: number | null;
  tags: string[];
}

function parseBroadcast(message: string): Broadcast | undefined {
  try {
    const value = JSON.parse(message) as Partial<Broadcast>;
    if (typeof value.origin !== 'string' || !Array.isArray(value.tags)) return undefined;
    const tags = value.tags.filter((t): t is string => typeof t === 'string');
    return { origin: value.origin, id: typeof value.id === 'number' ? value.id : null, tags };
  } catch {
    return undefined;
  }
}

/** How long recorded invalidations are kept: far longer than any poll interval. */
const KEEP_MS = 10 * 60 * 1000;

/** Builds the outbox for one process. */
export function createInvalidationOutbox(deps: {
  db: Db;
  clock: Clock;
  onError: (error: unknown) => void;
  /** Where set, records are also broadcast, for immediate delivery. */
  channel?: InvalidationChannel;
  /** Where set, this process's records also purge a CDN (only the recording process does). */
  purge?(tags: readonly string[]): Promise<void>;
}): InvalidationOutbox {
  const origin = randomUUID();
  const handlers: ((tags: string[]) => void)[] = [];
  const pending = new Set<Promise<void>>();
  let lastSeen: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  let polls = 0;
  /** Outbox rows already applied from the channel, so that polling does not apply them again. */
  const broadcastIds = new Set<number>();
  let stopListening: (() => Promise<void>) | undefined;
  let isStopped = false;

  const apply = (tags: string[]) => {
    for (const handler of handlers) handler(tags);
  };

  function receive(message: string): void {
    const broadcast = parseBroadcast(message);
    if (!broadcast || broadcast.origin === origin) return;
    if (broadcast.id !== null) {
      // Polling got there first: it has been applied.
      if (lastSeen !== undefined && broadcast.id <= lastSeen) return;
      broadcastIds.add(broadcast.id);
    }
    apply(broadcast.tags);
  }

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
      if (broadcastIds.delete(row.id)) continue;
      if (row.origin !== origin) apply(JSON.parse(row.tags) as string[]);
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
      const store = deps.db
        .insertInto('cache_invalidations')
        .values({ origin, tags: JSON.stringify(tags), created_at: deps.clock.now().toISOString() })
        .returning('id')
        .executeTakeFirst()
        .then(
          (row) => row?.id ?? null,
          (error: unknown) => {
            deps.onError(error);
            return null;
          },
        );
      const { channel } = deps;
      // Published after the row is stored, carrying its id, so that no server applies it twice.
      const broadcast = !channel
        ? store.then(() => undefined)
        : store.then((id) =>
            channel.publish(JSON.stringify({ origin, id, tags: [...tags] } satisfies Broadcast)).catch(
              // Unpublished, the record still reaches every server through the outbox.
              (error: unknown) => deps.onError(error),
            ),
          );
      const write = deps.purge
        ? Promise.all([broadcast, deps.purge(tags).catch((error: unknown) => deps.onError(error))]).then(
            () => undefined,
          )
        : broadcast;
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
    start(intervalMs) {
      const { channel } = deps;
      isStopped = false;
      const catchUp = () => void this.poll().catch(deps.onError);
      if (channel) {
        channel.listen({ onMessage: receive, onReconnect: catchUp }).then(
          (stop) => {
            if (isStopped) void stop().catch(deps.onError);
            else stopListening = stop;
          },
          (error: unknown) => deps.onError(error),
        );
      }
      catchUp();
      timer = setInterval(catchUp, intervalMs ?? (channel ? 5_000 : 250));
      timer.unref();
    },
    stop() {
      isStopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      if (stopListening) void stopListening().catch(deps.onError);
      stopListening = undefined;
    },
  };
}
