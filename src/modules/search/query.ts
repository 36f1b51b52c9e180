// A reader's search box text → a checked query → an SQLite FTS5 MATCH expression or a PostgreSQL
// tsquery. Pure: no database, no I/O.
//
// The syntax, as web search engines have taught readers:
//   harbour dredging      both words (AND is the default)
//   harb                  every bare word matches as a prefix: "harbour", "harbours", "harbourmaster"
//   "harbour dredging"    the words together, in that order, whole words only
//   -ferry  -"ferry pass" leave out articles with the word (a prefix, as above) or the phrase
//   ferry OR bus          either word (only upper-case OR; "or" is an ordinary word)
//
// Every word is reduced to letters, digits and marks before it reaches either database, and each one
// is quoted in the expression, so nothing a reader types can be read as FTS5 or tsquery syntax.
import { SEARCH_FOLD } from '../../platform/db/migrations/0003-search.ts';

/** The longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;

/** The most words a query may hold, counting the words of phrases and exclusions. */
export const MAX_QUERY_TERMS = 20;

/** One thing to look for: a word, or words that must appear together in this order. */
export interface Term {
  /** Folded words: lower case, no diacritics, letters, digits and marks only. Never empty. */
  words: string[];
  /** The last word matches as a prefix. True for bare words, false for quoted phrases. */
  isPrefix: boolean;
}

/** A checked query: every clause must match (one of its terms), and no exclusion may. */
export interface ParsedQuery {
  /** ANDed together; the terms inside one clause are ORed. Never empty. */
  clauses: Term[][];
  /** Articles matching any of these are left out. */
  exclusions: Term[];
}

/** Why a query cannot be run, as a sentence for the reader. */
export type QueryProblem =
  | { reason: 'empty'; message: string }
  | { reason: 'too-long'; message: string }
  | { reason: 'too-many-terms'; message: string }
  | { reason: 'no-words'; message: string }
  | { reason: 'only-exclusions'; message: string };

/** The outcome of parsing: a query, or the problem with it. */
export type ParseResult = { ok: true; query: ParsedQuery } | { ok: false; problem: QueryProblem };

const FOLD = new Map<string, string>();
for (let i = 0; i < SEARCH_FOLD.from.length; i += 1) {
  // from and to are BMP characters only, so one UTF-16 unit each.
  FOLD.set(SEARCH_FOLD.from.charAt(i), SEARCH_FOLD.to.charAt(i).toLowerCase());
}
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const ASCII = /^\p{ASCII}*$/u;
const FOLDS_NO_ASCII = [...FOLD.keys()].every((char) => char > '\x7f');
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * Lower-cases and folds text exactly as the PostgreSQL index folds article text (SEARCH_FOLD), so that
 * "Café" in a query and "CAFÉ" in an article meet as "cafe". SQLite's tokenizer folds the same way.
 */
export function foldText(text: string): string {
  // Most words are plain ASCII, which folding only lower-cases: snippets fold every word of ten bodies.
  if (FOLDS_NO_ASCII && ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (const char of text.toLowerCase()) out += FOLD.get(char) ?? char;
  return out.replace(COMBINING_MARKS, '');
}

/** The searchable words in a piece of text, folded, in order. */
export function wordsOf(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

// A piece of the query as the scanner reads it, before ORs are resolved.
type Piece = { kind: 'or' } | { kind: 'term'; term: Term; isExcluded: boolean };

function scan(text: string): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    // A "-" directly before a word or a quote excludes it; a "-" on its own is punctuation.
    let isExcluded = false;
    if (char === '-' && i + 1 < text.length && !/\s/.test(text.charAt(i + 1))) {
      isExcluded = true;
      i += 1;
    }
    if (text.charAt(i) === '"') {
      // A phrase runs to the next quote, or to the end when the reader forgot to close it.
      const close = text.indexOf('"', i + 1);
      const end = close === -1 ? text.length : close;
      const words = wordsOf(text.slice(i + 1, end));
      if (words.length > 0) pieces.push({ kind: 'term', term: { words, isPrefix: false }, isExcluded });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < text.length && !/\s/.test(text.charAt(end)) && text.charAt(end) !== '"') end += 1;
    const chunk = text.slice(i, end);
    i = end;
    if (chunk === 'OR' && !isExcluded) {
      pieces.push({ kind: 'or' });
      continue;
    }
    // "covid-19" or "o'brien" hold several words: they must appear together, as FTS5 and PostgreSQL
    // both read them.
    const words = wordsOf(chunk);
    if (words.length > 0) pieces.push({ kind: 'term', term: { words, isPrefix: true }, isExcluded });
  }
  return pieces;
}

