import type { Db } from '../../platform/db/database.ts';
import type { Claim, WindowClaims } from '../../platform/counters.ts';
import * as repo from './repository.ts';

/** The reader the flood rule looks at: their IP (as a keyed hash) and their email. */
export interface FloodReader {
  ipHash: string | null;
  email: string;
}

/**
 * The flood rule's memory: has this reader posted within the window? It runs inside the posting
 * transaction, after the duplicate check. A pass returns a claim; when the comment is not stored
 * after all, the service releases it, so that a failed post does not count.
 */
export interface CommentFloodGuard {
  /** A claim when the reader may post now; undefined when they posted within `windowSeconds`. */
  claim(trx: Db, args: { reader: FloodReader; windowSeconds: number; now: Date }): Promise<Claim | undefined>;
}

const nothingToRelease: Claim = { release: async () => {} };

/**
 * The default guard: the stored comments are the memory. Every process reads the same database,
 * and on PostgreSQL the service's key locks make two posts from one reader take turns.
 */
export function databaseFloodGuard(): CommentFloodGuard {
  return {
    async claim(trx, { reader, windowSeconds, now }) {
      const since = new Date(now.getTime() - windowSeconds * 1000).toISOString();
      const hasPosted = await repo.hasPostedSince(trx, { ...reader, since });
      return hasPosted ? undefined : nothingToRelease;
    },
  };
}

/**
 * The scale-out guard: a claim in Redis on the reader's IP and email for the window, made in one
 * atomic step, so that every process sees it the moment it is made. Should Redis fail, the
 * database guard decides, so that readers can still comment.
 */
export function sharedFloodGuard(deps: {
  claims: WindowClaims;
  fallback?: CommentFloodGuard;
  onError(error: unknown): void;
}): CommentFloodGuard {
  const fallback = deps.fallback ?? databaseFloodGuard();
  return {
    async claim(trx, args) {
      const { reader, windowSeconds } = args;
      const keys = [
        `comment-email:${reader.email.toLowerCase()}`,
        ...(reader.ipHash ? [`comment-ip:${reader.ipHash}`] : []),
      ];
      try {
        return await deps.claims.claim(keys, windowSeconds * 1000);
      } catch (error) {
        deps.onError(error);
        return fallback.claim(trx, args);
      }
    },
  };
}
