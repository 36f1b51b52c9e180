import { availableParallelism } from 'node:os';
import { AppError } from '../errors.ts';
import { createThreadPool } from '../threads.ts';
import type { BodyFormat, RenderJob } from './markdown-worker.ts';

export type { BodyFormat } from './markdown-worker.ts';

/** The body formats, for checks at the edges (forms, files). */
export const BODY_FORMATS: readonly BodyFormat[] = ['markdown', 'html'];

/**
 * Renders bodies that anyone in the newsroom (or an imported file) wrote, off the main thread and
 * with a time limit: Markdown, or Dateline body HTML (body-html.ts), which is sanitised. markdown-it
 * needs seconds for some inputs of a few hundred kilobytes, and on the main thread those seconds would
 * stall every reader's request, cached pages included.
 */
export interface MarkdownRenderer {
  /**
   * The HTML of `source`, read as `format` ('markdown' when absent): markdown-it's output, or
   * sanitizeBody's. Throws BODY_TOO_COMPLEX when the render runs past the time limit (its thread is
   * stopped and replaced) and RENDER_BUSY when too many renders already wait.
   */
  render(source: string, format?: BodyFormat): Promise<string>;
  /** Stops the threads; renders still waiting fail. */
  close(): Promise<void>;
}

/** How the threads are sized and limited. */
export interface MarkdownRendererOptions {
  /** Threads at most, started when first needed. Default: 1 on two cores or fewer, else 2. */
  threads?: number;
  /** How long one render may run before its thread is stopped. Default 2 s. */
  timeLimitMs?: number;
  /** Renders that may wait for a thread; more are refused at once. Default 8 per thread. */
  maxWaiting?: number;
}

/** The default time limit: prose renders in milliseconds, so two seconds is never a real article. */
export const RENDER_TIME_LIMIT_MS = 2_000;

// Enough for markdown-it's tokens on the largest body the newsroom accepts; a runaway render fails
// on its own thread instead of growing the server's heap.
const THREAD_HEAP_MB = 256;

function tooComplex(cause?: unknown): AppError {
  return new AppError('BODY_TOO_COMPLEX', { cause });
}

/** A small pool of render threads (platform/threads.ts), started lazily; built once, in the composition root. */
export function createMarkdownRenderer(options: MarkdownRendererOptions = {}): MarkdownRenderer {
  const threads = Math.max(1, options.threads ?? (availableParallelism() <= 2 ? 1 : 2));
  const pool = createThreadPool<RenderJob, string>({
    name: 'Markdown',
    entry: {
      ts: new URL('./markdown-worker.ts', import.meta.url),
      // In the bundle (scripts/build.ts) this file is part of dist/*.js and the worker is dist/markdown-worker.js.
      js: new URL('./markdown-worker.js', import.meta.url),
    },
    threads,
    timeLimitMs: options.timeLimitMs ?? RENDER_TIME_LIMIT_MS,
    maxWaiting: options.maxWaiting ?? 8 * threads,
    heapMb: THREAD_HEAP_MB,
    tooSlow: tooComplex,
  });
  return {
    render: (source, format = 'markdown') => pool.run({ source, format }),
    close: () => pool.close(),
  };
}
