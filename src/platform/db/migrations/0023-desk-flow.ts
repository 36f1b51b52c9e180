import type { Kysely } from 'kysely';
import { idColumn } from './0001-initial.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The writing desk's workflow (issue #17, "Never lose a word" and "Workflow"):
// - `articles.version` counts every write of an article: the editor sends back the version it
//   loaded, and a save over a newer one is refused (optimistic locking). Existing rows start at 1.
// - `article_presence` says who has an article open in the editor now: one row per person and
//   article, its `seen_at` moved by the editor's heartbeat. Rows older than a minute mean nothing
//   and are dropped by the next heartbeat; only names are shown, and only in the newsroom.
// - `article_notes` holds editors' notes on a draft: newsroom only, never on a reader page, a feed
//   or the API. They go with the article.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('articles')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('article_presence')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_presence_pk', ['article_id', 'user_id'])
    .execute();
  await db.schema.createIndex('article_presence_seen').on('article_presence').column('seen_at').execute();
  await db.schema
    .createTable('article_notes')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_notes_article').on('article_notes').column('article_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_notes').execute();
  await db.schema.dropTable('article_presence').execute();
  await db.schema.alterTable('articles').dropColumn('version').execute();
}
