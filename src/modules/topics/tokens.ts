// Splits a paragraph into the words the topic finder reads, with what it needs to know about the
// space between them: a hyphen joins ("Tae-yul"), punctuation breaks a name, a full stop after
// anything but an abbreviation or an initial starts a sentence.
import { normaliseName } from './normalise.ts';
import { ABBREVIATIONS } from './lexicon.ts';

/** One word of a paragraph. */
export interface Token {
  /** The word as written (a possessive's 's included). */
  text: string;
  start: number;
  end: number;
  /** Its place among the text's words. */
  index: number;
  /** Its comparison key, one word: a possessive is dropped, "U.S." is "us". */
  norm: string;
  /** Starts with a capital letter. */
  isCapitalised: boolean;
  /** Two or more letters, every one a capital ("NATO", "SEOUL"). */
  isAllCaps: boolean;
  /** Joined to the word before by a hyphen alone. */
  isHyphenated: boolean;
  /** Punctuation other than a hyphen stands between it and the word before. */
  hasBreakBefore: boolean;
  /** The first word of a sentence (or of the text, or after a dash or an opening quote). */
  isSentenceStart: boolean;
  /** Ends in 's or ’s. */
  isPossessive: boolean;
  /** A capital letter with a full stop after it ("P." in "P. Chidambaram"). */
  isInitial: boolean;
}

// A run of dotted letters ("U.S."), or a word with inner apostrophes ("O'Brien", "Xi’an", "Leyen's").
const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*/gu;
const HYPHEN_ONLY = /^[-\u2010\u2011]$/;
const SENTENCE_END = /[.!?]/;
const DASH_OR_QUOTE = /[—–"“«]|^\s*[-]\s+$|\n/;

/** The paragraph's words, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // A text repeats its words: each is normalised once.
  const keys = new Map<string, string>();
  const keyOf = (word: string) => {
    let key = keys.get(word);
    if (key === undefined) {
      key = normaliseName(word).replace(/ /g, '');
      keys.set(word, key);
    }
    return key;
  };
  let previous: Token | undefined;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const start = match.index;
    const end = start + word.length;
    const gap = text.slice(previous?.end ?? 0, start);
    const dotted = word.includes('.');
    const letters = word.replace(/[^\p{L}]/gu, '');
    const isPossessive = /['’]s$/u.test(word);
    const isHyphenated = previous !== undefined && HYPHEN_ONLY.test(gap);
    const afterAbbreviation =
      previous !== undefined &&
      gap.startsWith('.') &&
      (previous.isInitial || ABBREVIATIONS.has(previous.norm) || previous.text.includes('.'));
    const endsSentence = SENTENCE_END.test(gap) && !afterAbbreviation;
    const token: Token = {
      text: word,
      start,
      end,
      index: tokens.length,
      norm: dotted ? letters.toLowerCase() : keyOf(word),
      isCapitalised: /^[\p{Lu}\p{Lt}]/u.test(word),
      isAllCaps:
        letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
      isHyphenated,
      hasBreakBefore: previous !== undefined && !isHyphenated && /[^\s]/.test(gap) && !afterAbbreviation,
      isSentenceStart: previous === undefined || endsSentence || DASH_OR_QUOTE.test(gap),
      isPossessive,
      isInitial: /^\p{Lu}$/u.test(word) && text[end] === '.',
    };
    // An abbreviation's own full stop breaks no name: "Gen. Henrik Lindqvist".
    tokens.push(token);
    previous = token;
  }
  return tokens;
}
