import { extractCapitalisedRuns, normaliseAliases } from './entities.ts';
import { type FeatureSettings, type Features, computeFeatures, prepare } from './features.ts';
import { jaccard } from './minhash.ts';
import {
  DUPLICATE_JACCARD,
  MIN_SHINGLES_FOR_NEAR_DUPLICATE,
  STORY_SCORE_FLOOR,
  STORY_THRESHOLD,
  WINDOW_MS,
} from './thresholds.ts';
import type {
  Assignment,
  GroupedItem,
  GroupingItem,
  GroupingOptions,
  PairScore,
  Thresholds,
} from './types.ts';
import { GroupingWindow } from './window.ts';

/** Feature settings plus the thresholds in force. */
interface Settings {
  /** Stable per options object, so that `prepare` finds cached features. */
  features: FeatureSettings;
  thresholds: Thresholds;
}

/** Where an already grouped item sits. */
interface Placement {
  duplicateOf: number | null;
  storyId: number;
}

const defaultThresholds: Thresholds = { duplicateJaccard: DUPLICATE_JACCARD, story: STORY_THRESHOLD };
const defaultFeatureSettings: FeatureSettings = { extract: extractCapitalisedRuns, aliases: new Map() };
const featureSettingsCache = new WeakMap<GroupingOptions, FeatureSettings>();

// Feature settings are cached per options object (and shared by every call without an extractor or
// aliases), so `prepare` can reuse an item's features across calls.
function settingsFor(options: GroupingOptions | undefined): Settings {
  const thresholds = { ...defaultThresholds, ...options?.thresholds };
  if (!options || (!options.extractEntities && !options.aliases)) {
    return { features: defaultFeatureSettings, thresholds };
  }
  let features = featureSettingsCache.get(options);
  if (!features) {
    features = {
      extract: options.extractEntities ?? extractCapitalisedRuns,
      aliases: normaliseAliases(options.aliases),
    };
    featureSettingsCache.set(options, features);
  }
  return { features, thresholds };
}

function pair(x: number, y: number, kind: PairScore['kind'], score: number): PairScore {
  return x < y ? { a: x, b: y, kind, score } : { a: y, b: x, kind, score };
}

/** What the story score compares: an item, or a story's centroid. */
type Profile = Pick<Features, 'terms' | 'entities'>;

/** A story as one profile: term counts averaged over its items, entities united. */
function centroid(members: readonly Features[]): Profile {
  const terms = new Map<string, number>();
  const entities = new Set<string>();
  for (const member of members) {
    for (const [term, count] of member.terms)
      terms.set(term, (terms.get(term) ?? 0) + count / members.length);
    for (const entity of member.entities) entities.add(entity);
  }
  return { terms, entities };
}

/** IDF over the window with the new item counted in, each term computed once per decision. */
class IdfMemo {
  readonly #terms = new Map<string, number>();
  readonly #entities = new Map<string, number>();
  constructor(readonly window: GroupingWindow) {}

  term(term: string): number {
    let value = this.#terms.get(term);
    if (value === undefined) this.#terms.set(term, (value = this.window.termIdf(term, 1)));
    return value;
  }

  entity(entity: string): number {
    let value = this.#entities.get(entity);
    if (value === undefined) this.#entities.set(entity, (value = this.window.entityIdf(entity, 1)));
    return value;
  }
}

/**
 * What happened: title-and-lead TF-IDF cosine, IDF taken over the window with the new item counted in.
 * Words that are part of a name stay in: "bridge" in "Old Mill Bridge" is also what the story is about.
 */
function textCosine(x: Profile, y: Profile, idf: IdfMemo): number {
  let dot = 0;
  let normX = 0;
  let normY = 0;
  for (const [term, count] of x.terms) {
    const weight = count * idf.term(term);
    normX += weight * weight;
    const other = y.terms.get(term);
    if (other !== undefined) dot += weight * other * idf.term(term);
  }
  for (const [term, count] of y.terms) {
    const weight = count * idf.term(term);
    normY += weight * weight;
  }
  return dot === 0 ? 0 : dot / Math.sqrt(normX * normY);
}

/** Who and where: IDF-weighted cosine of two entity sets, so shared rare names count most. */
function entityCosine(x: Profile, y: Profile, idf: IdfMemo): number {
  let dot = 0;
  let normX = 0;
  let normY = 0;
  for (const entity of x.entities) {
    const weight = idf.entity(entity) ** 2;
    normX += weight;
    if (y.entities.has(entity)) dot += weight;
  }
  for (const entity of y.entities) normY += idf.entity(entity) ** 2;
  return dot === 0 ? 0 : dot / Math.sqrt(normX * normY);
}

