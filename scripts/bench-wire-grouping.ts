// `npm run bench:wire-grouping`: how well the wire desk groups items, on the labelled fixture
// (test/fixtures/wire-grouping/items.json), and how long grouping takes on a larger set.
//
// It prints pairwise precision and recall (over every pair of items) for duplicates (same text) and
// stories (same event), with PASS/MISS against the issue's targets, then how both move as each threshold
// moves (so a reader can see how much margin the defaults have), then the time groupAll takes on the
// fixture copied --scale times, each copy 90 minutes after the last (so a 72-hour window holds about 48
// copies: the dense case). Timing is reported, never asserted. Exits 1 when a quality target is missed.
//
//   npm run bench:wire-grouping
//   npm run bench:wire-grouping -- --scale 80      a denser timing run (4,000 items)
//   npm run bench:wire-grouping -- --json          the same numbers as JSON
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  DUPLICATE_JACCARD,
  STORY_THRESHOLD,
  evaluateGrouping,
  groupAll,
  type GroupingItem,
} from '../src/modules/wire/grouping/index.ts';
import { loadLabelledItems } from '../test/fixtures/wire-grouping/load.ts';

/** The issue's targets (#18, deliverable 4). */
export const TARGETS = {
  duplicates: { precision: 0.95, recall: 0.9 },
  stories: { precision: 0.9, recall: 0.8 },
} as const;

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '40' },
    json: { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
if (!Number.isInteger(scale) || scale < 0) throw new Error('--scale takes a whole number of copies');

const items = loadLabelledItems();
const evaluation = evaluateGrouping(items);
const outlets = new Set(items.map((item) => item.outlet)).size;
const events = new Set(items.map((item) => item.event)).size;

const sweep = (kind: 'duplicates' | 'stories', steps: number[]) =>
  steps.map((value) => {
    const thresholds = kind === 'duplicates' ? { duplicateJaccard: value } : { story: value };
    const result = evaluateGrouping(items, { thresholds })[kind];
    return { threshold: value, precision: result.precision, recall: result.recall };
  });
const duplicateSweep = sweep('duplicates', [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
const storySweep = sweep('stories', [0.2, 0.24, 0.28, 0.3, 0.32, 0.34, 0.36, 0.38, 0.4, 0.44, 0.5]);

// The dense timing set: copies of the fixture, shifted 90 minutes apart, with fresh ids and URLs.
const copies: GroupingItem[] = [];
for (let copy = 0; copy < scale; copy++) {
  for (const item of items) {
    copies.push({
      ...item,
      id: copy * 1000 + item.id,
      url: `${item.url}?copy=${copy}`,
      publishedAt: new Date(item.publishedAt.getTime() + copy * 90 * 60 * 1000),
    });
  }
}
let timing: { items: number; milliseconds: number; itemsPerSecond: number } | null = null;
if (copies.length > 0) {
  groupAll(items); // warm up the JIT on the small set first
  const started = performance.now();
  groupAll(copies);
  const milliseconds = performance.now() - started;
  timing = { items: copies.length, milliseconds, itemsPerSecond: (copies.length / milliseconds) * 1000 };
}

const passes = {
  duplicates:
    evaluation.duplicates.precision >= TARGETS.duplicates.precision &&
    evaluation.duplicates.recall >= TARGETS.duplicates.recall,
  stories:
    evaluation.stories.precision >= TARGETS.stories.precision &&
    evaluation.stories.recall >= TARGETS.stories.recall,
};

if (values.json) {
  console.log(
    JSON.stringify(
      {
        fixture: { items: items.length, events, outlets },
        evaluation,
        passes,
        duplicateSweep,
        storySweep,
        timing,
      },
      null,
      2,
    ),
  );
} else {
  const f = (value: number) => value.toFixed(3);
  console.log(
    `Wire grouping on the labelled fixture: ${items.length} items, ${events} events, ${outlets} outlets\n`,
  );
  console.log('kind        precision  recall  pairs (true / predicted / gold)  target P / R   result');
  for (const kind of ['duplicates', 'stories'] as const) {
    const result = evaluation[kind];
    console.log(
      `${kind.padEnd(10)}  ${f(result.precision).padStart(9)}  ${f(result.recall).padStart(6)}  ` +
        `${`${result.truePairs} / ${result.predictedPairs} / ${result.goldPairs}`.padEnd(31)}  ` +
        `${`${TARGETS[kind].precision} / ${TARGETS[kind].recall}`.padEnd(12)}  ${passes[kind] ? 'PASS' : 'MISS'}`,
    );
  }
  console.log(`\nDuplicate threshold (shingle Jaccard; default ${DUPLICATE_JACCARD}):`);
  for (const row of duplicateSweep) {
    console.log(`  ${row.threshold.toFixed(2)}  P ${f(row.precision)}  R ${f(row.recall)}`);
  }
  console.log(`\nStory threshold (default ${STORY_THRESHOLD}):`);
  for (const row of storySweep) {
    console.log(`  ${row.threshold.toFixed(2)}  P ${f(row.precision)}  R ${f(row.recall)}`);
  }
  if (timing) {
    console.log(
      `\nTiming: groupAll over ${timing.items} items (${scale} copies, 90 min apart): ` +
        `${timing.milliseconds.toFixed(0)} ms, ${timing.itemsPerSecond.toFixed(0)} items/s`,
    );
  }
}
process.exitCode = passes.duplicates && passes.stories ? 0 : 1;
