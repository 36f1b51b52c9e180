// Precision and recall of the topic finder on a labelled set of paragraphs: the benchmark
// (`npm run bench:topics`) prints them, and a unit test keeps them above a floor.
import { findTopics, type FoundTopic } from './extract.ts';
import { seedTopics } from './gazetteer.ts';
import { nameTokens, normaliseName } from './normalise.ts';
import { TokenTrie, type TopicKind } from './trie.ts';

/** One labelled paragraph: its text and the topics an editor would tag. */
export interface LabelledParagraph {
  text: string;
  gold: [string, TopicKind][];
}

/** Precision, recall and F1, with the counts behind them. */
export interface Score {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  predicted: number;
  gold: number;
}

/** A paragraph's misses and false finds, to read when the numbers move. */
export interface Mistake {
  text: string;
  missed: string[];
  wrong: string[];
  wrongKind: string[];
}

/** A trie of the seed topics alone: what a new publication's registry holds. */
export function seedTrie(): TokenTrie {
  const trie = new TokenTrie();
  seedTopics().forEach((topic, index) => {
    const entry = { topicId: index + 1, name: topic.name, kind: topic.kind, tagSlug: null };
    for (const alias of [topic.name, ...topic.aliases]) trie.add(nameTokens(alias), entry);
  });
  return trie;
}

function score(truePositives: number, predicted: number, gold: number): Score {
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const recall = gold === 0 ? 0 : truePositives / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives, predicted, gold };
}

const spellings = (found: FoundTopic) => new Set([found.name, ...found.surfaces].map(normaliseName));

/**
 * Scores the finder on a labelled set, micro-averaged over every entity. A finding matches a gold
 * entity when its name or any spelling it was found by is the gold name (normalised); "typed" also
 * asks for the same kind. Each gold entity is matched at most once.
 */
export function evaluate(
  paragraphs: readonly LabelledParagraph[],
  trie: TokenTrie = seedTrie(),
): { untyped: Score; typed: Score; mistakes: Mistake[] } {
  let untypedHits = 0;
  let typedHits = 0;
  let predicted = 0;
  let gold = 0;
  const mistakes: Mistake[] = [];
  for (const paragraph of paragraphs) {
    const found = findTopics(paragraph.text, trie);
    predicted += found.length;
    gold += paragraph.gold.length;
    const unmatched = [...found];
    const mistake: Mistake = { text: paragraph.text, missed: [], wrong: [], wrongKind: [] };
    for (const [name, kind] of paragraph.gold) {
      const key = normaliseName(name);
      const index = unmatched.findIndex((f) => spellings(f).has(key));
      if (index === -1) {
        mistake.missed.push(`${name} (${kind})`);
        continue;
      }
      const [hit] = unmatched.splice(index, 1);
      untypedHits += 1;
      if (hit?.kind === kind) typedHits += 1;
      else mistake.wrongKind.push(`${name}: ${hit?.kind ?? '?'}, not ${kind}`);
    }
    mistake.wrong = unmatched.map((f) => `${f.name} (${f.kind})`);
    if (mistake.missed.length + mistake.wrong.length + mistake.wrongKind.length > 0) mistakes.push(mistake);
  }
  return { untyped: score(untypedHits, predicted, gold), typed: score(typedHits, predicted, gold), mistakes };
}
