import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import type { RenderAnswer, RenderJob } from './markdown-worker.ts';

/**
 * Renders Markdown that anyone in the newsroom (or an imported file) wrote, off the main thread and
 * with a time limit. markdown-it needs seconds for some inputs of a few hundred kilobytes, and on the
 * main thread those seconds would stall every reader's request, cached pages included.
 */
export interface MarkdownRenderer {
  /**
   * The HTML of `source`. Throws BODY_TOO_COMPLEX when the render runs past the time limit (its
   * thread is stopped and replaced) and RENDER_BUSY when too many renders already wait.
   */
  render(source: string): Promise<string>;
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

// A thread that cannot even start within this long is broken, not slow.
const START_LIMIT_MS = 30_000;
// Enough for markdown-it's tokens on the largest body the newsroom accepts; a runaway render fails
// on its own thread instead of growing the server's heap.
const THREAD_HEAP_MB = 256;

interface Waiting {
  source: string;
  resolve(html: string): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  isReady: boolean;
  job: (Waiting & { id: number; timer: NodeJS.Timeout }) | undefined;
  startTimer: NodeJS.Timeout | undefined;
}

// Under tsx (npm start, the `dateline` command, tests) the thread loads the TypeScript source through
// tsx's loader, registered inside the thread: Node 20 does not pass a parent's loader on to a worker.
// In the bundle (scripts/build.ts) this file is part of dist/*.js and the worker is dist/markdown-worker.js.
// The thread lowers its own priority first (see markdown-worker.ts), so that loading tsx, which takes
// a second of CPU, does not compete with readers either.
const TSX_START = `
if (process.platform === 'linux') try { require('node:os').setPriority(19); } catch {}
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then(({ register }) => { register(); return import(workerData.entry); });`;

function startThread(): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB } };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./markdown-worker.js', import.meta.url), options);
  return new Worker(TSX_START, {
    ...options,
    eval: true,
    workerData: {
      tsxApi: import.meta.resolve('tsx/esm/api'),
      entry: new URL('./markdown-worker.ts', import.meta.url).href,
    },
  });
}

function tooComplex(cause?: unknown): AppError {
  return new AppError('BODY_TOO_COMPLEX', { cause });
}

/** A small pool of render threads, started lazily; built once, in the composition root. */
export function createMarkdownRenderer(options: MarkdownRendererOptions = {}): MarkdownRenderer {
  const threads = Math.max(1, options.threads ?? (availableParallelism() <= 2 ? 1 : 2));
  const timeLimitMs = options.timeLimitMs ?? RENDER_TIME_LIMIT_MS;
  const maxWaiting = options.maxWaiting ?? 8 * threads;
  const slots: Slot[] = [];
  const waiting: Waiting[] = [];
  let nextId = 1;
  let isClosed = false;

  function remove(slot: Slot) {
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    clearTimeout(slot.startTimer);
    if (slot.job) clearTimeout(slot.job.timer);
  }

  // Stops a thread and fails its job; the next job gets a fresh thread.
  function discard(slot: Slot, error: unknown) {
    const job = slot.job;
    remove(slot);
    slot.job = undefined;
    void slot.worker.terminate();
    if (job) job.reject(error);
    else if (!slot.isReady) {
      // A thread that could not start: fail what waits rather than start threads in a loop.
      for (const w of waiting.splice(0)) w.reject(error);
    }
    pump();
  }

  function spawn() {
    const worker = startThread();
    const slot: Slot = { worker, isReady: false, job: undefined, startTimer: undefined };
    slot.startTimer = setTimeout(
      () => discard(slot, new Error('the Markdown thread did not start')),
      START_LIMIT_MS,
    );
    slots.push(slot);
    worker.on('message', (answer: RenderAnswer) => {
      if ('ready' in answer) {
        clearTimeout(slot.startTimer);
        slot.isReady = true;
      } else if (slot.job && answer.id === slot.job.id) {
        const job = slot.job;
        slot.job = undefined;
        clearTimeout(job.timer);
        if ('html' in answer) job.resolve(answer.html);
        else job.reject(tooComplex(new Error(answer.error)));
      }
      pump();
    });
    // Out of memory (ERR_WORKER_OUT_OF_MEMORY) is what a runaway render ends in.
    worker.on('error', (error) => discard(slot, slot.isReady ? tooComplex(error) : error));
    worker.on('exit', () => {
      if (slots.includes(slot)) discard(slot, tooComplex(new Error('the Markdown thread stopped')));
    });
  }

  // Hands waiting jobs to idle threads, starting threads up to the limit. An idle thread does not
  // keep the process alive (the `dateline` command exits when done); a busy one does.
  function pump() {
    if (isClosed) return;
    for (const slot of slots) {
      if (!slot.isReady || slot.job) continue;
      const next = waiting.shift();
      if (!next) {
        slot.worker.unref();
        continue;
      }
      const id = nextId++;
      const timer = setTimeout(() => discard(slot, tooComplex()), timeLimitMs);
      slot.job = { ...next, id, timer };
      slot.worker.ref();
      slot.worker.postMessage({ id, source: next.source } satisfies RenderJob);
    }
    const starting = slots.filter((s) => !s.isReady).length;
    if (waiting.length > starting && slots.length < threads) spawn();
  }

  return {
    render(source) {
      if (isClosed) return Promise.reject(new Error('the Markdown renderer is closed'));
      if (waiting.length >= maxWaiting) return Promise.reject(new AppError('RENDER_BUSY'));
      return new Promise<string>((resolve, reject) => {
        waiting.push({ source, resolve, reject });
        pump();
      });
    },
    async close() {
      isClosed = true;
      for (const w of waiting.splice(0)) w.reject(new Error('the Markdown renderer is closed'));
      const stopping = slots.splice(0);
      for (const slot of stopping) {
        clearTimeout(slot.startTimer);
        if (slot.job) {
          clearTimeout(slot.job.timer);
          slot.job.reject(new Error('the Markdown renderer is closed'));
        }
      }
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
    },
  };
}
