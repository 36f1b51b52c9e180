import type { CommentStatus } from '../../../../platform/db/schema.ts';

/** Which list the moderation screen shows: a queue, or every queue for one email, and a page. */
export interface QueueView {
  /** Undefined: every status (only with an email). */
  status?: CommentStatus;
  email?: string;
  page: number;
}

/** The moderation screen's address for a view, with an optional notice code after an action. */
export function queueUrl(view: Partial<QueueView>, done?: { code: string; count?: number }): string {
  const query = new URLSearchParams();
  if (view.status) query.set('status', view.status);
  if (view.email !== undefined) query.set('email', view.email);
  if (view.page !== undefined && view.page > 1) query.set('page', String(view.page));
  if (done) {
    query.set('done', done.code);
    if (done.count !== undefined) query.set('n', String(done.count));
  }
  const text = query.toString();
  return text ? `/admin/comments?${text}` : '/admin/comments';
}

const whenFormats = new Map<string, Intl.DateTimeFormat>();

/** "26 Nov 2026, 12:00" in the site's time zone: moderators need the time as well as the day. */
export function formatWhen(iso: string, timeZone: string): string {
  let format = whenFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    whenFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}
