// Topic suggestions' quality on Dateline's labelled paragraphs: precision, recall and F1, untyped
// (the right names) and typed (and the right kind), and the time one pass takes. Two sets:
// test/fixtures/topics/paragraphs.json was written beside the finder (optimistic), held-out.json
// after it and never used to tune it (the fairer number).
// `npm run bench:topics`; `-- --mistakes` lists every miss and false find.
import { readFile } from 'node:fs/promises';
import { evaluate, seedTrie, type LabelledParagraph } from '../src/modules/topics/evaluate.ts';

const load = async (name: string) =>
  (
    JSON.parse(await readFile(new URL(`../test/fixtures/topics/${name}`, import.meta.url), 'utf8')) as {
      paragraphs: LabelledParagraph[];
    }
  ).paragraphs;

const seedStarted = performance.now();
const trie = seedTrie();
console.log(
  `registry: ${trie.size} seed aliases (countries, capitals, cities of a million), built in ${(performance.now() - seedStarted).toFixed(0)} ms`,
);
const pct = (n: number) => n.toFixed(3);
for (const name of ['paragraphs.json', 'held-out.json']) {
  const paragraphs = await load(name);
  const started = performance.now();
  const result = evaluate(paragraphs, trie);
  const runMs = performance.now() - started;
  console.log(`\n${name}: ${paragraphs.length} paragraphs, ${result.untyped.gold} gold entities`);
  for (const [label, s] of [
    ['untyped', result.untyped],
    ['typed', result.typed],
  ] as const)
    console.log(
      `  ${label.padEnd(8)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  (${s.truePositives} right of ${s.predicted} found, ${s.gold} gold)`,
    );
  console.log(
    `  one pass: ${runMs.toFixed(1)} ms (${(runMs / paragraphs.length).toFixed(2)} ms a paragraph)`,
  );
  if (process.argv.includes('--mistakes'))
    for (const m of result.mistakes) {
      console.log(`\n  ${m.text}`);
      if (m.missed.length) console.log(`    missed: ${m.missed.join('; ')}`);
      if (m.wrong.length) console.log(`    wrong:  ${m.wrong.join('; ')}`);
      if (m.wrongKind.length) console.log(`    kind:   ${m.wrongKind.join('; ')}`);
    }
}
