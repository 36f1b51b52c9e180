// Every number the grouping decides by, named and exported so that tests, the benchmark and the storage
// layer (which stores each score) all read the same values. README.md says where each one comes from.

/** Items further apart than this in publication time are never compared. */
export const WINDOW_HOURS = 72;
/** The same, in milliseconds. */
export const WINDOW_MS = WINDOW_HOURS * 60 * 60 * 1000;

/** Word-3-shingle Jaccard at or above which two texts are one copy (newsroom research §2.5: 0.5). */
export const DUPLICATE_JACCARD = 0.5;
/** Below this many shingles a text is too short for a near-duplicate verdict; only exact matches count. */
export const MIN_SHINGLES_FOR_NEAR_DUPLICATE = 8;
/** Below this many words the content hash is not trusted (two one-line items may match by chance). */
export const MIN_WORDS_FOR_CONTENT_HASH = 12;

/** Story score (geometric mean of "what" and "who" cosines, against a story's centroid) to join a story. */
export const STORY_THRESHOLD = 0.38;
/** Story scores below this are not worth storing. */
export const STORY_SCORE_FLOOR = 0.1;
/** Times the title counts in the story vector: headlines name the event most directly. */
export const TITLE_WEIGHT = 2;
/** Sentences of the body taken as the lead, after the summary. */
export const LEAD_SENTENCES = 2;
