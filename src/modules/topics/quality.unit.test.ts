// Runs the labelled sets through the finder and keeps precision and recall above floors set below
// what was measured (see `npm run bench:topics`), so that a change that makes suggestions worse fails.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, seedTrie, type LabelledParagraph } from './evaluate.ts';

const load = (name: string) =>
  (
    JSON.parse(readFileSync(new URL(`../../../test/fixtures/topics/${name}`, import.meta.url), 'utf8')) as {
      paragraphs: LabelledParagraph[];
    }
  ).paragraphs;

describe('topic suggestions on the labelled paragraphs', () => {
  const trie = seedTrie();
  const paragraphs = load('paragraphs.json');
  const heldOut = load('held-out.json');

  it('has the set the issue asks for: at least 50 paragraphs, with the hard names in it', () => {
    expect(paragraphs.length).toBeGreaterThanOrEqual(50);
    const names = paragraphs.flatMap((p) => p.gold.map(([name]) => name));
    for (const name of [
      'Kim Jong Un',
      'Cho Tae-yul',
      'Ursula von der Leyen',
      'Nguyen Thi Lan',
      'Bank of Korea',
    ])
      expect(names).toContain(name);
    expect(paragraphs.some((p) => /^[A-Z ]+ \(Northgate Wire\) —/.test(p.text))).toBe(true);
  });

  it('finds the names on the set it was written beside (untyped P ≥ 0.9, R ≥ 0.9; typed F1 ≥ 0.85)', () => {
    const { untyped, typed } = evaluate(paragraphs, trie);
    expect(untyped.precision).toBeGreaterThanOrEqual(0.9);
    expect(untyped.recall).toBeGreaterThanOrEqual(0.9);
    expect(typed.f1).toBeGreaterThanOrEqual(0.85);
  });

  it('finds the names on the held-out set (untyped P ≥ 0.85, R ≥ 0.85; typed F1 ≥ 0.7)', () => {
    const { untyped, typed } = evaluate(heldOut, trie);
    expect(untyped.precision).toBeGreaterThanOrEqual(0.85);
    expect(untyped.recall).toBeGreaterThanOrEqual(0.85);
    expect(typed.f1).toBeGreaterThanOrEqual(0.7);
  });
});
