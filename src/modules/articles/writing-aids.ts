// The editor's writing aids, worked out on the server for the page as sent (so that they work
// without script). The newsroom script platform/render/assets/writing-aids.js repeats these rules in
// the browser while the person types; writing-aids.unit.test.ts runs both on the same texts, so that
// they cannot drift apart.

/** Search engines show about this many characters of a headline; longer ones are cut off. */
export const HEADLINE_MAX_CHARS = 70;
/** Words a reader takes in a minute: the usual figure for reading on a screen. */
export const WORDS_PER_MINUTE = 230;
/** How much of a page's <title> a search result shows before it cuts it. */
export const SEARCH_TITLE_CHARS = 60;
/** How much of a meta description a search result shows. */
export const SEARCH_DESCRIPTION_CHARS = 160;

// A word is a run of letters or digits, joined inside by apostrophes or hyphens ("it's",
// "well-known"); punctuation, Markdown marks and lone symbols are not words.
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/**
 * The text a reader reads, from the Body field: HTML (the body format) or Markdown (older articles).
 * Tags, character references and Markdown links' addresses go; the words stay.
 */
export function bodyText(body: string): string {
  // Each step is linear in the body's length, whatever it holds: the server works these out for any
  // text a form sends, and a pattern that rescans to the end at every unclosed "<", "<!--" or "](" would
  // let one request hold the thread for minutes.
  return dropBetween(
    dropBetween(dropBetween(body, '<script', '</script'), '<style', '</style'),
    '<!--',
    '-->',
  )
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&[#a-z0-9]{1,32};/gi, ' ')
    .replace(/\]\([^()]*\)/g, '] ');
}

/**
 * The text without each run from `open` to the end of the next `close` (and the ">" after a closing tag),
 * case-insensitively; an `open` that is never closed stays, as its tag is dropped with the others.
 */
export function dropBetween(text: string, open: string, close: string): string {
  const lower = text.toLowerCase();
  let out = '';
  let at = 0;
  for (;;) {
    const start = lower.indexOf(open, at);
    if (start < 0) break;
    const closing = lower.indexOf(close, start + open.length);
    if (closing < 0) break;
    const end = close.endsWith('>') ? closing + close.length : lower.indexOf('>', closing);
    if (end < 0) break;
    out += `${text.slice(at, start)} `;
    at = close.endsWith('>') ? end : end + 1;
  }
  return out + text.slice(at);
}

/** How many words `text` holds. */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** Minutes to read so many words, rounded, never under one for any text at all. */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** "1 word", "1,234 words", and "About 5 min read" under them. */
export function wordCountLabel(words: number): string {
  return `${words.toLocaleString('en-GB')} ${words === 1 ? 'word' : 'words'}`;
}

/** The reading time as the editor shows it. */
export function readingTimeLabel(words: number): string {
  const minutes = readingMinutes(words);
  return minutes === 0 ? 'Nothing to read yet' : `About ${minutes} min read`;
}

/** A headline's length in characters as people count them (code points, so an emoji is one). */
export function headlineLength(title: string): number {
  return [...title.trim()].length;
}

/** The warning for a headline over HEADLINE_MAX_CHARS, or undefined. */
export function headlineWarning(title: string): string | undefined {
  const length = headlineLength(title);
  if (length <= HEADLINE_MAX_CHARS) return undefined;
  return `The headline is ${length} characters long: search results show about ${HEADLINE_MAX_CHARS}, so the end may be cut off.`;
}

/** `text` cut to at most `max` characters at a word's end, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text.trim().replace(/\s+/g, ' ')];
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}
