// Reads fetched feeds on a thread of their own (platform/threads.ts), each under a time limit.
import { createThreadPool } from '../../platform/threads.ts';
import type { ReadResult } from './read.ts';

export interface ReadJob {
  bytes: Uint8Array;
  contentType: string | null;
  url: string;
  /** ISO time: dates in the future are clamped to it, undated items get it. */
  fetchedAt: string;
}

/** Reads feeds off the event loop. */
export interface FeedReader {
  read(job: ReadJob): Promise<ReadResult>;
  close(): Promise<void>;
}

/** A 10 MB feed reads in well under a second; this is for a hostile one. */
const READ_TIME_LIMIT_MS = 20_000;

class ReadTooSlow extends Error {}

export function createFeedReader(options: { timeLimitMs?: number } = {}): FeedReader {
  const pool = createThreadPool<ReadJob, ReadResult>({
    name: 'wire feed reading',
    entry: {
      ts: new URL('./parse-worker.ts', import.meta.url),
      // In the bundle (scripts/build.ts) the worker is dist/wire-parse-worker.js.
      js: new URL('./wire-parse-worker.js', import.meta.url),
    },
    threads: 1,
    timeLimitMs: options.timeLimitMs ?? READ_TIME_LIMIT_MS,
    // The poller reads one feed per host at a time, a few hosts at once.
    maxWaiting: 32,
    heapMb: 512,
    tooSlow: (cause) => new ReadTooSlow('the feed took too long to read', { cause }),
  });
  return {
    async read(job) {
      try {
        return await pool.run(job);
      } catch (error) {
        if (error instanceof ReadTooSlow)
          return { ok: false, problem: 'The feed took too long to read, so Dateline gave up on it.' };
        throw error;
      }
    },
    close: () => pool.close(),
  };
}
