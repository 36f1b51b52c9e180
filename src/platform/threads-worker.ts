// The thread's side of threads.ts: answers each job with the handler's result, or its error's message.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { ThreadAnswer, ThreadJob } from './threads.ts';

/** What the pool gave every thread (`ThreadPoolOptions.data`). */
export function threadData<T>(): T {
  return (workerData as { data: T }).data;
}

/** Serves the pool's jobs on this thread, one at a time, at the lowest priority. */
export function serveThreadJobs<Job, Result>(handle: (job: Job) => Result): void {
  const port = parentPort;
  if (!port) throw new Error('serveThreadJobs runs only in a worker thread');
  // Thread work is background work: when the CPU is short, the thread that answers readers goes
  // first. On Linux a nice value belongs to the thread that sets it (elsewhere, the whole process).
  if (process.platform === 'linux')
    try {
      setPriority(19);
    } catch {
      // A container may forbid it; the work then runs at the process's priority.
    }
  port.on('message', ({ id, job }: ThreadJob<Job>) => {
    let answer: ThreadAnswer<Result>;
    try {
      answer = { id, result: handle(job) };
    } catch (error) {
      answer = { id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
  });
  port.postMessage({ ready: true } satisfies ThreadAnswer<Result>);
}
