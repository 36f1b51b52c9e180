// The parts the processes of a publication share, tested in one process: the configuration, the worker
// restart backoff, exclusive jobs (SQLite always; PostgreSQL advisory locks across two connection
// pools), and, on real Redis, the shared counters and the invalidation broadcast with its outbox safety net.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { runCli } from '../../src/cli.ts';
import { loadConfig, parseRedisUrl, ConfigError } from '../../src/config.ts';
import { restartDelayMs } from '../../src/cluster.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { createRedisWindowClaims, createRedisWindowCounter } from '../../src/platform/counters.ts';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { createInvalidationOutbox, type InvalidationOutbox } from '../../src/platform/invalidations.ts';
import { runExclusive } from '../../src/platform/jobs.ts';
import { databaseThrottle } from '../../src/modules/accounts/index.ts';
import { openRedis, type RedisConnection } from '../../src/platform/redis.ts';
import {
  checkRedis,
  freshDatabase,
  scaleOutSkipReason,
  testRedisUrl,
  waitFor,
  type SharedDatabase,
} from './harness.ts';

const skip = scaleOutSkipReason();

/** A promise and the function that settles it, to hold a job open. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('scale-out configuration', () => {
  it('reads REDIS_URL, TRUST_PROXY and the scheduler interval, and is unchanged without them', () => {
    const plain = loadConfig({});
    expect(plain.redisUrl).toBeUndefined();
    expect(plain.trustProxy).toBe(false);
    expect(plain.schedulerIntervalMs).toBe(15_000);
    const scaled = loadConfig({
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      TRUST_PROXY: 'loopback',
      DATELINE_SCHEDULER_INTERVAL_MS: '500',
    });
    expect(scaled.redisUrl).toBe('redis://127.0.0.1:6379/2');
    expect(scaled.trustProxy).toBe('loopback');
    expect(scaled.schedulerIntervalMs).toBe(500);
    expect(parseRedisUrl('rediss://user:pw@cache.example:6380')).toBe('rediss://user:pw@cache.example:6380');
    expect(parseRedisUrl('  ')).toBeUndefined();
  });

  it('fails fast on a REDIS_URL or interval it cannot use, naming the variable', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ DATELINE_SCHEDULER_INTERVAL_MS: '5' })).toThrow(
      /DATELINE_SCHEDULER_INTERVAL_MS/,
    );
  });

  it('waits longer before restarting a worker that keeps dying, up to 30 s', () => {
    expect(restartDelayMs(1)).toBe(500);
    expect(restartDelayMs(2)).toBe(1_000);
    expect(restartDelayMs(3)).toBeGreaterThan(restartDelayMs(2));
    expect(restartDelayMs(50)).toBe(30_000);
  });
});

describe('a dateline command while Redis is down', () => {
  it('still makes its change, says so, and leaves it to the outbox', async () => {
    const database = await openDatabase({ dialect: 'sqlite', file: ':memory:' });
    try {
      await migrateToLatest(database.db);
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['settings', 'set', 'site.title', 'Down but Written'], {
        out: (line) => out.push(line),
        err: (line) => err.push(line),
        env: { REDIS_URL: 'redis://127.0.0.1:1' },
        database,
      });
      expect(code).toBe(0);
      expect(err.join('\n')).toMatch(
        /REDIS_URL: cannot connect to redis:\/\/127\.0\.0\.1:1\/? \(connect ECONNREFUSED/,
      );
      const recorded = await database.db.selectFrom('cache_invalidations').select('tags').execute();
      expect(recorded.map((row) => row.tags)).toEqual(['["settings"]']);
    } finally {
      await database.close();
    }
  });
});

describe('exclusive jobs on SQLite', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({ dialect: 'sqlite', file: ':memory:' });
  });
  afterAll(async () => database?.close());

  it('skips a job that is already running in the process, and runs it again once it ended', async () => {
    const held = gate();
    const first = runExclusive(database.db, 'publish-due', async () => {
      await held.opened;
      return 'first';
    });
    expect(await runExclusive(database.db, 'publish-due', async () => 'second')).toEqual({ ran: false });
    // Another job's name is not blocked.
    expect(await runExclusive(database.db, 'poll-feeds', async () => 'other')).toEqual({
      ran: true,
      value: 'other',
    });
    held.open();
    expect(await first).toEqual({ ran: true, value: 'first' });
    expect(await runExclusive(database.db, 'publish-due', async () => 'third')).toEqual({
      ran: true,
      value: 'third',
    });
  });

  it('frees the job when it throws', async () => {
    await expect(
      runExclusive(database.db, 'failing', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await runExclusive(database.db, 'failing', async () => 1)).toEqual({ ran: true, value: 1 });
  });
});

describe.skipIf(skip)('shared state on PostgreSQL and Redis', () => {
  let shared: SharedDatabase;
  /** Two pools on one database: two processes, as far as PostgreSQL can tell. */
  let one: DatabaseHandle;
  let two: DatabaseHandle;
  let redis: Redis;
  const connections: RedisConnection[] = [];
  const outboxes: InvalidationOutbox[] = [];
  const prefix = `dateline-test:${randomBytes(4).toString('hex')}:`;
  const errors: unknown[] = [];

  const connect = async (name: string) => {
    const connection = await openRedis(testRedisUrl(), { name, onError: () => {} });
    connections.push(connection);
    return connection;
  };

  beforeAll(async () => {
    shared = await freshDatabase('shared');
    const target = { dialect: 'postgres' as const, url: shared.url };
    one = await openDatabase(target);
    two = await openDatabase(target);
    await migrateToLatest(one.db);
    redis = checkRedis();
  }, 60_000);

  afterAll(async () => {
    for (const outbox of outboxes) outbox.stop();
    await Promise.all(connections.map((c) => c.close()));
    redis?.disconnect();
    await one?.close();
    await two?.close();
    await shared?.drop();
  }, 60_000);

  it('runs a job in one process at a time through an advisory lock', async () => {
    const held = gate();
    let calls = 0;
    const first = runExclusive(one.db, 'publish-due', async () => {
      calls += 1;
      await held.opened;
    });
    await waitFor('the lock taken', async () => (calls === 1 ? true : undefined));
    // The other "process" is turned away while the first holds the lock, but may run other jobs.
    expect(await runExclusive(two.db, 'publish-due', async () => (calls += 1))).toEqual({ ran: false });
    expect((await runExclusive(two.db, 'poll-feeds', async () => 'ok')).ran).toBe(true);
    held.open();
    await first;
    expect(await runExclusive(two.db, 'publish-due', async () => 'after')).toEqual({
      ran: true,
      value: 'after',
    });
    expect(calls).toBe(1);
  });

  it('frees a job’s lock when the connection holding it dies, as a crashed process’s would', async () => {
    const held = gate();
    let isStarted = false;
    const first = runExclusive(one.db, 'crash-safe', async () => {
      isStarted = true;
      await held.opened;
    });
    await waitFor('the lock taken', async () => (isStarted ? true : undefined));
    expect((await runExclusive(two.db, 'crash-safe', async () => 'no')).ran).toBe(false);
    // Only this job's lock: other test files on the same database hold advisory locks of their own.
    const [killed] = await shared.query<{ count: string }>(
      `with k as (select hashtextextended('dateline-job:crash-safe', 0) as key)
       select count(pg_terminate_backend(pid)) from pg_locks, k
        where locktype = 'advisory' and granted and objsubid = 1
          and database = (select oid from pg_database where datname = current_database())
          and classid = ((k.key >> 32) & 4294967295)::oid and objid = (k.key & 4294967295)::oid`,
    );
    expect(Number(killed?.count)).toBe(1);
    try {
      // pg_terminate_backend only signals the backend; its locks go when it has exited, a moment later.
      const { value } = await waitFor('the lock freed', async () => {
        const outcome = await runExclusive(two.db, 'crash-safe', async () => 'taken');
        return outcome.ran ? outcome : undefined;
      });
      expect(value).toEqual({ ran: true, value: 'taken' });
    } finally {
      held.open();
    }
    await expect(first).rejects.toThrow();
  });

  it('counts events over a sliding window in Redis, per key, with no raw key stored', async () => {
    const counter = createRedisWindowCounter({
      redis,
      prefix,
      hashKey: (key) => `h${Buffer.from(key).toString('hex')}`,
      clock: systemClock,
      keepMs: 60_000,
    });
    await counter.record(['email:x@example.com', 'ip:1']);
    await counter.record(['email:x@example.com']);
    expect(await counter.count('email:x@example.com', 60_000)).toBe(2);
    expect(await counter.count('ip:1', 60_000)).toBe(1);
    expect(await counter.count('ip:2', 60_000)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await counter.count('email:x@example.com', 10)).toBe(0);
    expect(await redis.keys(`${prefix}*@*`)).toEqual([]);
    expect(await redis.pttl(`${prefix}window:h${Buffer.from('ip:1').toString('hex')}`)).toBeGreaterThan(0);
    await counter.clear('email:x@example.com');
    expect(await counter.count('email:x@example.com', 60_000)).toBe(0);
  });

  it('reserves attempts in Redis atomically: a burst gets exactly the limit, all keys or none', async () => {
    const counter = createRedisWindowCounter({
      redis,
      prefix,
      hashKey: (key) => `h${Buffer.from(key).toString('hex')}`,
      clock: systemClock,
      keepMs: 60_000,
    });
    const limits = (ip: string) => [
      { key: 'email:burst@example.com', limit: 5 },
      { key: ip, limit: 20 },
    ];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => counter.reserve(limits(`ip:burst-${i % 3}`), 60_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await counter.count('email:burst@example.com', 60_000)).toBe(5);
    // Refused reservations added nothing to the IP keys either.
    const perIp = await Promise.all([0, 1, 2].map((i) => counter.count(`ip:burst-${i}`, 60_000)));
    expect(perIp.reduce((a, b) => a + b, 0)).toBe(5);
    // Released, an attempt no longer counts: the account has room for exactly one more.
    await results.find(Boolean)!.release();
    expect(await counter.count('email:burst@example.com', 60_000)).toBe(4);
    expect(await counter.reserve(limits('ip:burst-9'), 60_000)).toBeDefined();
    expect(await counter.reserve(limits('ip:burst-9'), 60_000)).toBeUndefined();
  });

  it('reserves sign-in attempts in PostgreSQL atomically across two connection pools', async () => {
    const clock = systemClock;
    const throttles = [databaseThrottle(one.db, clock), databaseThrottle(two.db, clock)];
    const email = `email:pg-${randomBytes(4).toString('hex')}@example.com`;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        throttles[i % 2]!.reserve(
          [
            { key: email, limit: 5 },
            { key: `ip:${email}`, limit: 20 },
          ],
          60_000,
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(5);
    const rows = await one.db.selectFrom('sign_in_attempts').where('key', '=', email).select('id').execute();
    expect(rows).toHaveLength(5);
  });

  it('lets exactly one of many simultaneous claims win, all keys or none', async () => {
    const claims = createRedisWindowClaims({ redis, prefix, hashKey: (key) => key });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => claims.claim(['reader:a', `ip:${i}`], 5_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    // The losers set none of their keys: ip:3 is free unless the winner took it.
    const winner = results.findIndex(Boolean);
    const free = winner === 3 ? 4 : 3;
    expect(await redis.exists(`${prefix}claim:ip:${free}`)).toBe(0);
    // Released, the window is open again.
    await results[winner]?.release();
    const again = await claims.claim(['reader:a'], 5_000);
    expect(again).toBeDefined();
    // A release after expiry does not free someone else's claim.
    const short = await claims.claim(['reader:b'], 20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const next = await claims.claim(['reader:b'], 5_000);
    expect(next).toBeDefined();
    await short?.release();
    expect(await claims.claim(['reader:b'], 5_000)).toBeUndefined();
  });

  it('broadcasts an invalidation to the other processes at once, and applies it only once', async () => {
    const channelName = `${prefix}invalidations`;
    const outbox = async (db: DatabaseHandle, withChannel: boolean) => {
      const connection = withChannel
        ? await connect(`dateline-test-${randomBytes(3).toString('hex')}`)
        : undefined;
      const created = createInvalidationOutbox({
        db: db.db,
        clock: systemClock,
        onError: (error) => errors.push(error),
        ...(connection && {
          channel: {
            publish: (message) => connection.publish(channelName, message),
            listen: (handlers) => connection.subscribe(channelName, handlers),
          },
        }),
      });
      outboxes.push(created);
      return { outbox: created, connection };
    };
    const sender = await outbox(one, true);
    const receiver = await outbox(two, true);
    const received: string[][] = [];
    const sent: string[][] = [];
    receiver.outbox.subscribe((tags) => received.push(tags));
    sender.outbox.subscribe((tags) => sent.push(tags));
    // Polling every minute: anything that arrives sooner came through Redis.
    receiver.outbox.start(60_000);
    sender.outbox.start(60_000);
    await receiver.outbox.poll();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the subscriptions settle

    await sender.outbox.record(['article:1', 'list:front']);
    const { afterMs } = await waitFor('the broadcast', async () => (received.length > 0 ? true : undefined), {
      withinMs: 1_000,
      everyMs: 5,
    });
    expect(afterMs).toBeLessThan(1_000);
    expect(received).toEqual([['article:1', 'list:front']]);
    expect(sent).toEqual([]); // a process does not apply its own records
    await receiver.outbox.poll();
    expect(received).toHaveLength(1); // the outbox row was already applied

    // A command run without REDIS_URL records only in the outbox; a lost subscription catches up
    // on it at once instead of a minute later.
    const commandLine = await outbox(one, false);
    await commandLine.outbox.record(['settings']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toHaveLength(1);
    const clients = await redis.client('LIST');
    const name = `${receiver.connection?.commands.options.connectionName}:subscriber`;
    const id = String(clients)
      .split('\n')
      .find((line) => line.includes(` name=${name} `))
      ?.match(/^id=(\d+)/)?.[1];
    expect(id).toBeDefined();
    await redis.client('KILL', 'ID', String(id));
    await waitFor('the catch-up after reconnecting', async () => (received.length > 1 ? true : undefined), {
      withinMs: 10_000,
    });
    expect(received[1]).toEqual(['settings']);
    expect(errors).toEqual([]);
  });
});
