import { describe, expect, it } from 'vitest';
import { loadLabelledItems } from '../../../../test/fixtures/wire-grouping/load.ts';
import { assign, createWireGrouper, groupAll } from './group.ts';
import { WINDOW_MS } from './thresholds.ts';
import type { GroupedItem, GroupingItem } from './types.ts';

const HOUR = 60 * 60 * 1000;
const BASE = Date.UTC(2026, 11, 1, 9);

const FERRY =
  'A passenger ferry and a cargo ship collided in thick fog at the mouth of Harbourton harbour early on Tuesday, ' +
  'injuring 11 people. The ferry Morning Gull, carrying 140 passengers to Port Elwyn, struck the side of the ' +
  'container ship Kestrel Trader shortly after 7 a.m. Harbour master Kwame Mensah said both vessels stayed afloat.';

function item(overrides: Partial<GroupingItem> & { id: number }): GroupingItem {
  return {
    sourceId: 1,
    title: 'Ferry and cargo ship collide in fog off Harbourton',
    summary: 'The Morning Gull struck the Kestrel Trader.',
    text: FERRY,
    url: `https://wire.example/${overrides.id}`,
    publishedAt: new Date(BASE),
    ...overrides,
  };
}

function grouped(base: GroupingItem, storyId: number, duplicateOf: number | null = null): GroupedItem {
  return { ...base, storyId, duplicateOf };
}

describe('assign: duplicates', () => {
  it('finds the same page by its normalised URL, with score 1', () => {
    const first = item({ id: 1, url: 'https://post.example/ferry?utm_source=feed' });
    const second = item({
      id: 2,
      url: 'https://www.post.example/ferry/#comments',
      text: 'Other text entirely here.',
    });
    const result = assign(second, [grouped(first, 7)]);
    expect(result).toMatchObject({ duplicateOf: 1, duplicateScore: 1, story: 7 });
    expect(result.scores).toContainEqual({ a: 1, b: 2, kind: 'duplicate', score: 1 });
  });

  it('finds agency copy under another headline, and points a copy of a copy at the root', () => {
    const agency = item({ id: 1 });
    const rerun = item({
      id: 2,
      sourceId: 2,
      title: 'Eleven hurt as ferry strikes freighter',
      publishedAt: new Date(BASE + HOUR),
    });
    const again = item({ id: 3, sourceId: 3, title: 'What we know', publishedAt: new Date(BASE + 2 * HOUR) });
    expect(assign(rerun, [grouped(agency, 1)])).toMatchObject({ duplicateOf: 1, story: 1 });
    expect(assign(again, [grouped(rerun, 1, 1)])).toMatchObject({ duplicateOf: 1, story: 1 });
  });

  it('finds a rewrite that adds a paragraph, with its Jaccard as the score', () => {
    const agency = item({ id: 1 });
    const rewrite = item({
      id: 2,
      sourceId: 2,
      title: 'Harbourton ferry crash',
      text: `${FERRY} Three of the injured were taken to Harbourton General Hospital with broken bones, and the harbour stayed closed until noon.`,
    });
    const result = assign(rewrite, [grouped(agency, 1)]);
    expect(result.duplicateOf).toBe(1);
    expect(result.duplicateScore).toBeGreaterThanOrEqual(0.5);
    expect(result.duplicateScore).toBeLessThan(1);
  });

  it('does not take two reports on one template for copies', () => {
    const template = (day: string, move: string, who: string, points: string) =>
      `The Harbour Exchange index ${move} on ${day}, led by ${who}. Banks were little changed. ` +
      `The index closed at ${points} points, with many shares traded across the session.`;
    const monday = item({
      id: 1,
      title: 'Markets',
      text: template('Monday', 'rose 1.2 per cent', 'Kessmoor Minerals', '8,412'),
    });
    const tuesday = item({
      id: 2,
      title: 'Markets',
      text: template('Tuesday', 'fell 0.7 per cent', 'Eastbridge Savings', '8,353'),
      publishedAt: new Date(BASE + 24 * HOUR),
    });
    expect(assign(tuesday, [grouped(monday, 1)]).duplicateOf).toBeNull();
  });
});

describe('assign: the time window', () => {
  it('compares items up to WINDOW_HOURS apart, and none further', () => {
    const first = grouped(item({ id: 1 }), 1);
    const inside = item({ id: 2, publishedAt: new Date(BASE + WINDOW_MS - HOUR) });
    const outside = item({ id: 3, publishedAt: new Date(BASE + WINDOW_MS + HOUR) });
    const before = item({ id: 4, publishedAt: new Date(BASE - WINDOW_MS - HOUR) });
    expect(assign(inside, [first]).duplicateOf).toBe(1);
    expect(assign(outside, [first])).toMatchObject({ duplicateOf: null, story: 'new', scores: [] });
    expect(assign(before, [first])).toMatchObject({ duplicateOf: null, story: 'new', scores: [] });
  });

  it('ignores the item itself when the caller passes it among the existing ones', () => {
    const only = item({ id: 1 });
    expect(assign(only, [grouped(only, 1)])).toMatchObject({ duplicateOf: null, story: 'new' });
  });
});

