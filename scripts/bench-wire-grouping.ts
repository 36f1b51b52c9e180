// `npm run bench:wire-grouping`: how well the wire desk groups items, on the labelled fixtures in
// test/fixtures/wire-grouping/, and how long grouping takes on a larger set.
//
// Three labelled sets: items.json (the issue's fixture; the method and thresholds were developed on it,
// so its numbers are calibration numbers), holdout.json (written after the first threshold was fixed; its
// first run changed the method, so it is no longer unseen) and holdout-b.json (written once the method was
// final and run once: the closest thing to an unbiased estimate). It prints pairwise precision and recall
// (over every pair of items) for duplicates (same text) and stories (same event) on each, with PASS/MISS
// against the issue's targets, then how both move as each threshold moves (so a reader can see how much
// margin the defaults have), then the time groupAll takes on the
// fixture copied --scale times, each copy 90 minutes after the last (so a 72-hour window holds about 48
// copies: the dense case). Timing is reported, never asserted. Exits 1 when a quality target is missed
// on items.json, the set the issue asks for.
//
//   npm run bench:wire-grouping
//   npm run bench:wire-grouping -- --scale 80      a denser timing run (4,000 items)
//   npm run bench:wire-grouping -- --json          the same numbers as JSON
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  DUPLICATE_JACCARD,
  STORY_THRESHOLD,
  WINDOW_MS,
  createWireGrouper,
  evaluateGrouping,
  groupAll,
  type GroupedItem,
  type GroupingEvaluation,
  type GroupingItem,
} from '../src/modules/wire/grouping/index.ts';
import { loadLabelledItems, type LabelledItem } from '../test/fixtures/wire-grouping/load.ts';

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

const fixture = (name: string) => new URL(`../test/fixtures/wire-grouping/${name}`, import.meta.url);
const sets: { name: string; items: LabelledItem[] }[] = [
  { name: 'items.json', items: loadLabelledItems(fixture('items.json')) },
  { name: 'holdout.json', items: loadLabelledItems(fixture('holdout.json')) },
  { name: 'holdout-b.json', items: loadLabelledItems(fixture('holdout-b.json')) },
];
const items = sets[0]!.items;
const evaluations = sets.map((set) => ({
  name: set.name,
  items: set.items.length,
  events: new Set(set.items.map((item) => item.event)).size,
  outlets: new Set(set.items.map((item) => item.outlet)).size,
  evaluation: evaluateGrouping(set.items),
}));
const evaluation = evaluations[0]!.evaluation;

const sweep = (kind: 'duplicates' | 'stories', steps: number[]) =>
  steps.map((value) => {
    const thresholds = kind === 'duplicates' ? { duplicateJaccard: value } : { story: value };
    return {
      threshold: value,
      results: sets.map((set) => {
        const result = evaluateGrouping(set.items, { thresholds })[kind];
        return { precision: result.precision, recall: result.recall };
      }),
    };
  });
