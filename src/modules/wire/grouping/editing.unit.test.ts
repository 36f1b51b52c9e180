import { describe, expect, it } from 'vitest';
import { detachDuplicate, mergeStories, splitItem, type Placed } from './editing.ts';

// Story 1: item 1 with its copies 2 and 3, and item 4 in its own words. Story 2: item 5. Story 3: item 6.
const items: Placed[] = [
  { id: 1, duplicateOf: null, storyId: 1 },
  { id: 2, duplicateOf: 1, storyId: 1 },
  { id: 3, duplicateOf: 1, storyId: 1 },
  { id: 4, duplicateOf: null, storyId: 1 },
  { id: 5, duplicateOf: null, storyId: 2 },
  { id: 6, duplicateOf: null, storyId: 3 },
];

describe('mergeStories', () => {
  it('moves every item of the other stories, copies and all, and nothing else', () => {
    expect(mergeStories(items, { into: 2, from: [1, 3, 2] })).toEqual([
      { id: 1, duplicateOf: null, storyId: 2 },
      { id: 2, duplicateOf: 1, storyId: 2 },
      { id: 3, duplicateOf: 1, storyId: 2 },
      { id: 4, duplicateOf: null, storyId: 2 },
      { id: 6, duplicateOf: null, storyId: 2 },
    ]);
  });
});

describe('splitItem', () => {
  it('moves a root with its copies to the new story', () => {
    expect(splitItem(items, { itemId: 1, newStoryId: 9 })).toEqual([
      { id: 1, duplicateOf: null, storyId: 9 },
      { id: 2, duplicateOf: 1, storyId: 9 },
      { id: 3, duplicateOf: 1, storyId: 9 },
    ]);
  });

  it('makes a copy that is split out an item of its own', () => {
    expect(splitItem(items, { itemId: 3, newStoryId: 9 })).toEqual([
      { id: 3, duplicateOf: null, storyId: 9 },
    ]);
  });
});

describe('detachDuplicate', () => {
  it('keeps the story and clears the link, and changes nothing for an item that is no copy', () => {
    expect(detachDuplicate(items, { itemId: 2 })).toEqual([{ id: 2, duplicateOf: null, storyId: 1 }]);
    expect(detachDuplicate(items, { itemId: 4 })).toEqual([]);
  });
});
