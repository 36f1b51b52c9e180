// Pure rules of the move-in: how WordPress's statuses, dates, slugs and addresses become Dateline's.
// Kept apart from the importer so that each rule is tested on its own (mapping.unit.test.ts).
import { slugify } from '../../platform/render/slug.ts';

/** What an item's WordPress status becomes. `skip` is counted and written nowhere. */
export type ArticleOutcome =
  | { status: 'published' | 'scheduled' | 'draft'; reviewRequested: boolean; why?: 'private' | 'password' }
  | { status: 'skip' };

/**
 * publish → published; future → scheduled, or published once its time has passed; draft → draft;
 * pending → a draft ready for review; private and password-protected → a draft (never public); trash,
 * auto-draft and inherit (revisions) are skipped. Anything unknown is a draft: never public by accident.
 */
export function articleOutcome(
  wpStatus: string,
  hasPassword: boolean,
  publishedAt: string | null,
  now: string,
): ArticleOutcome {
  if (wpStatus === 'trash' || wpStatus === 'auto-draft' || wpStatus === 'inherit') return { status: 'skip' };
  if (hasPassword) return { status: 'draft', reviewRequested: false, why: 'password' };
  if (wpStatus === 'private') return { status: 'draft', reviewRequested: false, why: 'private' };
  if (wpStatus === 'publish') return { status: 'published', reviewRequested: false };
  if (wpStatus === 'future')
    return publishedAt !== null && publishedAt <= now
      ? { status: 'published', reviewRequested: false }
      : { status: 'scheduled', reviewRequested: false };
  if (wpStatus === 'pending') return { status: 'draft', reviewRequested: true };
  return { status: 'draft', reviewRequested: false };
}

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/**
 * A WordPress date as an ISO UTC time: the GMT column when it is set (drafts carry 0000-00-00), else the
 * local one read as UTC, else null.
 */
export function wpDate(gmt: string, local: string): string | null {
  for (const value of [gmt, local]) {
    const m = WP_DATE.exec(value.trim());
    if (!m || m[1] === '0000') continue;
    const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return null;
}

/** Percent-decodes a WordPress slug (non-Latin slugs are stored encoded); undecodable text is kept. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A Dateline slug from a WordPress slug, else from the title, else `<fallback>`. */
export function slugFrom(wpSlug: string, title: string, fallback: string): string {
  return slugify(decoded(wpSlug)) || slugify(title) || fallback;
}

/**
 * The path of one of the old site's addresses, or null when it is not the old site's (another host) or
 * is the site's root. Query strings and fragments are dropped; the path keeps its trailing slash as
 * WordPress wrote it.
 */
export function oldPath(link: string, siteUrls: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const hosts = siteUrls.flatMap((s) => {
    try {
      return [new URL(s).host.toLowerCase()];
    } catch {
      return [];
    }
  });
  if (hosts.length > 0 && !hosts.includes(url.host.toLowerCase())) return null;
  if (url.pathname === '/' || url.pathname === '') return null;
  return url.pathname;
}

/** The query string form of an old `?p=ID` address, as the redirects table stores it. */
export function queryPath(key: 'p' | 'page_id' | 'attachment_id' | 'cat' | 'author', id: number): string {
  return `/?${key}=${id}`;
}

/** Where an old path with a feed or a page number ends goes, given where the archive itself now is. */
export function archiveVariants(oldBase: string, newBase: string): { from: string; to: string }[] {
  const from = oldBase.endsWith('/') ? oldBase : `${oldBase}/`;
  const to = newBase.endsWith('/') ? newBase : `${newBase}/`;
  return [
    { from, to },
    { from: `${from}feed/`, to: `${to}feed/` },
    { from: `${from}feed/atom/`, to: `${to}feed/atom/` },
  ];
}

/** A value of `a:1:{…}`-style PHP serialised meta, or of a plain number, as an integer when it is one. */
export function metaInt(value: string | undefined): number | null {
  if (value === undefined) return null;
  return /^\s*\d+\s*$/.test(value) ? Number(value) : null;
}
