// Kysely queries for the topic registry. No rules here: the service decides.
import type { Db } from '../../platform/db/database.ts';
import type { TopicKind } from './trie.ts';

/** A topic row as the service reads it, with its tag's slug when it has one. */
export interface TopicRow {
  id: number;
  name: string;
  kind: TopicKind;
  tagId: number | null;
  tagSlug: string | null;
}

/** One alias of a topic, joined to what the trie stores. */
export interface AliasRow {
  normalised: string;
  topicId: number;
  name: string;
  kind: TopicKind;
  tagSlug: string | null;
}

/** Rows a multi-row insert carries at once: well under SQLite's limit on bound values. */
const CHUNK = 200;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** How many seed topics the registry holds. */
export async function countSeedTopics(db: Db): Promise<number> {
  const row = await db
    .selectFrom('topics')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('source', '=', 'seed')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Adds topics that are not there yet (by key), and returns every given key's id. */
export async function insertTopics(
  db: Db,
  rows: readonly {
    name: string;
    kind: TopicKind;
    key: string;
    source: 'seed' | 'editor';
    tagId?: number | null;
    at: string;
  }[],
): Promise<Map<string, number>> {
  for (const chunk of chunks(rows))
    await db
      .insertInto('topics')
      .values(
        chunk.map((r) => ({
          name: r.name,
          kind: r.kind,
          key: r.key,
          source: r.source,
          tag_id: r.tagId ?? null,
          created_at: r.at,
        })),
      )
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  const ids = new Map<string, number>();
  for (const chunk of chunks(rows.map((r) => r.key))) {
    const found = await db.selectFrom('topics').select(['id', 'key']).where('key', 'in', chunk).execute();
    for (const row of found) ids.set(row.key, row.id);
  }
  return ids;
}

/** Adds aliases a topic does not have yet (by normalised spelling). */
export async function insertAliases(
  db: Db,
  rows: readonly { topicId: number; alias: string; normalised: string }[],
): Promise<void> {
  for (const chunk of chunks(rows))
    await db
      .insertInto('topic_aliases')
      .values(chunk.map((r) => ({ topic_id: r.topicId, alias: r.alias, normalised: r.normalised })))
      .onConflict((oc) => oc.columns(['topic_id', 'normalised']).doNothing())
      .execute();
}

/** Every alias with its topic, for the trie. */
export async function listAliases(db: Db): Promise<AliasRow[]> {
  const rows = await db
    .selectFrom('topic_aliases')
    .innerJoin('topics', 'topics.id', 'topic_aliases.topic_id')
    .leftJoin('tags', 'tags.id', 'topics.tag_id')
    .select([
      'topic_aliases.normalised',
      'topics.id as topicId',
      'topics.name',
      'topics.kind',
      'tags.slug as tagSlug',
    ])
    .orderBy('topics.id')
    .execute();
  return rows;
}

const topicColumns = [
  'topics.id',
  'topics.name',
  'topics.kind',
  'topics.tag_id as tagId',
  'tags.slug as tagSlug',
] as const;

/** A topic by its key (kind and normalised name). */
export async function findTopicByKey(db: Db, key: string): Promise<TopicRow | undefined> {
  const row = await db
    .selectFrom('topics')
    .leftJoin('tags', 'tags.id', 'topics.tag_id')
    .select(topicColumns)
    .where('topics.key', '=', key)
    .executeTakeFirst();
  return row;
}

/** The first topic of a kind that goes by a spelling (an alias), oldest first. */
export async function findTopicByAlias(
  db: Db,
  kind: TopicKind,
  normalised: string,
): Promise<TopicRow | undefined> {
  const row = await db
    .selectFrom('topic_aliases')
    .innerJoin('topics', 'topics.id', 'topic_aliases.topic_id')
    .leftJoin('tags', 'tags.id', 'topics.tag_id')
    .select(topicColumns)
    .where('topic_aliases.normalised', '=', normalised)
    .where('topics.kind', '=', kind)
    .orderBy('topics.id')
    .executeTakeFirst();
  return row;
}

/** Links a topic to its tag. */
export async function setTopicTag(db: Db, topicId: number, tagId: number): Promise<void> {
  await db.updateTable('topics').set({ tag_id: tagId }).where('id', '=', topicId).execute();
}

/** A tag's id, slug and name. */
export async function findTagById(db: Db, id: number) {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('id', '=', id).executeTakeFirst();
}

/** Whether a tag has this name or this slug (as the tags module links names to tags). */
export async function tagExists(db: Db, tag: { name: string; slug: string }): Promise<boolean> {
  const row = await db
    .selectFrom('tags')
    .select('id')
    .where((eb) => eb.or([eb('name', '=', tag.name), eb('slug', '=', tag.slug)]))
    .executeTakeFirst();
  return row !== undefined;
}
