import { entityKeys, isTitleCase } from './entities.ts';
import { LEAD_SENTENCES, MIN_WORDS_FOR_CONTENT_HASH, TITLE_WEIGHT } from './thresholds.ts';
import { bandKeys, minhashSignature, shingles } from './minhash.ts';
import { contentHash, contentTerms, normaliseUrl, words } from './normalise.ts';
import type { EntityExtractor, GroupingItem } from './types.ts';

/** What grouping needs of an item, computed once. */
export interface Features {
  id: number;
  time: number;
  urlKey: string;
  /** Hash of the normalised body, or null when the body is too short to trust. */
  hashKey: string | null;
  shingles: Set<string>;
  signature: Uint32Array;
  /** The signature's LSH band keys. */
  bands: string[];
  /** Term counts of title (weighted) and lead. */
  terms: Map<string, number>;
  entities: Set<string>;
}

/** Settings that change the features; `prepare` caches per settings object. */
export interface FeatureSettings {
  extract: EntityExtractor;
  aliases: ReadonlyMap<string, string>;
}

/** The text compared for copies: the body, or the summary when a feed gives no body. */
export function bodyOf(item: GroupingItem): string {
  return item.text.trim() === '' ? item.summary : item.text;
}

function leadOf(text: string): string {
  return text
    .split(/(?<=[.!?])\s+/u)
    .slice(0, LEAD_SENTENCES)
    .join(' ');
}

function count(terms: Map<string, number>, list: readonly string[], weight: number): void {
  for (const term of list) terms.set(term, (terms.get(term) ?? 0) + weight);
}

// The headline joins the entity text only in sentence case: in Title Case every word looks like a name.
function entityText(item: GroupingItem): string {
  const parts = isTitleCase(item.title) ? [item.summary, item.text] : [item.title, item.summary, item.text];
  return parts.filter((part) => part.trim() !== '').join('. ');
}

/** Computes an item's features. */
export function computeFeatures(item: GroupingItem, settings: FeatureSettings): Features {
  const time = item.publishedAt.getTime();
  if (Number.isNaN(time)) throw new Error(`wire item ${item.id} has an invalid publishedAt`);
  const body = bodyOf(item);
  const bodyWords = words(body);
  const set = shingles(bodyWords);
  const signature = minhashSignature(set);
  const entities = entityKeys(entityText(item), settings.extract, settings.aliases);
  const terms = new Map<string, number>();
  count(terms, contentTerms(item.title), TITLE_WEIGHT);
  count(terms, contentTerms(item.summary), 1);
  if (item.text.trim() !== '') count(terms, contentTerms(leadOf(item.text)), 1);
  return {
    id: item.id,
    time,
    urlKey: normaliseUrl(item.url),
    hashKey: bodyWords.length >= MIN_WORDS_FOR_CONTENT_HASH ? contentHash(body) : null,
    shingles: set,
    signature,
    // An empty body would share every band with every other empty body.
    bands: set.size === 0 ? [] : bandKeys(signature),
    terms,
    entities,
  };
}

// Signatures cost 128 hashes per shingle: an item passed to `assign` again (as part of a later window)
// reuses its features while the object lives. Items are taken as immutable: a changed item is a new object.
const cache = new WeakMap<FeatureSettings, WeakMap<GroupingItem, Features>>();

/** Features of an item, from the cache when this same object was prepared with these settings. */
export function prepare(item: GroupingItem, settings: FeatureSettings): Features {
  let perSettings = cache.get(settings);
  if (!perSettings) {
    perSettings = new WeakMap();
    cache.set(settings, perSettings);
  }
  const cached = perSettings.get(item);
  if (cached) return cached;
  const features = computeFeatures(item, settings);
  perSettings.set(item, features);
  return features;
}
