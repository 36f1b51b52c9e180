import type { Kysely } from 'kysely';
import { idColumn } from './0001-initial.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Security review, issue #15 items 4 and 9.
// - redirects: a general table of on-site redirects (tag merges and renames now; sections, pages and
//   a redirects screen later), consulted only where a GET would otherwise be a 404.
// - article_tag_suggestions: a tag name a contributor typed that no tag has yet. It is kept on the
//   article, never shown to readers, until an editor (tag.manage) approves or rejects it.
// - authors.is_public: an admin's "show this profile" switch. An author is public once they have a
//   visible article, or when this is 1. Every existing author starts private: those with published
//   work stay public through it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('redirects')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('from_path', 'text', (c) => c.notNull().unique())
    .addColumn('to_path', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull().defaultTo(301))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('redirects_to_path').on('redirects').column('to_path').execute();

  await db.schema
    .createTable('article_tag_suggestions')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('suggested_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_tag_suggestions_pk', ['article_id', 'slug'])
    .execute();

  await db.schema
    .alterTable('authors')
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('authors').dropColumn('is_public').execute();
  await db.schema.dropTable('article_tag_suggestions').execute();
  await db.schema.dropIndex('redirects_to_path').execute();
  await db.schema.dropTable('redirects').execute();
}
