import type { Clock } from '../../platform/clock.ts';
import type { Claim, KeyLimit } from '../../platform/counters.ts';
import { lockKeys, transact, type Db } from '../../platform/db/database.ts';
import * as repo from './repository.ts';
import type { CheckConcurrency } from './check-gate.ts';

/** Sign-in limits: failures per window per account and per IP, and password checks at once. */
export const SIGN_IN_LIMITS = {
  perAccount: 5,
  perIp: 20,
  windowMinutes: 15,
  /**
   * Checks running at once in one process. Two per account lets a double-clicked form through;
   * four in all is libuv's thread pool, which scrypt would otherwise take from file reads.
   */
  concurrent: { perAccount: 2, perIp: 2, total: 4 } satisfies CheckConcurrency,
} as const;

/** An attempt counted before its password is checked; released if the password was right. */
export type Reservation = Claim;

/**
 * Counts sign-in attempts. The database implementation is shared by every process of a
 * publication; a Redis one can replace it (scale-out).
 */
export interface SignInThrottle {
  /**
   * Counts one attempt against every key, unless a key already has its limit within `windowMs`:
   * all keys or none, in one atomic step that every process sees. Undefined when refused. The
   * attempt stays counted, as a failure, unless the reservation is released.
   */
  reserve(limits: readonly KeyLimit[], windowMs: number): Promise<Reservation | undefined>;
  /** Forgets a key's failures (an account's, once its owner signs in). */
  clear(key: string): Promise<void>;
}

/**
 * The database-backed throttle. The check and the insert run in one transaction under a lock on
 * the keys (an advisory lock on PostgreSQL; SQLite runs one write transaction at a time), so that
 * forty simultaneous guesses cannot all read "four so far".
 */
export function databaseThrottle(db: Db, clock: Clock): SignInThrottle {
  return {
    async reserve(limits, windowMs) {
      const now = clock.now();
      const since = new Date(now.getTime() - windowMs).toISOString();
      const ids = await transact(db, async (trx) => {
        await lockKeys(
          trx,
          limits.map((l) => `sign-in:${l.key}`),
        );
        for (const { key, limit } of limits)
          if ((await repo.countFailedSignIns(trx, key, since)) >= limit) return undefined;
        return repo.recordFailedSignIn(
          trx,
          limits.map((l) => l.key),
          now.toISOString(),
        );
      });
      if (!ids) return undefined;
      return { release: () => repo.deleteSignInAttempts(db, ids).then(() => undefined) };
    },
    clear: (key) => repo.clearFailedSignIns(db, key).then(() => undefined),
  };
}
