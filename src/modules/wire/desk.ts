// The desk's use cases on stored items: stories listed for the newsroom, editors' corrections
// (merge, split, detach: one transaction each, audited), and "Start a draft" (drafts.ts).
import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { detachDuplicate, mergeStories, splitItem, type PlacementChange } from './grouping/index.ts';

/** Who corrects the desk: a signed-in editor, or null for the command line. */
export type DeskActor = { id: number; name: string } | null;

/** One item as the desk shows it. */
export interface DeskItem {
  id: number;
  sourceId: number;
  sourceName: string;
  title: string;
  url: string | null;
  publishedAt: string;
  summary: string;
  duplicateOf: number | null;
  storyId: number;
  /** The draft started from this item, if any. */
  draft: { id: number; title: string } | null;
}

/** A story: its items that are no copies, each with the copies folded under it, newest first. */
export interface DeskStory {
  id: number;
  latestAt: string;
  items: (DeskItem & { copies: DeskItem[] })[];
}

export interface DeskUseCases {
  /** Stories newest first (by their newest item); a filter keeps the stories with a matching item. */
  listStories(options?: { sourceId?: number; words?: string; limit?: number }): Promise<DeskStory[]>;
  /** One story with all its items, or undefined. */
  findStory(id: number): Promise<DeskStory | undefined>;
  /** Moves every item of story `from` into story `into`; `from` is deleted. */
  mergeStories(args: { into: number; from: number; actor: DeskActor }): Promise<void>;
  /** Moves an item (with its own copies) into a story of its own; returns the new story's id. */
  splitItem(args: { itemId: number; actor: DeskActor }): Promise<number>;
  /** Not a copy after all: the item keeps its story. */
  detachDuplicate(args: { itemId: number; actor: DeskActor }): Promise<void>;
}

type Row = {
  id: number;
  source_id: number;
  source_name: string;
  title: string;
  url: string | null;
  published_at: string;
  summary: string;
  duplicate_of: number | null;
  story_id: number | null;
  draft_id: number | null;
  draft_title: string | null;
};

function itemsQuery(db: Db) {
  return db
    .selectFrom('wire_items as i')
    .innerJoin('wire_sources as s', 's.id', 'i.source_id')
    .leftJoin('articles as a', 'a.id', 'i.draft_article_id')
    .select([
      'i.id',
      'i.source_id',
      's.name as source_name',
      'i.title',
      'i.url',
      'i.published_at',
      'i.summary',
      'i.duplicate_of',
      'i.story_id',
      'a.id as draft_id',
      'a.title as draft_title',
    ]);
}

function toDeskItem(row: Row): DeskItem {
  return {
    id: row.id,
    sourceId: row.source_id,
    sourceName: row.source_name,
    title: row.title,
    url: row.url,
    publishedAt: row.published_at,
    summary: row.summary,
    duplicateOf: row.duplicate_of,
    storyId: row.story_id ?? 0,
    draft: row.draft_id !== null ? { id: row.draft_id, title: row.draft_title ?? '' } : null,
  };
}

