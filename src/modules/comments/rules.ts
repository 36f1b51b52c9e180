/** What decides whether an article takes comments. */
export interface OpenState {
  /** The article's own switch. */
  commentsOpen: boolean;
  /** The article's override of the site's close-after-days; null uses the site's. */
  closeAfterDays: number | null;
  publishedAt: string;
}

const DAY = 24 * 60 * 60 * 1000;

/** True while an article takes comments: its switch is on, and its close-after-days (0 = never) has not passed. */
export function areCommentsOpen(state: OpenState, siteCloseAfterDays: number, now: Date): boolean {
  if (!state.commentsOpen) return false;
  const days = state.closeAfterDays ?? siteCloseAfterDays;
  if (days <= 0) return true;
  return now.getTime() < new Date(state.publishedAt).getTime() + days * DAY;
}

/** How long the signed link in the redirect shows a held comment to its writer, as WordPress does. */
export const PREVIEW_LIFETIME_MS = 10 * 60 * 1000;
