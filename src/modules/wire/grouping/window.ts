import type { Features } from './features.ts';
import { LshIndex } from './minhash.ts';

/**
 * The items one decision may look at, with what the story score needs kept up to date as items enter
 * and leave: document frequencies of terms and entities, exact-match keys, and an LSH index of signatures.
 */
export class GroupingWindow {
  readonly members = new Map<number, Features>();
  readonly #termDf = new Map<string, number>();
  readonly #entityDf = new Map<string, number>();
  readonly #byUrl = new Map<string, Set<number>>();
  readonly #byHash = new Map<string, Set<number>>();
  readonly #byEntity = new Map<string, Set<number>>();
  // The LSH index keeps ids of items that have left; candidates are filtered through `members`.
  #lsh = new LshIndex();
  #stale = 0;

  get size(): number {
    return this.members.size;
  }

  add(features: Features): void {
    if (this.members.has(features.id)) return;
    this.members.set(features.id, features);
    for (const term of features.terms.keys()) bump(this.#termDf, term, 1);
    for (const entity of features.entities) {
      bump(this.#entityDf, entity, 1);
      addTo(this.#byEntity, entity, features.id);
    }
    addTo(this.#byUrl, features.urlKey, features.id);
    if (features.hashKey) addTo(this.#byHash, features.hashKey, features.id);
    this.#lsh.add(features.id, features.bands);
  }

  remove(id: number): void {
    const features = this.members.get(id);
    if (!features) return;
    this.members.delete(id);
    for (const term of features.terms.keys()) bump(this.#termDf, term, -1);
    for (const entity of features.entities) {
      bump(this.#entityDf, entity, -1);
      this.#byEntity.get(entity)?.delete(id);
    }
    this.#byUrl.get(features.urlKey)?.delete(id);
    if (features.hashKey) this.#byHash.get(features.hashKey)?.delete(id);
    // Rebuild the LSH index once most of it points at departed items, so a long batch stays bounded.
    if (++this.#stale > this.members.size) {
      this.#lsh = new LshIndex();
      for (const member of this.members.values()) this.#lsh.add(member.id, member.bands);
      this.#stale = 0;
    }
  }

  /** Members with the same normalised URL or the same body hash. */
  exactMatches(features: Features): Set<number> {
    const found = new Set<number>(this.#byUrl.get(features.urlKey) ?? []);
    if (features.hashKey) for (const id of this.#byHash.get(features.hashKey) ?? []) found.add(id);
    found.delete(features.id);
    return found;
  }

  /** Members sharing an LSH band with the item. */
  nearCandidates(features: Features): Features[] {
    const found: Features[] = [];
    for (const id of this.#lsh.candidates(features.bands)) {
      const member = this.members.get(id);
      if (member && id !== features.id) found.push(member);
    }
    return found;
  }

  /** Members naming at least one of the item's entities: the only ones whose story score can be above 0. */
  sharingEntity(features: Features): Set<number> {
    const found = new Set<number>();
    for (const entity of features.entities) for (const id of this.#byEntity.get(entity) ?? []) found.add(id);
    found.delete(features.id);
    return found;
  }

  /** Inverse document frequency of a term over the window plus `extra` documents (the item being decided). */
  termIdf(term: string, extra: number): number {
    return idf(this.members.size + extra, (this.#termDf.get(term) ?? 0) + extra);
  }

  entityIdf(entity: string, extra: number): number {
    return idf(this.members.size + extra, (this.#entityDf.get(entity) ?? 0) + extra);
  }
}

// Smoothed so that a term in every document still counts a little and a term in one counts most.
function idf(documents: number, frequency: number): number {
  return Math.log(1 + documents / Math.max(frequency, 1));
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}

function addTo(map: Map<string, Set<number>>, key: string, id: number): void {
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
}
