import type { CommentStatus } from '../../platform/db/schema.ts';
import { findWebLinks } from './links.ts';

/** The comment rules from the settings. */
export interface ModerationRules {
  maxLinks: number;
  moderationWords: readonly string[];
  blockWords: readonly string[];
  firstCommentHeld: boolean;
}

/** What the rules look at. */
export interface ModerationCandidate {
  body: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  userAgent: string;
  /** The honeypot field was filled in: only a robot sees it. */
  isHoneypotFilled: boolean;
  /** This name and email already have an approved comment. */
  hasApprovedBefore: boolean;
  /** Written by one of the publication's authors through a trusted path (the newsroom, the CLI). */
  isStaff: boolean;
}

/** The decision and the rule that made it, for the moderation queue and the tests. */
export interface ModerationDecision {
  status: CommentStatus;
  reason:
    | 'staff'
    | 'honeypot'
    | 'block-word'
    | 'moderation-word'
    | 'too-many-links'
    | 'first-comment'
    | 'known-commenter'
    | 'open';
}

/** The web links a comment body holds, as the page will render them. */
export function countLinks(body: string): number {
  return findWebLinks(body).length;
}

function containsWord(words: readonly string[], haystacks: readonly string[]): boolean {
  const texts = haystacks.map((h) => h.toLowerCase());
  return words.some((word) => {
    const needle = word.trim().toLowerCase();
    return needle !== '' && texts.some((t) => t.includes(needle));
  });
}

/**
 * Decides a new comment's status, in WordPress's order: spam signals first (nothing a spammer does
 * should earn a better status), then the reasons to hold, then the first-comment rule.
 */
export function decideStatus(c: ModerationCandidate, rules: ModerationRules): ModerationDecision {
  if (c.isStaff) return { status: 'approved', reason: 'staff' };
  if (c.isHoneypotFilled) return { status: 'spam', reason: 'honeypot' };
  const fields = [c.authorName, c.authorEmail, c.authorUrl ?? '', c.body, c.userAgent];
  if (containsWord(rules.blockWords, fields)) return { status: 'spam', reason: 'block-word' };
  if (containsWord(rules.moderationWords, fields)) return { status: 'pending', reason: 'moderation-word' };
  if (countLinks(c.body) > rules.maxLinks) return { status: 'pending', reason: 'too-many-links' };
  if (!rules.firstCommentHeld) return { status: 'approved', reason: 'open' };
  return c.hasApprovedBefore
    ? { status: 'approved', reason: 'known-commenter' }
    : { status: 'pending', reason: 'first-comment' };
}
