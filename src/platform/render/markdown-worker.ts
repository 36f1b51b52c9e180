// The thread that turns untrusted bodies into Dateline body HTML (see markdown-renderer.ts): Markdown
// through markdown-it then sanitizeBody, HTML through sanitizeBody. markdown-it is fast on prose but slow on some
// inputs (a long run of "![" costs seconds), and sanitising a large imported page is not free either,
// so both run here, where the main thread can stop them, and never where they would hold up every
// other request.
import { serveThreadJobs } from '../threads-worker.ts';
import { sanitizeBody } from './body-html.ts';
import { renderMarkdown } from './markdown.ts';

/** How a body's source is written: Markdown, or Dateline body HTML (body-html.ts). */
export type BodyFormat = 'markdown' | 'html';

/** A job from the main thread. */
export interface RenderJob {
  source: string;
  format: BodyFormat;
}

// Markdown's HTML goes through sanitizeBody too, so that every body is stored in the one form that
// sanitizeBody leaves unchanged.
serveThreadJobs((job: RenderJob) =>
  sanitizeBody(job.format === 'html' ? job.source : renderMarkdown(job.source)),
);
