// Private-use characters that stand in for things while a post is converted. Any already in a post are
// removed first (removeMarkers), so they cannot be forged.

/** Where <!--more--> was. Text, so it survives the sanitiser and marks where the teaser ends. */
export const MORE = '\uE000';

const OPEN = '\uE001';
const CLOSE = '\uE002';

/** A placeholder alone on a line (as automatic paragraphs see it). */
export const PLACEHOLDER_LINE = /^\uE001\d+\uE002$/;

/** Removes every marker character from text. */
export function removeMarkers(text: string): string {
  return text.replace(/[\uE000-\uE002]/g, '');
}

/** Keeps `html` aside and returns the placeholder that stands for it. */
export function placeholder(fragments: string[], html: string): string {
  fragments.push(html);
  return `${OPEN}${fragments.length - 1}${CLOSE}`;
}

/** Puts each fragment back; one alone in a paragraph replaces the paragraph. */
export function restorePlaceholders(html: string, fragments: readonly string[]): string {
  const fragment = (index: string) => fragments[Number(index)] ?? '';
  return html
    .replace(/<p>\s*\uE001(\d+)\uE002\s*<\/p>/g, (_, index: string) => fragment(index))
    .replace(/\uE001(\d+)\uE002/g, (_, index: string) => fragment(index));
}
