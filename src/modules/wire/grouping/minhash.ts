// MinHash over word shingles, with LSH banding, written here rather than taken as a dependency: it is
// short, and owning it keeps the hashes stable across releases (stored signatures stay comparable).

/** Hashes in a signature. */
export const MINHASH_HASHES = 128;
/** Rows per LSH band: 64 bands of 2 rows find a pair at Jaccard 0.3 with probability 0.998. */
export const LSH_ROWS = 2;
/** Words per shingle. */
export const SHINGLE_WORDS = 3;

/** The distinct word shingles of a word list; a text shorter than one shingle gives one shingle of all it has. */
export function shingles(wordList: readonly string[], size = SHINGLE_WORDS): Set<string> {
  const result = new Set<string>();
  if (wordList.length === 0) return result;
  if (wordList.length < size) {
    result.add(wordList.join(' '));
    return result;
  }
  for (let i = 0; i + size <= wordList.length; i++) result.add(wordList.slice(i, i + size).join(' '));
  return result;
}

/** Exact Jaccard similarity |A ∩ B| / |A ∪ B| (0 for two empty sets). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** How much of the smaller set the larger one contains, |A ∩ B| / min(|A|, |B|). */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const item of small) if (large.has(item)) shared++;
  return shared / small.size;
}

/** FNV-1a over UTF-16 code units: a fast, well-spread 32-bit base hash for a shingle. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Murmur3's finaliser: mixes every input bit into every output bit. */
function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// One seed per hash function from a fixed-seed generator (mulberry32), so signatures are the same in
// every process and every release.
const SEEDS: readonly number[] = (() => {
  let state = 0x5eed1e55;
  const seeds: number[] = [];
  for (let i = 0; i < MINHASH_HASHES; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    seeds.push((t ^ (t >>> 14)) >>> 0);
  }
  return seeds;
})();

/** The MinHash signature of a shingle set: for each seeded hash, the smallest value over the set. */
export function minhashSignature(set: ReadonlySet<string>): Uint32Array {
  const signature = new Uint32Array(MINHASH_HASHES).fill(0xffffffff);
  for (const shingle of set) {
    const base = fnv1a(shingle);
    for (let i = 0; i < MINHASH_HASHES; i++) {
      const value = mix32(base ^ SEEDS[i]!);
      if (value < signature[i]!) signature[i] = value;
    }
  }
  return signature;
}

/** The share of equal positions: an unbiased estimate of the Jaccard similarity of the two sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return a.length === 0 ? 0 : equal / a.length;
}

/** One bucket key per band: two signatures that agree on every row of any band become candidates. */
export function bandKeys(signature: Uint32Array, rows = LSH_ROWS): string[] {
  const keys: string[] = [];
  for (let start = 0; start + rows <= signature.length; start += rows) {
    keys.push(`${start / rows}:${Array.from(signature.subarray(start, start + rows)).join(',')}`);
  }
  return keys;
}

/** An LSH index: candidates for a signature without comparing it to every stored one. */
export class LshIndex {
  readonly #buckets = new Map<string, number[]>();

  /** Stores an item under each of its band keys (from `bandKeys`). */
  add(id: number, keys: readonly string[]): void {
    for (const key of keys) {
      const bucket = this.#buckets.get(key);
      if (bucket) bucket.push(id);
      else this.#buckets.set(key, [id]);
    }
  }

  /** Ids sharing at least one band key, each once. */
  candidates(keys: readonly string[]): Set<number> {
    const found = new Set<number>();
    for (const key of keys) for (const id of this.#buckets.get(key) ?? []) found.add(id);
    return found;
  }
}
