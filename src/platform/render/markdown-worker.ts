// The thread that turns untrusted Markdown into HTML (see markdown-renderer.ts). markdown-it is fast on
// prose but slow on some inputs (a long run of "![" costs seconds), so it runs here, where the main
// thread can stop it, and never where it would hold up every other request.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { renderMarkdown } from './markdown.ts';

/** A job from the main thread. */
export interface RenderJob {
  id: number;
  source: string;
}

/** The answer to a job; `ready` is sent once, when the thread can take jobs. */
export type RenderAnswer = { ready: true } | { id: number; html: string } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('markdown-worker.ts runs only as a worker thread');

// Renders are background work: when the CPU is short, the thread that answers readers goes first.
// On Linux a nice value belongs to the thread that sets it (elsewhere it would be the whole process).
if (process.platform === 'linux') lowerThreadPriority();

port.on('message', (job: RenderJob) => {
  let answer: RenderAnswer;
  try {
    answer = { id: job.id, html: renderMarkdown(job.source) };
  } catch (error) {
    answer = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
});
port.postMessage({ ready: true } satisfies RenderAnswer);

/** Nice 19 for this thread only. */
function lowerThreadPriority(): void {
  try {
    setPriority(19);
  } catch {
    // A container may forbid it; the render then runs at the process's priority.
  }
}