/** Reads a reader's query. Never throws: an unusable query comes back as a problem to show. */
export function parseQuery(input: string): ParseResult {
  const text = input.replace(/\p{Cc}/gu, ' ').trim();
  if (text === '') {
    return { ok: false, problem: { reason: 'empty', message: 'Type a word or two to search for.' } };
  }
  if (text.length > MAX_QUERY_LENGTH) {
    return {
      ok: false,
      problem: {
        reason: 'too-long',
        message: `That search is too long: keep it under ${MAX_QUERY_LENGTH} characters.`,
      },
    };
  }
  const pieces = scan(text);
  const terms = pieces.flatMap((p) => (p.kind === 'term' ? [p] : []));
  const wordCount = terms.reduce((n, p) => n + p.term.words.length, 0);
  if (wordCount > MAX_QUERY_TERMS) {
    return {
      ok: false,
      problem: {
        reason: 'too-many-terms',
        message: `That search has too many words: use at most ${MAX_QUERY_TERMS}.`,
      },
    };
  }

  const clauses: Term[][] = [];
  const exclusions: Term[] = [];
  // An OR joins the terms either side of it; one with nothing to join (at either end, next to another
  // OR or to an exclusion) is ignored.
  let isJoining = false;
  for (const piece of pieces) {
    if (piece.kind === 'or') {
      isJoining = clauses.length > 0;
      continue;
    }
    if (piece.isExcluded) {
      exclusions.push(piece.term);
      isJoining = false;
      continue;
    }
    const last = clauses[clauses.length - 1];
    if (isJoining && last) last.push(piece.term);
    else clauses.push([piece.term]);
    isJoining = false;
  }

  if (clauses.length === 0) {
    return exclusions.length > 0
      ? {
          ok: false,
          problem: {
            reason: 'only-exclusions',
            message: 'Add a word to look for: a search cannot only leave words out.',
          },
        }
      : {
          ok: false,
          problem: { reason: 'no-words', message: 'Search for words made of letters or numbers.' },
        };
  }
  return { ok: true, query: { clauses, exclusions } };
}

// Words hold letters, digits and marks only (see WORD), so quoting them is enough; this re-checks it.
function checkedWord(word: string): string {
  if (!/^[\p{L}\p{N}\p{M}]+$/u.test(word)) throw new Error(`Unsafe search word ${JSON.stringify(word)}`);
  return word;
}

function fts5Term(term: Term): string {
  return `"${term.words.map(checkedWord).join(' ')}"${term.isPrefix ? '*' : ''}`;
}

function fts5Any(terms: Term[]): string {
  const parts = terms.map(fts5Term);
  return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' OR ')})`;
}

/**
 * The SQLite FTS5 MATCH expression for a query: `"harb"* AND ("ferry"* OR "bus"*) NOT ("tolls"*)`.
 * A quoted string is a phrase to FTS5 and `*` after it makes its last word a prefix. FTS5's NOT is
 * binary, so the exclusions follow everything else.
 */
export function toFts5Match(query: ParsedQuery): string {
  const include = query.clauses.map(fts5Any).join(' AND ');
  if (query.exclusions.length === 0) return include;
  return `(${include}) NOT ${fts5Any(query.exclusions)}`;
}

function tsTerm(term: Term): string {
  const last = term.words.length - 1;
  const lexemes = term.words.map(
    (word, i) => `'${checkedWord(word)}'${term.isPrefix && i === last ? ':*' : ''}`,
  );
  return lexemes.length === 1 ? (lexemes[0] ?? '') : `(${lexemes.join(' <-> ')})`;
}

function tsAny(terms: Term[]): string {
  const parts = terms.map(tsTerm);
  return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' | ')})`;
}

/**
 * The text for PostgreSQL's `to_tsquery('simple', $1)` for a query:
 * `'harb':* & ('ferry':* | 'bus':*) & !'tolls':*`. Bind it as a parameter; never splice it into SQL.
 */
export function toTsquery(query: ParsedQuery): string {
  return [...query.clauses.map(tsAny), ...query.exclusions.map((term) => `!${tsTerm(term)}`)].join(' & ');
}

/** The terms whose matches a snippet highlights: everything looked for, nothing left out. */
export function highlightTerms(query: ParsedQuery): Term[] {
  return query.clauses.flat();
}
