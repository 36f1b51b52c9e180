// One spelling rule for every comparison the topic registry makes: an alias as stored, a run of
// words in a draft, a name an editor accepts. Two spellings that a reader would call the same
// name ("Tae-yul", "tae yul"; "Bogotá", "Bogota"; "Xi’an", "Xi'an"; "Leyen's", "Leyen") come out
// as the same key.

/** Dashes and hyphens that join the parts of a name. */
const HYPHENS = /[-\u2010\u2011\u2012\u2013\u2014\u2212]+/g;
/** Typographic apostrophes and primes, read as "'". */
const APOSTROPHES = /[\u2018\u2019\u02BC\u02BB\u2032`´]/g;

/**
 * A name's comparison key: NFKC, case folded, accents dropped, hyphens read as spaces, a final
 * possessive ('s) dropped, dots and other punctuation gone, single spaces.
 */
export function normaliseName(text: string): string {
  const folded = text
    .normalize('NFKC')
    .replace(APOSTROPHES, "'")
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
  return folded
    .replace(HYPHENS, ' ')
    .replace(/'s\b/g, '')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A name's key split into its words, as the trie walks them. */
export function nameTokens(text: string): string[] {
  const key = normaliseName(text);
  return key === '' ? [] : key.split(' ');
}
