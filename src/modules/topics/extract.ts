// Finds the people, organisations and places a paragraph names, for an editor to accept as tags.
// Two sources, longest first: the registry (countries, large cities, and every topic an editor
// accepted, by all their aliases), and candidates: runs of capitalised words, with titles and
// sentence-initial words taken off and particles kept inside ("von der Leyen", "bin Salman").
// English only. The kind of a candidate is a guess from cues; the editor decides.
import {
  CALENDAR,
  HYPHEN_SUFFIXES,
  isDemonym,
  MULTI_TITLES,
  OF_HEADS,
  ORG_CONNECTORS,
  ORG_WORDS,
  PARTICLES,
  PERSON_CUES,
  PLACE_PREPOSITIONS,
  PLACE_WORDS,
  SENTENCE_STARTERS,
  TITLE_MODIFIERS,
  TITLES,
} from './lexicon.ts';
import { normaliseName } from './normalise.ts';
import { tokenize, type Token } from './tokens.ts';
import type { TokenTrie, TopicKind, TrieEntry } from './trie.ts';

/** One topic a text names. */
export interface FoundTopic {
  /** The registry's name for a known topic; the name as written (title-cased from capitals) otherwise. */
  name: string;
  kind: TopicKind;
  /** In the registry already. */
  known: boolean;
  topicId?: number;
  /** The tag an editor linked the topic to, if any. */
  tagSlug?: string;
  /** Every spelling the text used, for matching and for the aliases an editor accepts. */
  surfaces: string[];
  mentions: number;
  /** Where it is first named (a character offset). */
  first: number;
}

/** A piece of a capitalised run, with what the words around it say about it. */
interface Part {
  tokens: Token[];
  personCue: boolean;
  /** A lone word that only a sentence's start made capitalised, perhaps. */
  isWeak: boolean;
  isDateline: boolean;
}

/** The most words one name may have ("Mohammed bin Rashid Al Hamdan" has five). */
const MAX_NAME_WORDS = 12;
const PERSONISH_POSSESSIVES = new Set(['people', 'workers', 'citizens']);
const PLACE_PREFIXES = new Set(['mount', 'lake', 'cape', 'port', 'saint']);
// "SEOUL, South Korea (Northgate Wire) —": the place in capitals, a credit in brackets, a dash,
// at the start of a paragraph.
const DATELINE =
  /^[ \t]*([\p{Lu}][\p{Lu}\p{M}'’. -]*[\p{Lu}\p{M}])(?:,[^()\n—–]{1,40}?)?\s*(\([^)\n]{1,60}\))?\s*(?:—|–|--|-)\s/gmu;

function titleCase(word: string): string {
  return word
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_m, space: string, letter: string) => space + letter.toUpperCase());
}

const isTitleWord = (t: Token) => TITLES.has(t.norm);
const isTitleish = (t: Token) =>
  t.isCapitalised &&
  (TITLES.has(t.norm) || TITLE_MODIFIERS.has(t.norm) || MULTI_TITLES.some((m) => m.includes(t.norm)));

/** Where a title starts and ends in a run (`end` exclusive), or null. */
function titleAt(run: Token[], start: number): { end: number } | null {
  if (!isTitleish(run[start]!)) return null;
  let end = start;
  while (end < run.length && isTitleish(run[end]!)) end += 1;
  // Give back words that are only modifiers, until a title ends the group ("Foreign Minister").
  while (end > start) {
    const last = run[end - 1]!;
    const words = run.slice(start, end).map((t) => t.norm);
    const endsMulti = MULTI_TITLES.some(
      (m) => words.length >= m.length && m.every((w, k) => words[words.length - m.length + k] === w),
    );
    if (isTitleWord(last) || endsMulti) return { end };
    end -= 1;
  }
  return null;
}

