// Snippets are built here rather than by FTS5's snippet() or PostgreSQL's ts_headline(), so that both
// dialects show the same thing, and so that a snippet is data (SnippetPart[]) rather than HTML with
// markers that an article's own text could imitate.
import { foldText, type Term } from './query.ts';

/** A piece of a snippet; `isMatch` pieces are highlighted. Text only: the view escapes it. */
export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

/** How many words a snippet shows. */
const SNIPPET_WORDS = 32;
/** How many words of context come before the first match in a snippet. */
const LEAD_WORDS = 6;
/** Only this many matches are weighed when choosing where a snippet starts. */
const MAX_CANDIDATES = 200;

const BLOCK_TAG =
  /<\/?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|thead|tbody|tr|td|th|hr|br|figure|figcaption)\b[^>]*>/gi;
const ANY_TAG = /<[^>]*>/g;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * The text a reader sees in an article's stored body HTML, on one line. The HTML is markdown-it's
 * own output (raw HTML escaped), so its tags are well formed; a body cut short may end inside one.
 */
export function htmlToText(html: string): string {
  return html
    .replace(BLOCK_TAG, ' ')
    .replace(ANY_TAG, '')
    .replace(/<[^>]*$/, '')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
          ? String.fromCodePoint(code)
          : entity;
      }
      return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

interface Token {
  start: number;
  end: number;
  word: string;
}

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const start = match.index;
    const end = start + match[0].length;
    // Folding can drop marks but never splits a word, so one run of text stays one word.
    const word = foldText(match[0]);
    if (word !== '') tokens.push({ start, end, word });
  }
  return tokens;
}

function matchesAt(tokens: Token[], at: number, term: Term): boolean {
  const last = term.words.length - 1;
  return term.words.every((word, i) => {
    const token = tokens[at + i];
    if (!token) return false;
    return term.isPrefix && i === last ? token.word.startsWith(word) : token.word === word;
  });
}

interface Span {
  /** First and one-past-last token. */
  from: number;
  to: number;
  term: number;
}

function findSpans(tokens: Token[], terms: Term[]): Span[] {
  const spans: Span[] = [];
  for (let at = 0; at < tokens.length; at += 1) {
    // The longest term that matches here wins, so a phrase is marked whole.
    let best: Span | undefined;
    terms.forEach((term, index) => {
      if (matchesAt(tokens, at, term) && (!best || term.words.length > best.to - best.from)) {
        best = { from: at, to: at + term.words.length, term: index };
      }
    });
    if (best) {
      spans.push(best);
      at = best.to - 1;
    }
  }
  return spans;
}

/** The start of the window that shows the most different terms, earliest first, and how many it shows. */
function chooseStart(spans: Span[], tokenCount: number): { start: number; score: number } {
  let bestStart = 0;
  let bestScore = -1;
  for (const candidate of spans.slice(0, MAX_CANDIDATES)) {
    const start = Math.max(0, Math.min(candidate.from - LEAD_WORDS, tokenCount - SNIPPET_WORDS));
    const seen = new Set<number>();
    for (const span of spans) {
      if (span.from >= start && span.to <= start + SNIPPET_WORDS) seen.add(span.term);
      if (span.from >= start + SNIPPET_WORDS) break;
    }
    if (seen.size > bestScore) {
      bestScore = seen.size;
      bestStart = start;
    }
  }
  return { start: bestStart, score: bestScore };
}

function push(parts: SnippetPart[], text: string, isMatch: boolean) {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last && last.isMatch === isMatch && !isMatch) last.text += text;
  else parts.push({ text, isMatch });
}

/**
 * About 32 words of `text` around the place where most of the terms appear, with each match marked,
 * and "…" where text was cut. When no term appears, the opening words. Empty text gives no parts.
 */
export function buildSnippet(text: string, terms: Term[]): SnippetPart[] {
  return snippetOf(text, terms, false) ?? [];
}

/** How much of a long body's HTML is read first: most snippets are settled by its opening. */
const OPENING_HTML = 4_000;

/**
 * `buildSnippet(htmlToText(html), terms)`, reading only the opening of a long body when the opening
 * settles it. It does when a window there shows every term (no later window can show more, and the
 * earliest wins a tie) and the window ends short of the opening's last words, which a cut may have
 * split. The opening is cut just after a tag's ">", which the stored HTML (markdown-it's, every other
 * "<" and ">" escaped) holds nowhere else, so its text is the start of the whole body's text.
 */
export function snippetOfHtml(html: string, terms: Term[]): SnippetPart[] {
  if (html.length > OPENING_HTML * 2 && terms.length > 0) {
    const cut = html.lastIndexOf('>', OPENING_HTML);
    const opening = cut > 0 ? snippetOf(htmlToText(html.slice(0, cut + 1)), terms, true) : undefined;
    if (opening) return opening;
  }
  return buildSnippet(htmlToText(html), terms);
}

/** The snippet; with `isOpening`, undefined unless the text's continuation could not change it. */
function snippetOf(text: string, terms: Term[], isOpening: boolean): SnippetPart[] | undefined {
  const tokens = tokenise(text);
  if (tokens.length === 0) return isOpening ? undefined : text === '' ? [] : [{ text, isMatch: false }];
  const spans = findSpans(tokens, terms);
  const { start, score } = spans.length > 0 ? chooseStart(spans, tokens.length) : { start: 0, score: 0 };
  if (isOpening) {
    const longestTerm = Math.max(...terms.map((term) => term.words.length));
    if (score < terms.length || start + SNIPPET_WORDS + longestTerm >= tokens.length) return undefined;
  }
  const end = Math.min(tokens.length, start + SNIPPET_WORDS);
  const first = tokens[start];
  const last = tokens[end - 1];
  if (!first || !last) return [];

  const from = start === 0 ? 0 : first.start;
  const to = end === tokens.length ? text.length : last.end;
  const parts: SnippetPart[] = [];
  if (from > 0) push(parts, '… ', false);
  let cursor = from;
  for (const span of spans) {
    // A phrase cut by the window's end is not marked at all rather than half marked.
    if (span.from < start || span.to > end) continue;
    const spanStart = tokens[span.from]?.start ?? cursor;
    const spanEnd = tokens[span.to - 1]?.end ?? spanStart;
    push(parts, text.slice(cursor, spanStart), false);
    push(parts, text.slice(spanStart, spanEnd), true);
    cursor = spanEnd;
  }
  push(parts, text.slice(cursor, to), false);
  if (to < text.length) push(parts, ' …', false);
  return parts;
}
