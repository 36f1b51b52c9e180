import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from './clock.ts';

/**
 * Counters that every process of a publication shares through Redis. They know no domain: the
 * sign-in throttle and the comment flood rule adapt them (see their modules).
 *
 * Keys never reach Redis as given: `hashKey` turns "email:someone@example.com" into an opaque
 * keyed hash, so that Redis holds no address, and `prefix` keeps publications that share one
 * Redis apart.
 */
export interface SharedCounterDeps {
  redis: Redis;
  /** Starts every key, e.g. "dateline:<publication>:". */
  prefix: string;
  hashKey(key: string): string;
}

/** Events per key over a sliding window: for throttles. */
export interface WindowCounter {
  /** How many events `key` had in the last `windowMs`. */
  count(key: string, windowMs: number): Promise<number>;
  /** Adds one event to each key, now. */
  record(keys: readonly string[]): Promise<void>;
  /** Forgets a key's events. */
  clear(key: string): Promise<void>;
  /**
   * Adds one event to every key, unless one of them already has `limit` events in the last
   * `windowMs`: all keys or none, checked and added in one atomic step, so that simultaneous
   * callers in any process cannot all slip under a limit. Undefined when refused; `release`
   * takes the events back.
   */
  reserve(limits: readonly KeyLimit[], windowMs: number): Promise<Claim | undefined>;
}

/** A key and the most events it may have in a window. */
export interface KeyLimit {
  key: string;
  limit: number;
}

// Trims and counts every key first, and adds to all only if each is under its limit.
// ARGV: score, "(" window start, "(" oldest kept, keepMs, member, then one limit per key.
const RESERVE_SCRIPT = `
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[3])
  if redis.call('ZCOUNT', key, ARGV[2], '+inf') >= tonumber(ARGV[5 + i]) then return 0 end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, ARGV[1], ARGV[5])
  redis.call('PEXPIRE', key, ARGV[4])
end
return 1`;

/**
 * A sliding-window counter on Redis sorted sets: one member per event, scored by its time. Events
 * older than `keepMs` are trimmed on each record, and a key expires `keepMs` after its last event,
 * so nothing lingers.
 */
export function createRedisWindowCounter(
  deps: SharedCounterDeps & { clock: Clock; keepMs: number },
): WindowCounter {
  const { redis, clock, keepMs } = deps;
  const keyOf = (key: string) => `${deps.prefix}window:${deps.hashKey(key)}`;
  return {
    async count(key, windowMs) {
      const since = clock.now().getTime() - windowMs;
      return redis.zcount(keyOf(key), `(${since}`, '+inf');
    },
    async record(keys) {
      const now = clock.now().getTime();
      const batch = redis.multi();
      for (const key of keys) {
        const k = keyOf(key);
        // A random member: two events in one millisecond must count twice.
        batch.zadd(k, now, `${now}:${randomBytes(6).toString('base64url')}`);
        batch.zremrangebyscore(k, '-inf', `(${now - keepMs}`);
        batch.pexpire(k, keepMs);
      }
      const results = await batch.exec();
      const failed = results?.find(([error]) => error);
      if (failed?.[0]) throw failed[0];
    },
    async clear(key) {
      await redis.del(keyOf(key));
    },
    async reserve(limits, windowMs) {
      if (limits.length === 0) throw new Error('reserve needs at least one key');
      const now = clock.now().getTime();
      const redisKeys = limits.map((l) => keyOf(l.key));
      const member = `${now}:${randomBytes(6).toString('base64url')}`;
      const won = await redis.eval(
        RESERVE_SCRIPT,
        redisKeys.length,
        ...redisKeys,
        String(now),
        `(${now - windowMs}`,
        `(${now - keepMs}`,
        String(keepMs),
        member,
        ...limits.map((l) => String(l.limit)),
      );
      if (won !== 1) return undefined;
      return {
        async release() {
          const batch = redis.multi();
          for (const k of redisKeys) batch.zrem(k, member);
          await batch.exec();
        },
      };
    },
  };
}

/**
 * A sliding-window counter in this process's memory, for a publication without Redis. Each process
 * counts alone: with several processes a limit applies per process. Events older than `keepMs` are
 * dropped as keys are touched, and keys left with none are forgotten.
 */
