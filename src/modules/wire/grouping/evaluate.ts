import { groupAll } from './group.ts';
import type { GroupingItem, GroupingOptions } from './types.ts';

/** Pairwise precision and recall of one clustering against labels. */
export interface PairwiseResult {
  precision: number;
  recall: number;
  truePairs: number;
  predictedPairs: number;
  goldPairs: number;
}

/**
 * Compares two clusterings pair by pair: a pair of items is predicted together when both have the same
 * `predicted` key, and truly together when both have the same non-null `gold` key (null is a cluster of
 * one). Precision over predicted pairs, recall over gold pairs; 1 when there are none to count.
 */
export function pairwise(
  ids: readonly number[],
  predicted: ReadonlyMap<number, number | string>,
  gold: ReadonlyMap<number, number | string | null>,
): PairwiseResult {
  let truePairs = 0;
  let predictedPairs = 0;
  let goldPairs = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const p = predicted.get(ids[i]!);
      const isPredicted = p !== undefined && p === predicted.get(ids[j]!);
      const g = gold.get(ids[i]!);
      const isGold = g !== null && g !== undefined && g === gold.get(ids[j]!);
      if (isPredicted) predictedPairs++;
      if (isGold) goldPairs++;
      if (isPredicted && isGold) truePairs++;
    }
  }
  return {
    precision: predictedPairs === 0 ? 1 : truePairs / predictedPairs,
    recall: goldPairs === 0 ? 1 : truePairs / goldPairs,
    truePairs,
    predictedPairs,
    goldPairs,
  };
}

/** An item with its gold labels, for `evaluateGrouping`. */
export interface Labelled extends GroupingItem {
  dupGroup: string | null;
  event: string;
}

/** Duplicates and stories scored pairwise against the labels. */
export interface GroupingEvaluation {
  duplicates: PairwiseResult;
  stories: PairwiseResult;
}

/**
 * Runs `groupAll` over labelled items and scores it: predicted duplicate clusters are items sharing a
 * root (an item's duplicateOf, or itself), predicted stories items sharing a story id.
 */
export function evaluateGrouping(items: readonly Labelled[], options?: GroupingOptions): GroupingEvaluation {
  const { items: grouped } = groupAll(items, options);
  const ids = items.map((item) => item.id);
  const root = new Map(grouped.map((item) => [item.id, item.duplicateOf ?? item.id]));
  const story = new Map(grouped.map((item) => [item.id, item.storyId]));
  return {
    duplicates: pairwise(ids, root, new Map(items.map((item) => [item.id, item.dupGroup]))),
    stories: pairwise(ids, story, new Map(items.map((item) => [item.id, item.event]))),
  };
}
