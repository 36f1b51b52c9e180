import { Redis } from 'ioredis';

/**
 * One process's link to the publication's Redis: a connection for commands and, once something
 * listens, a second one in subscriber mode (Redis allows no other commands on a subscribed
 * connection).
 *
 * Commands fail at once while Redis is unreachable instead of queueing, so that a caller can fall
 * back to the database (the counters do) or to the outbox (invalidations do) and a page is never
 * held up waiting for Redis to come back. ioredis keeps reconnecting in the background.
 */
export interface RedisConnection {
  /** For commands: counters and PUBLISH. */
  readonly commands: Redis;
  /** Publishes a message on a channel. Rejects when Redis cannot be reached. */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Listens on a channel. `onReconnect` runs each time the subscription is back after a lost
   * connection: messages sent meanwhile are gone, and the listener must catch up another way.
   * Returns a function that stops listening.
   */
  subscribe(
    channel: string,
    handlers: { onMessage(message: string): void; onReconnect(): void },
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Options for opening Redis. */
export interface OpenRedisOptions {
  /** Reports a lost connection (once per outage, not once per retry). */
  onError(error: unknown): void;
  /** How long the first connection may take before start-up fails. */
  connectTimeoutMs?: number;
  /** Shown in CLIENT LIST, so that an operator can tell Dateline's connections apart. */
  name?: string;
}

/** Waits for a connection's first `ready`, or fails with a message that names REDIS_URL. */
async function connectOnce(client: Redis, shownUrl: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  // The socket's own error says more than ioredis's "Connection is closed".
  let firstError: unknown;
  const remember = (error: unknown) => (firstError ??= error);
  client.on('error', remember);
  try {
    await Promise.race([
      client.connect(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    client.disconnect();
    const cause = firstError ?? error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`REDIS_URL: cannot connect to ${shownUrl} (${reason})`, { cause });
  } finally {
    clearTimeout(timer);
    client.off('error', remember);
  }
}

/** The URL without its password, for messages. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return 'REDIS_URL';
  }
}

/** Opens the command connection and checks that Redis answers; start-up fails when it does not. */
export async function openRedis(url: string, options: OpenRedisOptions): Promise<RedisConnection> {
  const shownUrl = withoutPassword(url);
  const timeoutMs = options.connectTimeoutMs ?? 5_000;
  const base = {
    lazyConnect: true,
    connectionName: options.name ?? 'dateline',
    connectTimeout: timeoutMs,
    // Back off to one attempt every 2 s while Redis is away.
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  };
  const commands = new Redis(url, {
    ...base,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
  });
  let subscriber: Promise<Redis> | undefined;
  const channels = new Map<string, { onMessage(message: string): void; onReconnect(): void }>();

  // ioredis emits an error for every failed retry; report the first of each outage only.
  const watch = (client: Redis) => {
    let isDown = false;
    client.on('error', (error: unknown) => {
      if (isDown) return;
      isDown = true;
      options.onError(error);
    });
    client.on('ready', () => {
      isDown = false;
    });
  };
  await connectOnce(commands, shownUrl, timeoutMs);
  watch(commands);

  async function openSubscriber(): Promise<Redis> {
    const client = new Redis(url, { ...base, connectionName: `${base.connectionName}:subscriber` });
    client.on('message', (channel: string, message: string) => channels.get(channel)?.onMessage(message));
    let readyCount = 0;
    client.on('ready', () => {
      readyCount += 1;
      // ioredis subscribes again by itself after a reconnection; what was sent meanwhile is lost.
      if (readyCount > 1) for (const handlers of channels.values()) handlers.onReconnect();
    });
    await connectOnce(client, shownUrl, timeoutMs);
    watch(client);
    return client;
  }

  return {
    commands,
    async publish(channel, message) {
      await commands.publish(channel, message);
    },
    async subscribe(channel, handlers) {
      // One subscriber connection, however many channels and callers.
      subscriber ??= openSubscriber().catch((error: unknown) => {
        subscriber = undefined; // the next caller tries again
        throw error;
      });
      const client = await subscriber;
      channels.set(channel, handlers);
      await client.subscribe(channel);
      return async () => {
        channels.delete(channel);
        if (client.status === 'ready') await client.unsubscribe(channel);
      };
    },
    async close() {
      const clients = [commands, ...(subscriber ? [await subscriber.catch(() => undefined)] : [])].filter(
        (client): client is Redis => client !== undefined,
      );
      await Promise.all(
        clients.map(async (client) => {
          if (client.status === 'ready') {
            await client.quit().catch(() => client.disconnect());
          } else {
            client.disconnect();
          }
        }),
      );
    },
  };
}
