// Seeded random numbers, for property tests and the benchmarks' generated publications: the same seed
// always makes the same strings, articles and exports, so a failure or a result names what reproduces it.

/** mulberry32: small, fast and good enough for text. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
