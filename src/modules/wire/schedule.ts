// When to ask a feed again. Two times: `notBefore`, the earliest the feed's owner allows (its
// max-age, Expires, <ttl>, and Retry-After after a 429 or 503), which no fetch ever breaks, not even
// one asked for by hand; and `nextFetchAt`, when the poller wants it: the default interval, later
// after errors (doubling each time), and never before `notBefore`.
import type { CacheHints } from './fetch.ts';

/** How often a healthy feed is polled. */
export const DEFAULT_INTERVAL_MS = 10 * 60_000;
/** Failures in a row that mark a source as failing. */
export const FAILING_AFTER = 5;
/** The longest wait between tries of a failing feed, so that it recovers by itself within a day. */
export const MAX_BACKOFF_MS = 12 * 3_600_000;

function latest(dates: (Date | null | undefined)[]): Date {
  return new Date(Math.max(...dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime())));
}

/** The earliest time the feed's owner allows the next request. */
export function notBeforeOf(args: { now: Date; hints: CacheHints; ttlMinutes: number | null }): Date {
  const { now, hints, ttlMinutes } = args;
  const at = (ms: number) => new Date(now.getTime() + ms);
  return latest([
    now,
    hints.maxAgeSeconds !== null ? at(hints.maxAgeSeconds * 1000) : null,
    hints.expires,
    ttlMinutes !== null ? at(ttlMinutes * 60_000) : null,
    hints.retryAfter,
  ]);
}

/** When the poller next fetches: the interval, doubled per failure in a row, never before `notBefore`. */
export function nextFetchOf(args: { now: Date; notBefore: Date; failures: number }): Date {
  const backoff = Math.min(DEFAULT_INTERVAL_MS * 2 ** Math.min(args.failures, 16), MAX_BACKOFF_MS);
  return latest([args.notBefore, new Date(args.now.getTime() + backoff)]);
}