describe('assign: stories', () => {
  const labelled = loadLabelledItems();
  const byId = (id: number) => labelled.find((entry) => entry.id === id)!;

  it('needs a shared name: with an extractor that finds none, nothing joins a story', () => {
    const { items } = groupAll(labelled);
    const existing = items
      .filter((entry) => entry.id !== 6)
      .map((entry) => grouped(byId(entry.id), entry.storyId, entry.duplicateOf));
    const withNames = assign(byId(6), existing);
    const withoutNames = assign(byId(6), existing, { extractEntities: () => [] });
    expect(withNames.story).toBe(items.find((entry) => entry.id === 4)!.storyId);
    expect(withoutNames).toMatchObject({ story: 'new', storyScore: 0 });
  });

  it('lets aliases join two spellings of one name', () => {
    const base = { sourceId: 1, summary: '', url: '' };
    const a: GroupingItem = {
      ...base,
      id: 1,
      url: 'https://a.example/1',
      title: 'Talks on the border crossing resume in Pyongyang',
      text: 'Negotiators met in Pyongyang to reopen the border crossing for freight trains.',
      publishedAt: new Date(BASE),
    };
    const b: GroupingItem = {
      ...base,
      id: 2,
      url: 'https://b.example/2',
      title: 'North Korea agrees to reopen border crossing',
      text: 'North Korea said the border crossing would reopen to freight trains next month.',
      publishedAt: new Date(BASE + HOUR),
    };
    const existing = [grouped(a, 1)];
    const plain = assign(b, existing);
    const aliased = assign(b, existing, { aliases: { Pyongyang: 'North Korea' } });
    expect(plain.storyScore).toBe(0);
    expect(aliased.storyScore).toBeGreaterThan(0);
  });
});

describe('assign and groupAll agree', () => {
  const labelled = loadLabelledItems();

  it('gives, item by item in publication order, what groupAll gives at once', () => {
    const batch = groupAll(labelled);
    const ordered = [...labelled].sort(
      (p, q) => p.publishedAt.getTime() - q.publishedAt.getTime() || p.id - q.id,
    );
    const stored: GroupedItem[] = [];
    let nextStory = 1;
    for (const entry of ordered) {
      // A fresh object each time, as a storage layer reading rows back would pass.
      const decision = assign(
        { ...entry },
        stored.map((row) => ({ ...row })),
      );
      const storyId = decision.story === 'new' ? nextStory++ : decision.story;
      stored.push({ ...entry, duplicateOf: decision.duplicateOf, storyId });
    }
    expect(stored.map(({ id, duplicateOf, storyId }) => ({ id, duplicateOf, storyId }))).toEqual(
      batch.items.map(({ id, duplicateOf, storyId }) => ({ id, duplicateOf, storyId })),
    );
  });

  it('gives the same through a grouper with a feature cache, however small the cache', () => {
    const batch = groupAll(labelled);
    const ordered = [...labelled].sort(
      (p, q) => p.publishedAt.getTime() - q.publishedAt.getTime() || p.id - q.id,
    );
    for (const cacheSize of [1, 10_000]) {
      const grouper = createWireGrouper({ cacheSize });
      const stored: GroupedItem[] = [];
      let nextStory = 1;
      for (const entry of ordered) {
        const decision = grouper.assign(
          { ...entry },
          stored.map((row) => ({ ...row })),
        );
        const storyId = decision.story === 'new' ? nextStory++ : decision.story;
        stored.push({ ...entry, duplicateOf: decision.duplicateOf, storyId });
      }
      expect(stored.map(({ id, duplicateOf, storyId }) => ({ id, duplicateOf, storyId }))).toEqual(
        batch.items.map(({ id, duplicateOf, storyId }) => ({ id, duplicateOf, storyId })),
      );
    }
  });

  it('does not depend on the order of the existing items', () => {
    const { items } = groupAll(labelled);
    const target = labelled.find((entry) => entry.id === 18)!;
    const existing = items
      .filter((entry) => entry.id !== 18)
      .map((entry) =>
        grouped(
          labelled.find((l) => l.id === entry.id)!,
          entry.storyId,
          entry.duplicateOf,
        ),
      );
    const forwards = assign(target, existing);
    const backwards = assign(target, [...existing].reverse());
    expect(backwards.story).toBe(forwards.story);
    expect(backwards.storyScore).toBe(forwards.storyScore);
    expect(forwards.story).toBe(items.find((entry) => entry.id === 14)!.storyId);
  });
});

describe('createWireGrouper', () => {
  it('recomputes an item whose text changed under the same id', () => {
    const grouper = createWireGrouper();
    const original = grouped(item({ id: 1 }), 1);
    const copy = item({ id: 2, title: 'Another headline', publishedAt: new Date(BASE + HOUR) });
    expect(grouper.assign(copy, [original]).duplicateOf).toBe(1);
    const edited = {
      ...original,
      text: 'The council approved a new library for the east bank of the river, with a cafe.',
    };
    expect(grouper.assign(copy, [edited]).duplicateOf).toBeNull();
  });
});

describe('groupAll', () => {
  it('refuses two items with one id', () => {
    expect(() => groupAll([item({ id: 1 }), item({ id: 1 })])).toThrow(/appears twice/);
  });

  it('refuses an item without a valid date', () => {
    expect(() => groupAll([item({ id: 1, publishedAt: new Date('04.12.2026 nonsense') })])).toThrow(
      /publishedAt/,
    );
  });
});