/** Items to stories: roots newest first, copies folded under their root (or shown as items when their root is elsewhere). */
export function storiesOf(rows: Row[], order: number[]): DeskStory[] {
  const byStory = new Map<number, DeskItem[]>();
  for (const row of rows) {
    const item = toDeskItem(row);
    byStory.set(item.storyId, [...(byStory.get(item.storyId) ?? []), item]);
  }
  return order.flatMap((id) => {
    const items = (byStory.get(id) ?? []).sort((a, b) =>
      a.publishedAt === b.publishedAt ? b.id - a.id : a.publishedAt < b.publishedAt ? 1 : -1,
    );
    if (items.length === 0) return [];
    const ids = new Set(items.map((i) => i.id));
    const roots = items.filter((i) => i.duplicateOf === null || !ids.has(i.duplicateOf));
    return [
      {
        id,
        latestAt: items[0]!.publishedAt,
        items: roots.map((root) => ({
          ...root,
          copies: items.filter((i) => i !== root && i.duplicateOf === root.id),
        })),
      },
    ];
  });
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createDeskUseCases(deps: { db: Db; clock: Clock }): DeskUseCases {
  const { db, clock } = deps;

  async function placementsOf(trx: Db, storyIds: number[]) {
    const rows = await trx
      .selectFrom('wire_items')
      .select(['id', 'duplicate_of', 'story_id'])
      .where('story_id', 'in', storyIds)
      .execute();
    return rows.map((r) => ({ id: r.id, duplicateOf: r.duplicate_of, storyId: r.story_id! }));
  }

  async function write(trx: Db, changes: PlacementChange[], storyScore: 'keep' | 'clear') {
    for (const change of changes)
      await trx
        .updateTable('wire_items')
        .set({
          duplicate_of: change.duplicateOf,
          story_id: change.storyId,
          ...(storyScore === 'clear' && { story_score: null }),
        })
        .where('id', '=', change.id)
        .execute();
  }

  async function itemOf(trx: Db, itemId: number) {
    const item = await trx
      .selectFrom('wire_items')
      .select(['id', 'story_id', 'duplicate_of'])
      .where('id', '=', itemId)
      .executeTakeFirst();
    if (!item || item.story_id === null)
      throw new AppError('NOT_FOUND', { message: `No grouped wire item has id ${itemId}.` });
    return { ...item, story_id: item.story_id };
  }

  return {
    async listStories(options = {}) {
      const limit = Math.min(options.limit ?? 50, 500);
      let stories = db
        .selectFrom('wire_items as i')
        .select(['i.story_id', sql<string>`max(i.published_at)`.as('latest')])
        .where('i.story_id', 'is not', null)
        .groupBy('i.story_id')
        .orderBy(sql`max(i.published_at)`, 'desc')
        .orderBy('i.story_id', 'desc')
        .limit(limit);
      if (options.sourceId !== undefined) stories = stories.where('i.source_id', '=', options.sourceId);
      const words = (options.words ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
      for (const word of words) {
        const pattern = `%${likeEscape(word)}%`;
        stories = stories.where(
          (eb) =>
            sql<boolean>`(lower(${eb.ref('i.title')}) like ${pattern} escape '\\' or lower(${eb.ref('i.summary')}) like ${pattern} escape '\\')`,
        );
      }
      const order = (await stories.execute()).map((r) => r.story_id!);
      if (order.length === 0) return [];
      const rows = await itemsQuery(db).where('i.story_id', 'in', order).execute();
      return storiesOf(rows, order);
    },

    async findStory(id) {
      const rows = await itemsQuery(db).where('i.story_id', '=', id).execute();
      return storiesOf(rows, [id])[0];
    },

    async mergeStories({ into, from, actor }) {
      if (into === from)
        throw new AppError('VALIDATION_FAILED', { fields: { from: 'must be another story' } });
      const at = clock.now().toISOString();
      await transact(db, async (trx) => {
        const placed = await placementsOf(trx, [into, from]);
        for (const id of [into, from])
          if (!placed.some((p) => p.storyId === id))
            throw new AppError('NOT_FOUND', { message: `No wire story has id ${id}.` });
        await write(trx, mergeStories(placed, { into, from: [from] }), 'keep');
        await trx.deleteFrom('wire_stories').where('id', '=', from).execute();
        await recordAudit(trx, {
          actor,
          action: 'wire.merge',
          subject: `wire-story:${into}`,
          detail: { from },
          at,
        });
      });
    },

    async splitItem({ itemId, actor }) {
      const at = clock.now().toISOString();
      return transact(db, async (trx) => {
        const item = await itemOf(trx, itemId);
        const placed = await placementsOf(trx, [item.story_id]);
        if (placed.length === 1 && item.duplicate_of === null)
          throw new AppError('VALIDATION_FAILED', {
            fields: { item: 'is the only item of its story already' },
          });
        const story = await trx
          .insertInto('wire_stories')
          .values({ created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await write(trx, splitItem(placed, { itemId, newStoryId: story.id }), 'clear');
        await recordAudit(trx, {
          actor,
          action: 'wire.split',
          subject: `wire-item:${itemId}`,
          detail: { from: item.story_id, to: story.id },
          at,
        });
        return story.id;
      });
    },

    async detachDuplicate({ itemId, actor }) {
      const at = clock.now().toISOString();
      await transact(db, async (trx) => {
        const item = await itemOf(trx, itemId);
        const changes = detachDuplicate(await placementsOf(trx, [item.story_id]), { itemId });
        if (changes.length === 0)
          throw new AppError('VALIDATION_FAILED', { fields: { item: 'is not a copy of another item' } });
        await write(trx, changes, 'keep');
        await recordAudit(trx, {
          actor,
          action: 'wire.detach',
          subject: `wire-item:${itemId}`,
          detail: { was_copy_of: item.duplicate_of },
          at,
        });
      });
    },
  };
}