const duplicateSweep = sweep('duplicates', [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
const storySweep = sweep('stories', [0.2, 0.25, 0.3, 0.32, 0.34, 0.36, 0.38, 0.4, 0.42, 0.45, 0.5]);

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
interface Timing {
  items: number;
  milliseconds: number;
  itemsPerSecond: number;
  /** The mean number of items in the window each decision looked at. */
  meanWindow: number;
}
const timed = (run: () => number): Timing => {
  const started = performance.now();
  const windowTotal = run();
  const milliseconds = performance.now() - started;
  return {
    items: copies.length,
    milliseconds,
    itemsPerSecond: (copies.length / milliseconds) * 1000,
    meanWindow: windowTotal / copies.length,
  };
};
let timing: { batch: Timing; perItem: Timing } | null = null;
if (copies.length > 0) {
  groupAll(items); // warm up the JIT on the small set first
  const batch = timed(() => {
    groupAll(copies);
    return Number.NaN;
  });
  // As the storage layer would: one call per item in arrival order, the window read back as fresh row
  // objects every time, through one grouper that keeps features between calls.
  const perItem = timed(() => {
    const grouper = createWireGrouper();
    const ordered = [...copies].sort(
      (p, q) => p.publishedAt.getTime() - q.publishedAt.getTime() || p.id - q.id,
    );
    const stored: GroupedItem[] = [];
    let nextStory = 1;
    let windowTotal = 0;
    for (const item of ordered) {
      const since = item.publishedAt.getTime() - WINDOW_MS;
      const window = stored.filter((row) => row.publishedAt.getTime() >= since).map((row) => ({ ...row }));
      windowTotal += window.length;
      const decision = grouper.assign({ ...item }, window);
      const storyId = decision.story === 'new' ? nextStory++ : decision.story;
      stored.push({ ...item, duplicateOf: decision.duplicateOf, storyId });
    }
    return windowTotal;
  });
  timing = { batch, perItem: { ...perItem } };
  timing.batch.meanWindow = perItem.meanWindow;
}

const meets = (result: GroupingEvaluation, kind: 'duplicates' | 'stories') =>
  result[kind].precision >= TARGETS[kind].precision && result[kind].recall >= TARGETS[kind].recall;
const passes = { duplicates: meets(evaluation, 'duplicates'), stories: meets(evaluation, 'stories') };

if (values.json) {
  console.log(
    JSON.stringify(
      {
        evaluations,
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
    'Wire grouping, pairwise over item pairs; targets: duplicates P 0.95 R 0.9, stories P 0.9 R 0.8\n',
  );
  console.log(
    'set             items events outlets  kind        precision  recall  true / predicted / gold  result',
  );
  for (const entry of evaluations) {
    for (const kind of ['duplicates', 'stories'] as const) {
      const result = entry.evaluation[kind];
      const head =
        kind === 'duplicates'
          ? `${entry.name.padEnd(15)} ${String(entry.items).padStart(5)} ${String(entry.events).padStart(6)} ${String(entry.outlets).padStart(7)}`
          : ' '.repeat(35);
      console.log(
        `${head}  ${kind.padEnd(10)}  ${f(result.precision).padStart(9)}  ${f(result.recall).padStart(6)}  ` +
          `${`${result.truePairs} / ${result.predictedPairs} / ${result.goldPairs}`.padEnd(23)}  ` +
          `${meets(entry.evaluation, kind) ? 'PASS' : 'MISS'}`,
      );
    }
  }
  const header = sets.map((set) => set.name.padEnd(18)).join('');
  console.log(
    `\nDuplicate threshold (shingle Jaccard; default ${DUPLICATE_JACCARD}), P / R on\n        ${header}`,
  );
  for (const row of duplicateSweep) {
    const cells = row.results.map((r) => `${f(r.precision)} / ${f(r.recall)}`.padEnd(18)).join('');
    console.log(`  ${row.threshold.toFixed(2)}  ${cells}`);
  }
  console.log(`\nStory threshold (default ${STORY_THRESHOLD}), P / R on\n        ${header}`);
  for (const row of storySweep) {
    const cells = row.results.map((r) => `${f(r.precision)} / ${f(r.recall)}`.padEnd(18)).join('');
    console.log(`  ${row.threshold.toFixed(2)}  ${cells}`);
  }
  if (timing) {
    console.log(
      `\nTiming on ${timing.batch.items} items (${scale} copies of items.json, 90 min apart; ` +
        `${timing.perItem.meanWindow.toFixed(0)} items in the window on average):`,
    );
    const line = (label: string, t: Timing) =>
      console.log(
        `  ${label.padEnd(46)} ${t.milliseconds.toFixed(0).padStart(6)} ms  ${t.itemsPerSecond.toFixed(0).padStart(5)} items/s`,
      );
    line('groupAll (batch)', timing.batch);
    line('createWireGrouper().assign per item (storage)', timing.perItem);
  }
}
process.exitCode = passes.duplicates && passes.stories ? 0 : 1;
