// The quality targets as a gate: the same evaluation `npm run bench:wire-grouping` prints.
import { describe, expect, it } from 'vitest';
import { loadLabelledItems } from '../../../../test/fixtures/wire-grouping/load.ts';
import { evaluateGrouping } from './evaluate.ts';

describe('grouping quality on the labelled fixture', () => {
  const items = loadLabelledItems();
  const evaluation = evaluateGrouping(items);

  it('is a fixture of the size the issue asks for', () => {
    expect(items.length).toBeGreaterThanOrEqual(48);
    expect(new Set(items.map((item) => item.event)).size).toBeGreaterThanOrEqual(9);
    expect(new Set(items.map((item) => item.outlet)).size).toBeGreaterThanOrEqual(6);
  });

  it('finds duplicates with precision ≥ 0.95 and recall ≥ 0.9', () => {
    expect(evaluation.duplicates.goldPairs).toBeGreaterThan(0);
    expect(evaluation.duplicates.precision).toBeGreaterThanOrEqual(0.95);
    expect(evaluation.duplicates.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('finds stories with precision ≥ 0.9 and recall ≥ 0.8', () => {
    expect(evaluation.stories.goldPairs).toBeGreaterThan(0);
    expect(evaluation.stories.precision).toBeGreaterThanOrEqual(0.9);
    expect(evaluation.stories.recall).toBeGreaterThanOrEqual(0.8);
  });
});
