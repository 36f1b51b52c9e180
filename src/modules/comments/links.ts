import { LinkifyIt } from 'linkify-it';

const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false });
const MAY_HOLD_WEB_LINK = /https?:|www\./i;

/** A web link found in a reader's text. */
export interface WebLink {
  index: number;
  lastIndex: number;
  text: string;
  url: string;
}

/**
 * The links a comment's text holds, as WordPress's make_clickable finds them: full http(s) URLs
 * and bare `www.` addresses. Other bare domains ("notes.txt") and any other scheme stay text.
 */
export function findWebLinks(text: string): WebLink[] {
  // Every link kept below holds "http:", "https:" or "www.": text without them has none, and most
  // comment lines have none. Asking linkify anyway cost a quarter of an article page's time.
  if (!MAY_HOLD_WEB_LINK.test(text)) return [];
  return (linkify.match(text) ?? [])
    .filter((m) => (m.schema === '' ? /^www\./i.test(m.text) : /^https?:$/i.test(m.schema)))
    .map((m) => ({ index: m.index, lastIndex: m.lastIndex, text: m.text, url: m.url }));
}
