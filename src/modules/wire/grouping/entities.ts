import { STOPWORDS, normaliseText } from './normalise.ts';
import type { EntityExtractor } from './types.ts';

// Words that start a capitalised run without being part of a name: titles ("Mayor Amira Haddad" is
// Amira Haddad), months, and words that are capitalised only because they open a sentence or a headline.
const NOT_NAME = new Set(
  (
    'mr mrs ms dr sir madam mayor president minister prime chief secretary general governor senator ' +
    'judge inspector captain professor prof deputy councillor chairman chairwoman director officer ' +
    'superintendent commissioner spokesman spokeswoman spokesperson coach manager head acting former ' +
    'january february march april may june july august september october november december ' +
    'breaking update updated live exclusive analysis opinion watch video photos police officials ' +
    'residents workers shares weather forecast storm rain wind engineer chemist scientist researcher teacher ' +
    'student nurse doctor lawyer economist analyst farmer organiser leader owner librarian passenger resident'
  ).split(' '),
);

// Lower-case particles that may sit inside a name: "Ursula von der Leyen", "Abdel Aziz bin Salman",
// "Bank of Harbourton".
const PARTICLES = new Set([
  'von',
  'van',
  'der',
  'den',
  'de',
  'da',
  'di',
  'du',
  'la',
  'le',
  'bin',
  'ibn',
  'al',
  'el',
  'of',
]);

const TOKEN = /[\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*/gu;
// "Khatib" in "al-Khatib" or "Amico" in "d'Amico" carries the capital after a lower-case particle.
const CAPITALISED = /^(?:(?:al|el|ad|ar|as|ash|at|az|ibn|abu|bin|d|l)['’\-‐])?\p{Lu}/u;
const POSSESSIVE = /['’]s$/u;
// A headline in Title Case capitalises every word, so its capitals say nothing about names.
const TITLE_CASE_SHARE = 0.6;

/** True when most words of four letters or more start with a capital. */
export function isTitleCase(line: string): boolean {
  const long = line.match(/\p{L}{4,}/gu) ?? [];
  if (long.length < 3) return false;
  return long.filter((word) => /^\p{Lu}/u.test(word)).length / long.length >= TITLE_CASE_SHARE;
}

/**
 * The built-in extractor: runs of capitalised words (particles allowed inside a run), with leading
 * titles and sentence-opening words removed. It finds spans, not types: good enough to tell whether two
 * items name the same people and places.
 */
export const extractCapitalisedRuns: EntityExtractor = (text) => {
  const found: string[] = [];
  const clauses = text.split(/([.,;:!?()"“”—–]|\s-\s)/u);
  // A word capitalised only where a sentence starts ("Passengers said…") is an ordinary word, unless the
  // text also capitalises it somewhere else.
  const capitalisedInside = new Set<string>();
  let atSentenceStart = true;
  for (const piece of clauses) {
    if (/^[.!?]$/u.test(piece)) atSentenceStart = true;
    else if (/[\p{L}\p{N}]/u.test(piece)) {
      const tokens = [...piece.matchAll(TOKEN)].map((match) => match[0]);
      tokens.forEach((token, index) => {
        if ((index > 0 || !atSentenceStart) && CAPITALISED.test(token)) {
          capitalisedInside.add(token.replace(POSSESSIVE, ''));
        }
      });
      atSentenceStart = false;
    }
  }
  atSentenceStart = true;
  // Split into sentences and clauses first, so that a run never crosses a full stop or a comma.
  for (const clause of clauses) {
    if (/^[.!?]$/u.test(clause)) {
      atSentenceStart = true;
      continue;
    }
    if (!/[\p{L}\p{N}]/u.test(clause)) continue;
    const clauseStartsSentence = atSentenceStart;
    atSentenceStart = false;
    let run: string[] = [];
    let runStart = -1;
    let index = 0;
    const flush = () => {
      if (clauseStartsSentence && runStart === 0 && run.length === 1 && !capitalisedInside.has(run[0]!))
        run = [];
      while (run.length > 0 && PARTICLES.has(run[run.length - 1]!.toLowerCase())) run.pop();
      while (run.length > 0) {
        const first = normaliseText(run[0]!);
        if (NOT_NAME.has(first) || STOPWORDS.has(first)) run.shift();
        else break;
      }
      if (run.length > 0) found.push(run.join(' '));
      run = [];
    };
    for (const match of clause.matchAll(TOKEN)) {
      const token = match[0].replace(POSSESSIVE, '');
      if (CAPITALISED.test(token)) {
        if (run.length === 0) runStart = index;
        run.push(token);
      } else if (run.length > 0 && PARTICLES.has(token.toLowerCase())) run.push(token);
      else flush();
      index++;
    }
    flush();
  }
  return found;
};

/** Normalises an alias map once: both sides go through normaliseText. */
export function normaliseAliases(aliases: Readonly<Record<string, string>> | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const [alias, canonical] of Object.entries(aliases ?? {})) {
    map.set(normaliseText(alias), normaliseText(canonical));
  }
  return map;
}

/**
 * The entity keys of a text: each name normalised and mapped through the aliases, plus each of its words
 * that is neither a stopword nor a title on its own, so "Haddad" meets "Amira Haddad" (rare words weigh
 * more later, through their inverse document frequency, so a shared "Harbourton" counts for little).
 */
export function entityKeys(
  text: string,
  extract: EntityExtractor,
  aliases: ReadonlyMap<string, string>,
): Set<string> {
  const keys = new Set<string>();
  for (const name of extract(text)) {
    const normalised = normaliseText(name);
    if (normalised === '') continue;
    keys.add(aliases.get(normalised) ?? normalised);
    const parts = normalised.split(' ');
    if (parts.length < 2) continue;
    for (const part of parts) {
      if (part.length < 2 || STOPWORDS.has(part) || NOT_NAME.has(part) || PARTICLES.has(part)) continue;
      keys.add(aliases.get(part) ?? part);
    }
  }
  return keys;
}
