import type { WindowCounter } from '../../platform/counters.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * How much one account may ask of the newsroom per minute. Saves, restores and previews each render
 * the body; autosaves only store it. A person at work uses a fraction of these: the editor autosaves
 * every 20 seconds at most, and previews and saves come from clicks.
 */
export const NEWSROOM_LIMITS = {
  /** Saves, restores and previews per account per minute. */
  rendersPerMinute: 20,
  /** Autosaves per account per minute (three per open editor, so four editors at once). */
  autosavesPerMinute: 12,
} as const;

/** What a request costs: a render, or an autosave. */
export type BudgetKind = 'render' | 'autosave';

/** The per-account budget of newsroom writes and previews. */
export interface NewsroomBudget {
  /** Counts one request of `kind` for the account; NEWSROOM_RATE_LIMITED once over its limit. */
  spend(args: { userId: number; kind: BudgetKind }): Promise<void>;
}

/** The window every newsroom limit counts over. */
export const NEWSROOM_WINDOW_MS = 60_000;

/**
 * A budget on a window counter: the memory counter in one process, the Redis one when the processes
 * of a publication share REDIS_URL. Each request is recorded before it is counted, so requests sent
 * all at once cannot all slip under the limit: the n-th to be recorded sees at least n. Refused
 * requests count too, so hammering keeps the account waiting rather than winning a slot now and then.
 */
export function createNewsroomBudget(deps: { counter: WindowCounter }): NewsroomBudget {
  const { counter } = deps;
  const limits: Record<BudgetKind, number> = {
    render: NEWSROOM_LIMITS.rendersPerMinute,
    autosave: NEWSROOM_LIMITS.autosavesPerMinute,
  };
  return {
    async spend({ userId, kind }) {
      const key = `newsroom-${kind}:${userId}`;
      await counter.record([key]);
      if ((await counter.count(key, NEWSROOM_WINDOW_MS)) > limits[kind])
        throw new AppError('NEWSROOM_RATE_LIMITED');
    },
  };
}
