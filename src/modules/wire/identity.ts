// What makes two entries of a feed the same item. A GUID is the feed's own answer, but feeds get it
// wrong: no GUID at all (every fetch would look new), one GUID on several items, or GUIDs rewritten
// when a site moves (lion-reader#1535, liferea#1195). So an item is known by its GUID only when the
// GUID is unique within its document, and otherwise by its address, normalised so that tracking
// parameters and fragments do not make a second item; with neither, by a hash of its text.
import { createHash } from 'node:crypto';

/** An absolute http(s) address from `href` read against `base`, or undefined (javascript:, mailto:, junk). */
export function resolveLink(href: string | undefined, base: string | undefined): string | undefined {
  const text = href?.trim();
  if (!text) return undefined;
  try {
    const url = base ? new URL(text, base) : new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

/**
 * The address an item is known by: lower-case scheme and host (URL does both), no default port, no
 * fragment, no utm_* parameters (any case), the other parameters kept in their order.
 */
export function normalizeUrl(href: string): string {
  const url = new URL(href);
  url.hash = '';
  const kept = [...url.searchParams].filter(([name]) => !name.toLowerCase().startsWith('utm_'));
  // Always written by URLSearchParams, so that `a%20b` and `a+b` come out the same.
  url.search = new URLSearchParams(kept).toString();
  return url.href;
}

/** A hash of an item's text: its identity when it has neither a usable GUID nor an address. */
export function contentHash(title: string, text: string): string {
  const normal = (value: string) => value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(`${normal(title)}\n${normal(text)}`)
    .digest('hex');
}

/** The GUIDs that appear once in a document: only these identify an item. */
export function trustedGuids(guids: readonly (string | undefined)[]): Set<string> {
  const seen = new Map<string, number>();
  for (const guid of guids) if (guid) seen.set(guid, (seen.get(guid) ?? 0) + 1);
  return new Set([...seen].filter(([, count]) => count === 1).map(([guid]) => guid));
}

/** The identity key stored with an item: `guid:`, `url:` or `hash:` and its value. */
export function identityOf(item: {
  guid: string | null;
  normalizedUrl: string | null;
  contentHash: string;
}): string {
  if (item.guid) return `guid:${item.guid}`;
  if (item.normalizedUrl) return `url:${item.normalizedUrl}`;
  return `hash:${item.contentHash}`;
}
