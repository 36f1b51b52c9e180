/** One wire item as grouping sees it: no database ids beyond its own and its source's. */
export interface GroupingItem {
  id: number;
  sourceId: number;
  title: string;
  summary: string;
  text: string;
  url: string;
  publishedAt: Date;
}

/** An item that has already been grouped: what the storage layer holds for items in the window. */
export interface GroupedItem extends GroupingItem {
  /** The item this one copies (always a root: an item that is itself no duplicate), or null. */
  duplicateOf: number | null;
  /** The story (wire_stories id) the item belongs to. */
  storyId: number;
}

/** How two items were compared: `duplicate` is shingle Jaccard (1 for an exact match), `story` the event score. */
export type ScoreKind = 'duplicate' | 'story';

/** One stored score, `a` < `b` always, so a pair has one row per kind. */
export interface PairScore {
  a: number;
  b: number;
  kind: ScoreKind;
  score: number;
}

/** What `assign` decides for a new item; existing items are never changed by it. */
export interface Assignment {
  /** The root item the new item copies, or null. */
  duplicateOf: number | null;
  /** The score behind `duplicateOf` (0 when none). */
  duplicateScore: number;
  /** An existing story id, or 'new' when the item starts a story of its own. */
  story: number | 'new';
  /**
   * The score behind `story`: for a copy its duplicate score; otherwise the new item against the best
   * story's centroid (0 when no story shares a name with it).
   */
  storyScore: number;
  /**
   * Pair scores worth storing: every duplicate candidate (exact matches at 1, LSH candidates with their
   * exact Jaccard, above or below the threshold), and item-to-item story scores at or above
   * STORY_SCORE_FLOOR against window items that share a name with the new item.
   */
  scores: PairScore[];
}

/** Finds names in a text; returns them as written (they are normalised afterwards). */
export type EntityExtractor = (text: string) => string[];

/** Options shared by `assign` and `groupAll`. */
export interface GroupingOptions {
  /** Replaces the built-in capitalised-run extractor (the topics module may supply a better one). */
  extractEntities?: EntityExtractor;
  /** Alias → canonical name, e.g. `{ Pyongyang: 'North Korea' }`; both sides are normalised. */
  aliases?: Readonly<Record<string, string>>;
  /** Overrides the exported thresholds (for threshold studies; production uses the defaults). */
  thresholds?: Partial<Thresholds>;
}

/** The two decision thresholds a caller may override. */
export interface Thresholds {
  /** Defaults to DUPLICATE_JACCARD. */
  duplicateJaccard: number;
  /** Defaults to STORY_THRESHOLD. */
  story: number;
}