export function createMemoryWindowCounter(deps: { clock: Clock; keepMs: number }): WindowCounter {
  const { clock, keepMs } = deps;
  // One object per event, so that a released reservation removes exactly its own events.
  const events = new Map<string, { at: number }[]>();
  const recent = (key: string, now: number): { at: number }[] => {
    const kept = (events.get(key) ?? []).filter((event) => event.at > now - keepMs);
    if (kept.length === 0) events.delete(key);
    else events.set(key, kept);
    return kept;
  };
  const countSince = (key: string, now: number, windowMs: number) =>
    recent(key, now).filter((event) => event.at > now - windowMs).length;
  return {
    async count(key, windowMs) {
      return countSince(key, clock.now().getTime(), windowMs);
    },
    async record(keys) {
      const now = clock.now().getTime();
      for (const key of keys) events.set(key, [...recent(key, now), { at: now }]);
    },
    async clear(key) {
      events.delete(key);
    },
    // Synchronous from check to add, so no other call in this process can come between them.
    async reserve(limits, windowMs) {
      const now = clock.now().getTime();
      if (limits.some((l) => countSince(l.key, now, windowMs) >= l.limit)) return undefined;
      const event = { at: now };
      for (const { key } of limits) events.set(key, [...recent(key, now), event]);
      return {
        async release() {
          for (const { key } of limits) {
            const left = (events.get(key) ?? []).filter((e) => e !== event);
            if (left.length === 0) events.delete(key);
            else events.set(key, left);
          }
        },
      };
    },
  };
}

/**
 * The shared counter while it answers, and `fallback` (usually the memory counter) while it fails,
 * so that a Redis outage loosens a limit to one process's count instead of refusing everyone.
 */
export function counterWithFallback(deps: {
  shared: WindowCounter;
  fallback: WindowCounter;
  onError(error: unknown): void;
}): WindowCounter {
  const attempt = async <T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> => {
    try {
      return await shared();
    } catch (error) {
      deps.onError(error);
      return local();
    }
  };
  const { shared, fallback } = deps;
  return {
    count: (key, windowMs) =>
      attempt(
        () => shared.count(key, windowMs),
        () => fallback.count(key, windowMs),
      ),
    record: (keys) =>
      attempt(
        () => shared.record(keys),
        () => fallback.record(keys),
      ),
    clear: (key) =>
      attempt(
        () => shared.clear(key),
        () => fallback.clear(key),
      ),
    reserve: (limits, windowMs) =>
      attempt(
        () => shared.reserve(limits, windowMs),
        () => fallback.reserve(limits, windowMs),
      ),
  };
}

/** A claim on several keys at once, held until it expires or is released. */
export interface Claim {
  /** Gives the claim back early (its keys are freed only if they still hold this claim). */
  release(): Promise<void>;
}

/** At most one holder per key within a window: for "one post per N seconds" rules. */
export interface WindowClaims {
  /** Claims every key for `windowMs`, atomically; undefined when any of them is already held. */
  claim(keys: readonly string[], windowMs: number): Promise<Claim | undefined>;
}

// All or nothing: a claim that found one key held must not leave the others set.
const CLAIM_SCRIPT = `
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then return 0 end
end
for _, key in ipairs(KEYS) do
  redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
end
return 1`;

// Only the claim's own token is removed: after it expired, the key may be someone else's.
const RELEASE_SCRIPT = `
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 1`;

/** Window claims on Redis: SET with PX, checked and set for all keys in one script. */
export function createRedisWindowClaims(deps: SharedCounterDeps): WindowClaims {
  const { redis } = deps;
  const keyOf = (key: string) => `${deps.prefix}claim:${deps.hashKey(key)}`;
  return {
    async claim(keys, windowMs) {
      if (keys.length === 0) throw new Error('claim needs at least one key');
      const redisKeys = keys.map(keyOf);
      const token = randomBytes(12).toString('base64url');
      const won = await redis.eval(
        CLAIM_SCRIPT,
        redisKeys.length,
        ...redisKeys,
        token,
        String(Math.max(1, Math.round(windowMs))),
      );
      if (won !== 1) return undefined;
      return {
        async release() {
          await redis.eval(RELEASE_SCRIPT, redisKeys.length, ...redisKeys, token);
        },
      };
    },
  };
}
