// Each story once: duplicates (same text) and stories (same event), decided without a database.
// README.md explains the method and the thresholds.
export type {
  Assignment,
  EntityExtractor,
  GroupedItem,
  GroupingItem,
  GroupingOptions,
  PairScore,
  ScoreKind,
  Thresholds,
} from './types.ts';
export {
  GROUPER_CACHE_SIZE,
  assign,
  createWireGrouper,
  groupAll,
  type GroupedResult,
  type WireGrouper,
} from './group.ts';
export { detachDuplicate, mergeStories, splitItem, type Placed, type PlacementChange } from './editing.ts';
export { extractCapitalisedRuns } from './entities.ts';
export { contentHash, normaliseText, normaliseUrl } from './normalise.ts';
export {
  evaluateGrouping,
  pairwise,
  type GroupingEvaluation,
  type Labelled,
  type PairwiseResult,
} from './evaluate.ts';
export * from './thresholds.ts';