/** Splits a text into capitalised runs (token index ranges), keeping particles and organisation connectors inside. */
function capitalisedRuns(tokens: Token[], skip: Set<number>): [number, number][] {
  const runs: [number, number][] = [];
  const startsName = (k: number) => {
    const t = tokens[k];
    if (!t || skip.has(k)) return false;
    if (t.isCapitalised) return !CALENDAR.has(t.norm);
    // "al-Sabah": a lowercase particle hyphened to a capital.
    const next = tokens[k + 1];
    return PARTICLES.has(t.norm) && next !== undefined && next.isHyphenated && next.isCapitalised;
  };
  let i = 0;
  while (i < tokens.length) {
    if (!startsName(i)) {
      i += 1;
      continue;
    }
    let end = i + 1;
    for (;;) {
      // No name is this long; a longer run (a shouted line, a list of capitals) is cut, which also
      // keeps every step below bounded.
      if (end - i >= MAX_NAME_WORDS) break;
      const prev = tokens[end - 1]!;
      const t = tokens[end];
      if (!t || skip.has(end)) break;
      if (prev.isPossessive && !PERSONISH_POSSESSIVES.has(prev.norm)) break;
      if (t.hasBreakBefore) break;
      if (t.isHyphenated) {
        if (!t.isCapitalised && HYPHEN_SUFFIXES.has(t.norm)) break;
        end += 1;
        continue;
      }
      if (t.isCapitalised) {
        if (CALENDAR.has(t.norm)) break;
        end += 1;
        continue;
      }
      // Lowercase words carry on a name only as particles, or inside an organisation's name.
      const words = tokens.slice(i, end).map((w) => w.norm);
      let k = end;
      let allowed = true;
      while (k < tokens.length && k - end < 2 && !tokens[k]!.isCapitalised) {
        const w = tokens[k]!;
        if (w.hasBreakBefore) {
          allowed = false;
          break;
        }
        const isParticle = PARTICLES.has(w.norm);
        const isOf = w.norm === 'of' && words.some((x) => OF_HEADS.has(x));
        const isOrgJoin =
          ORG_CONNECTORS.has(w.norm) && words.includes('of') && words.some((x) => ORG_WORDS.has(x));
        const isTheAfterOf = w.norm === 'the' && tokens[k - 1]?.norm === 'of' && k > end;
        if (!isParticle && !isOf && !isOrgJoin && !isTheAfterOf) {
          allowed = false;
          break;
        }
        k += 1;
      }
      const after = tokens[k];
      if (!allowed || k === end || !after || !after.isCapitalised || after.hasBreakBefore || skip.has(k))
        break;
      if (CALENDAR.has(after.norm)) break;
      end = k + 1;
    }
    runs.push([i, end]);
    i = end;
  }
  return runs;
}

/** Cuts one capitalised run into the names in it: titles out, sentence openers off. */
function partsOf(tokens: Token[], [from, to]: [number, number], datelines: Set<number>): Part[] {
  let run = tokens.slice(from, to);
  let personCue = false;
  let startsSentence = run[0]!.isSentenceStart && !datelines.has(from);
  const before = tokens[from - 1];
  if (before && !before.isCapitalised && !run[0]!.hasBreakBefore && PERSON_CUES.has(before.norm))
    personCue = true;
  // "The Kremlin", "Shares in …", "Cricketer Arjun Subramaniam": the opener goes, and what follows
  // was capitalised for its own sake.
  while (run.length > 0 && run[0]!.isSentenceStart && !run[0]!.isAllCaps) {
    const word = run[0]!.norm;
    if (SENTENCE_STARTERS.has(word)) run = run.slice(1);
    else if (PERSON_CUES.has(word) && !TITLES.has(word)) {
      run = run.slice(1);
      personCue = true;
    } else break;
    startsSentence = false;
  }
  const parts: Part[] = [];
  const isDateline = datelines.has(from);
  let start = 0;
  for (let p = 0; p < run.length; p += 1) {
    const title = titleAt(run, p);
    if (!title) continue;
    const rest = run.slice(title.end);
    // "King Saud University", "United Nations General Assembly": the title is part of the name.
    if (rest.some((t) => ORG_WORDS.has(t.norm))) break;
    // "Office of the President": a title after a connector is the organisation's.
    if (p > 0 && !run[p - 1]!.isCapitalised) continue;
    if (p > start)
      parts.push({
        tokens: run.slice(start, p),
        personCue: false,
        isWeak: startsSentence && start === 0 && p - start === 1,
        isDateline,
      });
    if (rest.length === 0) return parts;
    start = title.end;
    personCue = true;
    p = title.end - 1;
  }
  if (start < run.length) {
    parts.push({
      tokens: run.slice(start),
      personCue: personCue && (start > 0 || parts.length === 0),
      isWeak: startsSentence && start === 0 && run.length === 1 && !run[0]!.isAllCaps,
      isDateline,
    });
  }
  return parts
    .map((part) => {
      // A name does not end on a particle or a connector.
      let end = part.tokens.length;
      while (end > 0 && !part.tokens[end - 1]!.isCapitalised && !part.tokens[end - 1]!.isHyphenated) end -= 1;
      return { ...part, tokens: part.tokens.slice(0, end) };
    })
    .filter((part) => part.tokens.length > 0);
}