/**
 * The story score of an item and an item or story, in [0, 1]: the geometric mean of "what" and "who",
 * so one event needs both. The same people doing something else, or the same template about other
 * people, scores low on one side, and a low side pulls the mean down harder than in a sum.
 */
function storyScore(x: Profile, y: Profile, idf: IdfMemo): number {
  const who = entityCosine(x, y, idf);
  return who === 0 ? 0 : Math.sqrt(textCosine(x, y, idf) * who);
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * The one decision, shared by `assign` and `groupAll`: the new item against the window's members.
 * Ties go to the smaller id, so the order members were added in never changes the outcome.
 */
function decide(
  x: Features,
  window: GroupingWindow,
  placements: ReadonlyMap<number, Placement>,
  thresholds: Thresholds,
): Assignment {
  const scores: PairScore[] = [];
  const rootOf = (id: number) => placements.get(id)?.duplicateOf ?? id;

  // 1. Duplicates: exact keys first, then LSH candidates confirmed by their actual Jaccard.
  let duplicate: { id: number; score: number } | null = null;
  const consider = (id: number, score: number) => {
    if (
      !duplicate ||
      score > duplicate.score ||
      (score === duplicate.score && rootOf(id) < rootOf(duplicate.id))
    ) {
      duplicate = { id, score };
    }
  };
  const exact = window.exactMatches(x);
  for (const id of exact) {
    scores.push(pair(x.id, id, 'duplicate', 1));
    consider(id, 1);
  }
  for (const candidate of window.nearCandidates(x)) {
    if (exact.has(candidate.id)) continue;
    const score = round(jaccard(x.shingles, candidate.shingles));
    if (score === 0) continue;
    scores.push(pair(x.id, candidate.id, 'duplicate', score));
    const longEnough = Math.min(x.shingles.size, candidate.shingles.size) >= MIN_SHINGLES_FOR_NEAR_DUPLICATE;
    if (longEnough && score >= thresholds.duplicateJaccard) consider(candidate.id, score);
  }

  // 2. Stories. Each pair is scored for the record; the decision compares the item with each story's
  // centroid, which knows more of a story's words than any one item and stops a chain of single links.
  // Only members sharing a name can score above 0 (the score needs "who"), and so only their stories.
  const idf = new IdfMemo(window);
  const candidateStories = new Set<number>();
  for (const id of window.sharingEntity(x)) {
    const score = round(storyScore(x, window.members.get(id)!, idf));
    if (score >= STORY_SCORE_FLOOR) scores.push(pair(x.id, id, 'story', score));
    const storyId = placements.get(id)?.storyId;
    if (storyId !== undefined) candidateStories.add(storyId);
  }
  const membersByStory = new Map<number, Features[]>();
  for (const member of window.members.values()) {
    const storyId = placements.get(member.id)?.storyId;
    if (storyId === undefined || !candidateStories.has(storyId)) continue;
    const members = membersByStory.get(storyId);
    if (members) members.push(member);
    else membersByStory.set(storyId, [member]);
  }
  const bestByStory = new Map<number, number>();
  for (const [storyId, members] of membersByStory) {
    bestByStory.set(storyId, round(storyScore(x, centroid(members), idf)));
  }

  const found = duplicate as { id: number; score: number } | null;
  if (found) {
    const root = rootOf(found.id);
    const storyId = placements.get(root)?.storyId ?? placements.get(found.id)?.storyId;
    return {
      duplicateOf: root,
      duplicateScore: found.score,
      story: storyId ?? 'new',
      storyScore: found.score,
      scores,
    };
  }
  let best: { storyId: number; score: number } | null = null;
  for (const [storyId, score] of bestByStory) {
    if (!best || score > best.score || (score === best.score && storyId < best.storyId))
      best = { storyId, score };
  }
  if (best && best.score >= thresholds.story) {
    return { duplicateOf: null, duplicateScore: 0, story: best.storyId, storyScore: best.score, scores };
  }
  return { duplicateOf: null, duplicateScore: 0, story: 'new', storyScore: best?.score ?? 0, scores };
}

/**
 * Groups one new item against the items already grouped (the storage layer calls it per item as items
 * arrive). `existing` may be a superset: only items within WINDOW_HOURS of the new item's publication
 * time, and not the item itself, are considered. Existing items are never re-grouped.
 */
export function assign(
  newItem: GroupingItem,
  existing: readonly GroupedItem[],
  options?: GroupingOptions,
): Assignment {
  const settings = settingsFor(options);
  return assignWith(newItem, existing, settings, (item) => prepare(item, settings.features));
}

function assignWith(
  newItem: GroupingItem,
  existing: readonly GroupedItem[],
  settings: Settings,
  featuresOf: (item: GroupingItem) => Features,
): Assignment {
  const x = featuresOf(newItem);
  const window = new GroupingWindow();
  const placements = new Map<number, Placement>();
  for (const item of existing) {
    if (item.id === newItem.id) continue;
    if (Math.abs(item.publishedAt.getTime() - x.time) > WINDOW_MS) continue;
    window.add(featuresOf(item));
    placements.set(item.id, { duplicateOf: item.duplicateOf, storyId: item.storyId });
  }
  return decide(x, window, placements, settings.thresholds);
}

/** `assign` with a memory: what `createWireGrouper` returns. */
export interface WireGrouper {
  /** The same decision as the `assign` function, reusing features computed in earlier calls. */
  assign: (newItem: GroupingItem, existing: readonly GroupedItem[]) => Assignment;
}

/** Items whose features a grouper keeps by default: a busy desk's 72-hour window, several times over. */
export const GROUPER_CACHE_SIZE = 20_000;

/**
 * A grouper for the storage layer, built once (in app.ts) and called per arriving item. A storage layer
 * reads the window back as fresh row objects on every call, so the plain `assign` would recompute every
 * window item's MinHash signature each time; this one keeps features by item id (checked against the
 * item's fields, so an edited item is recomputed) in a least-recently-used cache.
 */
export function createWireGrouper(options?: GroupingOptions & { cacheSize?: number }): WireGrouper {
  const settings = settingsFor(options);
  const limit = options?.cacheSize ?? GROUPER_CACHE_SIZE;
  const cache = new Map<number, { item: GroupingItem; features: Features }>();
  const isSame = (a: GroupingItem, b: GroupingItem) =>
    a.title === b.title &&
    a.summary === b.summary &&
    a.text === b.text &&
    a.url === b.url &&
    a.publishedAt.getTime() === b.publishedAt.getTime();
  const featuresOf = (item: GroupingItem): Features => {
    const cached = cache.get(item.id);
    cache.delete(item.id);
    const entry =
      cached && isSame(cached.item, item)
        ? cached
        : { item, features: computeFeatures(item, settings.features) };
    cache.set(item.id, entry);
    if (cache.size > limit) cache.delete(cache.keys().next().value!);
    return entry.features;
  };
  return { assign: (newItem, existing) => assignWith(newItem, existing, settings, featuresOf) };
}

/** One item's place after `groupAll`. */
export interface GroupedResult {
  id: number;
  duplicateOf: number | null;
  duplicateScore: number;
  storyId: number;
  storyScore: number;
}

/**
 * Groups a whole set at once, as if its items had arrived in publication order (ties by id) and each had
 * been passed to `assign` with the items before it: story ids are numbered 1, 2, … in that order.
 * Only a sliding WINDOW_HOURS window is ever compared, so the cost grows with items × window size.
 */
export function groupAll(
  items: readonly GroupingItem[],
  options?: GroupingOptions,
): { items: GroupedResult[]; scores: PairScore[] } {
  const settings = settingsFor(options);
  const seen = new Set<number>();
  for (const item of items) {
    if (seen.has(item.id)) throw new Error(`groupAll: item id ${item.id} appears twice`);
    seen.add(item.id);
  }
  const ordered = [...items].sort((p, q) => p.publishedAt.getTime() - q.publishedAt.getTime() || p.id - q.id);
  const window = new GroupingWindow();
  const placements = new Map<number, Placement>();
  const queue: Features[] = [];
  const results: GroupedResult[] = [];
  const scores: PairScore[] = [];
  let nextStory = 1;
  for (const item of ordered) {
    const x = prepare(item, settings.features);
    while (queue.length > 0 && x.time - queue[0]!.time > WINDOW_MS) window.remove(queue.shift()!.id);
    const decision = decide(x, window, placements, settings.thresholds);
    const storyId = decision.story === 'new' ? nextStory++ : decision.story;
    placements.set(x.id, { duplicateOf: decision.duplicateOf, storyId });
    results.push({
      id: x.id,
      duplicateOf: decision.duplicateOf,
      duplicateScore: decision.duplicateScore,
      storyId,
      storyScore: decision.storyScore,
    });
    scores.push(...decision.scores);
    window.add(x);
    queue.push(x);
  }
  return { items: results, scores };
}
