import { sql, type Kysely } from 'kysely';
import { idColumn } from './0001-initial.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The topic registry (issue #18, topic suggestions): the people, organisations and places the
// newsroom tags, each with the spellings it goes by. Seed topics (countries and large cities) are
// written on first use by the topics module, not here: reading the city package takes a moment,
// and every test database and new installation would pay it on every migration. `key` (the kind
// and the normalised name) makes seeding and accepting idempotent across processes. A topic an
// editor accepts points to its tag; deleting the tag leaves the topic, unlinked.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('topics')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'organisation', 'place')`))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('tag_id', 'integer', (c) => c.references('tags.id').onDelete('set null'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('seed', 'editor')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('topics_tag').on('topics').column('tag_id').execute();
  await db.schema
    .createTable('topic_aliases')
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('topics.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('normalised', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('topic_aliases_pk', ['topic_id', 'normalised'])
    .execute();
  await db.schema.createIndex('topic_aliases_normalised').on('topic_aliases').column('normalised').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('topic_aliases').execute();
  await db.schema.dropTable('topics').execute();
}
