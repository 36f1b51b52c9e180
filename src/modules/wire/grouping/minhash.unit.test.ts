import { describe, expect, it } from 'vitest';
import {
  LshIndex,
  MINHASH_HASHES,
  bandKeys,
  estimateJaccard,
  jaccard,
  minhashSignature,
  shingles,
} from './minhash.ts';

const range = (from: number, to: number) =>
  new Set(Array.from({ length: to - from }, (_, i) => `s${from + i}`));

describe('shingles', () => {
  it('gives the distinct word 3-shingles', () => {
    expect([...shingles(['a', 'b', 'c', 'd', 'a', 'b', 'c'])]).toEqual(['a b c', 'b c d', 'c d a', 'd a b']);
  });

  it('gives one shingle of everything for a text shorter than a shingle, and none for no words', () => {
    expect([...shingles(['short', 'one'])]).toEqual(['short one']);
    expect(shingles([]).size).toBe(0);
  });
});

describe('jaccard', () => {
  it('is shared over union', () => {
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccard(new Set(['a']), new Set(['b']))).toBe(0);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
});

describe('minhashSignature', () => {
  it('has one value per hash and does not depend on insertion order', () => {
    const forwards = minhashSignature(new Set(['x y z', 'y z w', 'z w v']));
    const backwards = minhashSignature(new Set(['z w v', 'y z w', 'x y z']));
    expect(forwards).toHaveLength(MINHASH_HASHES);
    expect(Array.from(forwards)).toEqual(Array.from(backwards));
  });

  it('estimates Jaccard close to the exact value', () => {
    // 0–300 and 100–400 share 200 of 400: Jaccard 0.5. 128 hashes give a standard error of about 0.044.
    const a = range(0, 300);
    const b = range(100, 400);
    expect(jaccard(a, b)).toBe(0.5);
    expect(Math.abs(estimateJaccard(minhashSignature(a), minhashSignature(b)) - 0.5)).toBeLessThan(0.15);
    expect(estimateJaccard(minhashSignature(range(0, 200)), minhashSignature(range(500, 700)))).toBeLessThan(
      0.1,
    );
  });
});

describe('LshIndex', () => {
  it('returns a near copy as a candidate and not an unrelated text', () => {
    const index = new LshIndex();
    index.add(1, bandKeys(minhashSignature(range(0, 100))));
    index.add(2, bandKeys(minhashSignature(range(1000, 1100))));
    const candidates = index.candidates(bandKeys(minhashSignature(range(10, 110))));
    expect(candidates.has(1)).toBe(true);
    expect(candidates.has(2)).toBe(false);
  });
});
