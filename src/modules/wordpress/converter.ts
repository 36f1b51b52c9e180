// Converts one import's posts on a thread of their own (platform/threads.ts), each under a time limit:
// a body that takes longer is kept as its escaped text, with a report line, and the import goes on.
import { escapeHtml } from '../../platform/render/body-html.ts';
import { createThreadPool } from '../../platform/threads.ts';
import type { ConvertedContent } from './content.ts';
import type { MediaSnapshot } from './media.ts';

export interface ConvertJob {
  raw: string;
  postId: number;
}

/** A post's conversion, or null when it ran past the time limit or its thread failed. */
export interface Converter {
  convert(job: ConvertJob): Promise<ConvertedContent | null>;
  close(): Promise<void>;
}

/** Seconds one post may take: real posts take milliseconds. */
const CONVERT_TIME_LIMIT_MS = 10_000;

class ConvertTooSlow extends Error {}

export function startConverter(
  media: MediaSnapshot,
  siteUrl: string,
  options: { timeLimitMs?: number } = {},
): Converter {
  const pool = createThreadPool<ConvertJob, ConvertedContent>({
    name: 'WordPress conversion',
    entry: {
      ts: new URL('./convert-worker.ts', import.meta.url),
      // In the bundle (scripts/build.ts) the worker is dist/wordpress-convert-worker.js.
      js: new URL('./wordpress-convert-worker.js', import.meta.url),
    },
    data: { media, siteUrl },
    threads: 1,
    timeLimitMs: options.timeLimitMs ?? CONVERT_TIME_LIMIT_MS,
    // The importer waits for each post before the next: nothing queues.
    maxWaiting: 4,
    heapMb: 256,
    // One post at a time, its garbage gone by the next: the import's memory stays bounded (the
    // benchmark's 40,000-post run peaks under 300 MB with the thread included).
    youngMb: 8,
    tooSlow: (cause) => new ConvertTooSlow('the post took too long to convert', { cause }),
  });
  return {
    async convert(job) {
      try {
        return await pool.run(job);
      } catch (error) {
        if (error instanceof ConvertTooSlow) return null;
        throw error;
      }
    },
    close: () => pool.close(),
  };
}

/** What a post that could not be converted keeps: its text, escaped, in paragraphs. */
export function unconvertedBody(raw: string): string {
  return raw
    .slice(0, 500_000)
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => `<p>${escapeHtml(part)}</p>`)
    .join('\n');
}
