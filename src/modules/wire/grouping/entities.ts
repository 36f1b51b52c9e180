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
    'residents workers shares weather forecast storm rain wind'
  ).split(' '),
);

// Lower-case particles that may sit inside a name: "Ursula von der Leyen", "Abdel Aziz bin Salman",
// "Bank of Harbourton".
const PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'da', 'di', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'of']);

const TOKEN = /[\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*/gu;
const CAPITALISED = /^\p{Lu}/u;

/**
 * The built-in extractor: runs of capitalised words (particles allowed inside a run), with leading
 * titles and sentence-opening words removed. It finds spans, not types: good enough to tell whether two
 * items name the same people and places.
 */
export const extractCapitalisedRuns: EntityExtractor = (text) => {
  const found: string[] = [];
  // Split into sentences and clauses first, so that a run never crosses a full stop or a comma.
  for (const clause of text.split(/[.,;:!?()"“”—–]|\s-\s/u)) {
    let run: string[] = [];
    const flush = () => {
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
      const token = match[0];
      if (CAPITALISED.test(token)) run.push(token);
      else if (run.length > 0 && PARTICLES.has(token.toLowerCase())) run.push(token);
      else flush();
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
