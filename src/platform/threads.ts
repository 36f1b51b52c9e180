import { Worker } from 'node:worker_threads';
import { AppError } from './errors.ts';

/**
 * A small pool of worker threads for untrusted work that can take long (rendering a body, converting an
 * imported post): started lazily, each job under a time limit, a thread that runs past it stopped and
 * replaced, and a queue that refuses work at once when it is full. The main thread, which answers every
 * reader, never runs the work itself.
 */
export interface ThreadPool<Job, Result> {
  /**
   * The thread's answer to `job`. Rejects with `tooSlow()` when the job runs past the time limit or its
   * thread dies (out of memory), and with RENDER_BUSY when too many jobs already wait.
   */
  run(job: Job): Promise<Result>;
  /** Stops the threads; jobs still waiting fail. */
  close(): Promise<void>;
}

export interface ThreadPoolOptions {
  /** Named in errors: "the Markdown thread did not start". */
  name: string;
  /**
   * The worker's module: `ts` under tsx (npm start, the `dateline` command, tests), `js` in the bundle
   * (scripts/build.ts makes each worker an entry of its own beside the code that starts it).
   */
  entry: { ts: URL; js: URL };
  /** Given to every thread, the replacements too (`workerData.data` in the worker). */
  data?: unknown;
  /** Threads at most. */
  threads: number;
  timeLimitMs: number;
  /** Jobs that may wait for a thread; more are refused at once. */
  maxWaiting: number;
  /** A runaway job fails on its own thread instead of growing the process's heap. */
  heapMb: number;
  /**
   * The thread's young generation, when its jobs make mostly short-lived garbage: a smaller one is
   * collected more often and keeps the thread's resident memory down. V8's default when absent.
   */
  youngMb?: number;
  /** The error for a job past its time limit or on a thread that died. */
  tooSlow: (cause?: unknown) => Error;
}

/** What a thread sends back; `ready` once, when it can take jobs. */
export type ThreadAnswer<Result> =
  { ready: true } | { id: number; result: Result } | { id: number; error: string };

/** A job as posted to a thread. */
export interface ThreadJob<Job> {
  id: number;
  job: Job;
}

// A thread that cannot even start within this long is broken, not slow.
const START_LIMIT_MS = 30_000;

// Under tsx the thread loads the TypeScript source through tsx's loader, registered inside the thread:
// Node 20 does not pass a parent's loader on to a worker. The thread lowers its own priority first (see
// threads-worker.ts), so that loading tsx, which takes a second of CPU, does not compete with readers.
const TSX_START = `
if (process.platform === 'linux') try { require('node:os').setPriority(19); } catch {}
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then(({ register }) => { register(); return import(workerData.entry); });`;

function startThread(options: ThreadPoolOptions): Worker {
  const resourceLimits = {
    maxOldGenerationSizeMb: options.heapMb,
    ...(options.youngMb !== undefined && { maxYoungGenerationSizeMb: options.youngMb }),
  };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(options.entry.js, { resourceLimits, workerData: { data: options.data } });
  return new Worker(TSX_START, {
    resourceLimits,
    eval: true,
    workerData: {
      tsxApi: import.meta.resolve('tsx/esm/api'),
      entry: options.entry.ts.href,
      data: options.data,
    },
  });
}

interface Waiting<Job, Result> {
  job: Job;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

interface Slot<Job, Result> {
  worker: Worker;
  isReady: boolean;
  job: (Waiting<Job, Result> & { id: number; timer: NodeJS.Timeout }) | undefined;
  startTimer: NodeJS.Timeout | undefined;
}

export function createThreadPool<Job, Result>(options: ThreadPoolOptions): ThreadPool<Job, Result> {
  const slots: Slot<Job, Result>[] = [];
  const waiting: Waiting<Job, Result>[] = [];
  const closed = () => new Error(`the ${options.name} threads are closed`);
  let nextId = 1;
  let isClosed = false;

  function remove(slot: Slot<Job, Result>) {
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    clearTimeout(slot.startTimer);
    if (slot.job) clearTimeout(slot.job.timer);
  }

  // Stops a thread and fails its job; the next job gets a fresh thread.
  function discard(slot: Slot<Job, Result>, error: unknown) {
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
    const worker = startThread(options);
    const slot: Slot<Job, Result> = { worker, isReady: false, job: undefined, startTimer: undefined };
    slot.startTimer = setTimeout(
      () => discard(slot, new Error(`the ${options.name} thread did not start`)),
      START_LIMIT_MS,
    );
    slots.push(slot);
    worker.on('message', (answer: ThreadAnswer<Result>) => {
      if ('ready' in answer) {
        clearTimeout(slot.startTimer);
        slot.isReady = true;
      } else if (slot.job && answer.id === slot.job.id) {
        const job = slot.job;
        slot.job = undefined;
        clearTimeout(job.timer);
        if ('result' in answer) job.resolve(answer.result);
        else job.reject(options.tooSlow(new Error(answer.error)));
      }
      pump();
    });
    // Out of memory (ERR_WORKER_OUT_OF_MEMORY) is what a runaway job ends in.
    worker.on('error', (error) => discard(slot, slot.isReady ? options.tooSlow(error) : error));
    worker.on('exit', () => {
      if (slots.includes(slot))
        discard(slot, options.tooSlow(new Error(`the ${options.name} thread stopped`)));
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
      const timer = setTimeout(() => discard(slot, options.tooSlow()), options.timeLimitMs);
      slot.job = { ...next, id, timer };
      slot.worker.ref();
      slot.worker.postMessage({ id, job: next.job } satisfies ThreadJob<Job>);
    }
    const starting = slots.filter((s) => !s.isReady).length;
    if (waiting.length > starting && slots.length < options.threads) spawn();
  }

  return {
    run(job) {
      if (isClosed) return Promise.reject(closed());
      if (waiting.length >= options.maxWaiting) return Promise.reject(new AppError('RENDER_BUSY'));
      return new Promise<Result>((resolve, reject) => {
        waiting.push({ job, resolve, reject });
        pump();
      });
    },
    async close() {
      isClosed = true;
      for (const w of waiting.splice(0)) w.reject(closed());
      const stopping = slots.splice(0);
      for (const slot of stopping) {
        clearTimeout(slot.startTimer);
        if (slot.job) {
          clearTimeout(slot.job.timer);
          slot.job.reject(closed());
        }
      }
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
    },
  };
}
