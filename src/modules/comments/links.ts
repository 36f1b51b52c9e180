import { LinkifyIt } from 'linkify-it';

const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false });

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
  return (linkify.match(text) ?? [])
    .filter((m) => (m.schema === '' ? /^www\./i.test(m.text) : /^https?:$/i.test(m.schema)))
    .map((m) => ({ index: m.index, lastIndex: m.lastIndex, text: m.text, url: m.url }));
}
