import { sql, type Kysely } from 'kysely';
import { idColumn } from './0001-initial.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Sections (issue #14): the publication's desks, nested one level (News › Politics). Every article
// has one primary section. The column is nullable only because a column added to a table with rows
// cannot be declared NOT NULL on SQLite; this migration makes "News" and puts every existing article
// in it, and the article service gives every save a section (modules/sections, defaultSection), so
// no article is left without one. The one-level limit is the sections service's rule, not a trigger.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sections')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('parent_id', 'integer', (c) => c.references('sections.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sections_parent').on('sections').column('parent_id').execute();

  await db.schema
    .alterTable('articles')
    .addColumn('section_id', 'integer', (c) => c.references('sections.id'))
    .execute();
  // A section's page lists its articles newest first: the index reads a page of them directly.
  await db.schema
    .createIndex('articles_section_listing')
    .on('articles')
    .columns(['section_id', 'status', 'published_at', 'id'])
    .execute();

  const now = new Date().toISOString();
  await db
    .insertInto('sections')
    .values({
      slug: 'news',
      name: 'News',
      description: '',
      parent_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await sql`update articles set section_id = (select id from sections where slug = 'news')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_section_listing').execute();
  await db.schema.alterTable('articles').dropColumn('section_id').execute();
  await db.schema.dropIndex('sections_parent').execute();
  await db.schema.dropTable('sections').execute();
}
