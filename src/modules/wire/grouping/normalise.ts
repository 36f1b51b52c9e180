import { createHash } from 'node:crypto';

// Letters that carry no combining mark under NFD, so stripping marks alone would keep them apart from
// their plain spelling (Vietnamese Đ most of all: "Đức" and "Duc" must meet).
const FOLD: Readonly<Record<string, string>> = {
  đ: 'd',
  ð: 'd',
  ø: 'o',
  ł: 'l',
  ħ: 'h',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};

/**
 * A small English stopword list of our own: function words and the reporting verbs every news item uses,
 * which say nothing about which event it is.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing down during each few for from further had has ' +
    'have having he her here hers herself him himself his how i if in into is it its itself just me more ' +
    'most my no nor not now of off on once only or other our ours out over own same she should so some ' +
    'such than that the their theirs them then there these they this those through to too under until up ' +
    'very was we were what when where which while who whom why will with would you your yours ' +
    'said says say told according added new one two three per cent percent mr mrs ms dr wednesday ' +
    'monday tuesday thursday friday saturday sunday yesterday today tomorrow week year years day days'
  ).split(' '),
);

/**
 * NFKC, case folding, marks and folded letters removed, apostrophes dropped (so "council's" stays one
 * word), every other run of non-letters and non-digits a single space.
 */
export function normaliseText(input: string): string {
  return input
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đðøłħıßæœþ]/g, (ch) => FOLD[ch] ?? ch)
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The normalised words of a text, stopwords kept (shingles need the glue words). */
export function words(input: string): string[] {
  const normalised = normaliseText(input);
  return normalised === '' ? [] : normalised.split(' ');
}

// Prefix stemming: cutting a word to its first six letters joins "evacuated" and "evacuation" or
// "council" and "councillors" without an English suffix table, and rarely joins two unrelated words
// that news copy uses in one window.
const STEM_LENGTH = 6;

/** Content words for the story vector: stopwords and one-letter tokens dropped, the rest prefix-stemmed. */
export function contentTerms(input: string): string[] {
  const terms: string[] = [];
  for (const word of words(input)) {
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    terms.push(word.length > STEM_LENGTH ? word.slice(0, STEM_LENGTH) : word);
  }
  return terms;
}

/**
 * A URL reduced to what identifies the page: lower-case host without "www.", no fragment, no `utm_*`
 * parameters, remaining parameters sorted, no trailing slash. Unparseable input comes back trimmed.
 */
export function normaliseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return input.trim();
  }
  url.hash = '';
  const kept = [...url.searchParams.entries()]
    .filter(([key]) => !key.toLowerCase().startsWith('utm_'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(kept).toString();
  const host = url.host.toLowerCase().replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${host}${path}${query === '' ? '' : `?${query}`}`;
}

/** SHA-256 of the normalised words: equal for two copies that differ only in case, marks or punctuation. */
export function contentHash(input: string): string {
  return createHash('sha256').update(words(input).join(' ')).digest('hex');
}