function surfaceOf(text: string, part: Part): string {
  const first = part.tokens[0]!;
  const last = part.tokens.at(-1)!;
  const raw = text.slice(first.start, last.end).replace(/['’]s$/u, '');
  return part.isDateline ? titleCase(raw) : raw;
}

function guessKind(part: Part, previous: Token | undefined): TopicKind {
  const words = part.tokens.map((t) => t.norm);
  const last = words.at(-1)!;
  if (part.isDateline) return 'place';
  if (ORG_WORDS.has(last)) return 'organisation';
  if (PLACE_WORDS.has(last) && words.length > 1) return 'place';
  if (words.some((w) => ORG_WORDS.has(w))) return 'organisation';
  if (part.personCue) return 'person';
  if (PLACE_PREFIXES.has(words[0]!) && words.length > 1) return 'place';
  if (words.length === 1 && part.tokens[0]!.isAllCaps) return 'organisation';
  const afterPreposition =
    previous !== undefined && !previous.isCapitalised && PLACE_PREPOSITIONS.has(previous.norm);
  if (words.length === 1) return afterPreposition ? 'place' : 'organisation';
  if (words.some((w) => PARTICLES.has(w))) return 'person';
  if (afterPreposition && words.length === 2) return 'place';
  return 'person';
}

/** The text's datelines: the places' tokens, and the credits' (which name no topic). */
function datelineOf(text: string, tokens: Token[]): { place: Set<number>; credit: Set<number> } {
  const place = new Set<number>();
  const credit = new Set<number>();
  for (const match of text.matchAll(DATELINE)) {
    if (match[1]) markDateline(match, tokens, place, credit);
  }
  return { place, credit };
}

function markDateline(
  match: RegExpExecArray | RegExpMatchArray,
  tokens: Token[],
  place: Set<number>,
  credit: Set<number>,
): void {
  if (!match[1] || match.index === undefined) return;
  const placeStart = match.index + match[0].indexOf(match[1]);
  const placeEnd = placeStart + match[1].length;
  const creditStart = match[2] ? match.index + match[0].indexOf(match[2]) : -1;
  const creditEnd = match[2] ? creditStart + match[2].length : -1;
  tokens.forEach((t, k) => {
    if (t.start >= placeStart && t.end <= placeEnd && t.isAllCaps) place.add(k);
    if (t.start >= creditStart && t.end <= creditEnd) credit.add(k);
  });
}

/** The topics a text names, most mentioned first. `registry` holds the known topics' aliases. */
export function findTopics(text: string, registry: TokenTrie): FoundTopic[] {
  const tokens = tokenize(text);
  const dateline = datelineOf(text, tokens);
  const parts = capitalisedRuns(tokens, dateline.credit).flatMap((run) =>
    partsOf(tokens, run, dateline.place),
  );

  interface Mention {
    part: Part;
    surface: string;
    key: string;
    known: TrieEntry | undefined;
    kind: TopicKind;
  }
  const mentions: Mention[] = [];
  for (const part of parts) {
    const words = part.tokens.map((t) => t.norm);
    const match = registry.longestAt(words, 0);
    const known = match && match.end === words.length ? match.entries[0] : undefined;
    const surface = surfaceOf(text, part);
    if (!known) {
      // "North Korean leader …": an adjective names nobody.
      if (isDemonym(words.at(-1)!)) continue;
      if (part.tokens.every((t) => TITLE_MODIFIERS.has(t.norm) || TITLES.has(t.norm))) continue;
    }
    const previous = tokens[part.tokens[0]!.index - 1];
    mentions.push({
      part,
      surface,
      key: known ? `topic:${known.topicId}` : normaliseName(surface),
      known,
      kind: known ? known.kind : guessKind(part, previous),
    });
  }

  // A lone word that is part of a longer name found here ("Park" after "Park Ji-hoon", "Hanbit"
  // after "Hanbit Electronics") is that name again.
  // Maps, not searches: a long body has thousands of mentions.
  const wordOwner = new Map<string, Mention>();
  const strongKeys = new Set<string>();
  for (const m of mentions) {
    if (!m.part.isWeak) strongKeys.add(m.key);
    if (m.part.tokens.length > 1)
      for (const t of m.part.tokens) if (!wordOwner.has(t.norm)) wordOwner.set(t.norm, m);
  }
  const byKey = new Map<string, FoundTopic>();
  for (const m of mentions) {
    let key = m.key;
    let target: Mention = m;
    if (m.part.tokens.length === 1 && !m.known) {
      const whole = wordOwner.get(m.part.tokens[0]!.norm);
      if (whole) {
        key = whole.key;
        target = whole;
      } else if (m.part.isWeak && !strongKeys.has(m.key)) {
        continue;
      }
    }
    const existing = byKey.get(key);
    if (existing) {
      existing.mentions += 1;
      if (!existing.surfaces.includes(m.surface)) existing.surfaces.push(m.surface);
      continue;
    }
    const known = target.known;
    byKey.set(key, {
      name: known ? known.name : target.surface,
      kind: target.kind,
      known: known !== undefined,
      ...(known && { topicId: known.topicId }),
      ...(known?.tagSlug && { tagSlug: known.tagSlug }),
      surfaces: target === m ? [m.surface] : [target.surface, m.surface],
      mentions: 1,
      first: target.part.tokens[0]!.start,
    });
  }
  return [...byKey.values()].sort((a, b) => b.mentions - a.mentions || a.first - b.first);
}
