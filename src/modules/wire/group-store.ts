// Grouping, stored: each item a fetch added is placed (duplicate_of, story_id, story_score) against
// the items already placed within the 72-hour window, in the fetch's own transaction, and the pair
// scores behind the decision go to wire_item_scores. Existing items are never moved here: only an
// editor's merge, split or detach does that (service-edits.ts).
import type { Db } from '../../platform/db/database.ts';
import { WINDOW_MS, type GroupedItem, type GroupingItem, type WireGrouper } from './grouping/index.ts';
import type { ItemRow } from './repository.ts';

/** An item row as grouping reads it: its text is its plain text, or its summary when it has none. */
export function groupingItemOf(
  row: Pick<ItemRow, 'id' | 'source_id' | 'title' | 'summary' | 'content_text' | 'url' | 'published_at'>,
): GroupingItem {
  return {
    id: row.id,
    sourceId: row.source_id,
    title: row.title,
    summary: row.summary,
    text: row.content_text,
    url: row.url ?? '',
    publishedAt: new Date(row.published_at),
  };
}

const shift = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();

/**
 * Places the new items `ids` (already inserted, not yet placed) in publication order, each against
 * everything placed before it, inside the caller's transaction.
 */
export async function groupNewItems(
  trx: Db,
  args: { ids: readonly number[]; grouper: WireGrouper; now: string },
): Promise<void> {
  if (args.ids.length === 0) return;
  const fresh: ItemRow[] = [];
  for (let start = 0; start < args.ids.length; start += 400) {
    fresh.push(
      ...(await trx
        .selectFrom('wire_items')
        .selectAll()
        .where('id', 'in', args.ids.slice(start, start + 400))
        .execute()),
    );
  }
  fresh.sort((a, b) =>
    a.published_at < b.published_at ? -1 : a.published_at > b.published_at ? 1 : a.id - b.id,
  );
  const first = fresh[0]!.published_at;
  const last = fresh.at(-1)!.published_at;
  const placed = await trx
    .selectFrom('wire_items')
    .select([
      'id',
      'source_id',
      'title',
      'summary',
      'content_text',
      'url',
      'published_at',
      'duplicate_of',
      'story_id',
    ])
    .where('story_id', 'is not', null)
    .where('published_at', '>=', shift(first, -WINDOW_MS))
    .where('published_at', '<=', shift(last, WINDOW_MS))
    .execute();
  const window: GroupedItem[] = placed.map((row) => ({
    ...groupingItemOf(row),
    duplicateOf: row.duplicate_of,
    storyId: row.story_id!,
  }));
  for (const row of fresh) {
    const item = groupingItemOf(row);
    const decision = args.grouper.assign(item, window);
    const storyId =
      decision.story === 'new'
        ? (
            await trx
              .insertInto('wire_stories')
              .values({ created_at: args.now })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
        : decision.story;
    await trx
      .updateTable('wire_items')
      .set({ duplicate_of: decision.duplicateOf, story_id: storyId, story_score: decision.storyScore })
      .where('id', '=', row.id)
      .execute();
    if (decision.scores.length > 0)
      await trx
        .insertInto('wire_item_scores')
        .values(decision.scores.map((s) => ({ item_a: s.a, item_b: s.b, kind: s.kind, score: s.score })))
        .onConflict((oc) =>
          oc.columns(['item_a', 'item_b', 'kind']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score') })),
        )
        .execute();
    window.push({ ...item, duplicateOf: decision.duplicateOf, storyId });
  }
}
