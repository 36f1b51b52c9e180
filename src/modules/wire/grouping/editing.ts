// Editors' corrections, as pure functions: each takes the items as stored and returns only the rows
// that change, which the storage layer writes in one transaction. `assign` never re-groups an existing
// item, so a correction stays put when later items arrive; a later item joins whichever story its best
// match sits in after the correction.

/** An item's stored place. */
export interface Placed {
  id: number;
  duplicateOf: number | null;
  storyId: number;
}

/** A row to write: the item's new place. */
export type PlacementChange = Placed;

function changed(before: Placed, after: Placed): boolean {
  return before.duplicateOf !== after.duplicateOf || before.storyId !== after.storyId;
}

/**
 * Merge: every item of the `from` stories moves to story `into`. Duplicate links are untouched (a copy
 * stays a copy of its root, which moves with it). The `from` stories are left empty for the caller to delete.
 */
export function mergeStories(
  items: readonly Placed[],
  { into, from }: { into: number; from: readonly number[] },
): PlacementChange[] {
  const sources = new Set(from.filter((id) => id !== into));
  return items.filter((item) => sources.has(item.storyId)).map((item) => ({ ...item, storyId: into }));
}

/**
 * Split: the item leaves its story for `newStoryId` (which the caller has created), with its own copies
 * (items whose duplicateOf is this item). If the item was itself a copy, it stops being one: a copy of an
 * item in another story would contradict the split.
 */
export function splitItem(
  items: readonly Placed[],
  { itemId, newStoryId }: { itemId: number; newStoryId: number },
): PlacementChange[] {
  const result: PlacementChange[] = [];
  for (const item of items) {
    if (item.id === itemId) {
      const after = { id: item.id, duplicateOf: null, storyId: newStoryId };
      if (changed(item, after)) result.push(after);
    } else if (item.duplicateOf === itemId && item.storyId !== newStoryId) {
      result.push({ ...item, storyId: newStoryId });
    }
  }
  return result;
}

/**
 * Not a copy after all: the item keeps its story but stops being a duplicate. Its root's other copies are
 * untouched. (To say it is another event as well, follow with `splitItem`.)
 */
export function detachDuplicate(items: readonly Placed[], { itemId }: { itemId: number }): PlacementChange[] {
  const item = items.find((candidate) => candidate.id === itemId);
  return item && item.duplicateOf !== null ? [{ ...item, duplicateOf: null }] : [];
}
