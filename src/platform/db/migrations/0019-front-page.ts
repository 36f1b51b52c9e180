import type { Kysely } from 'kysely';
import { idColumn } from './0001-initial.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The curated front page (issue #14): the newsroom's lead story, up to six pinned stories (each
// with an optional expiry), and the sections shown as rows below. One row in `front_page` holds the
// lead; a publication that never curated has none of these rows and keeps its newest-first front
// page. Deleting an article drops its pin and empties the lead; deleting a section drops its row.
// The limits (six pins, 1–12 stories a row) are the front-page service's rules, not constraints.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('front_page')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('lead_article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('front_page_pins')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().unique().references('articles.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .execute();
  await db.schema
    .createTable('front_page_rows')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('section_id', 'integer', (c) =>
      c.notNull().unique().references('sections.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('story_count', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('front_page_rows').execute();
  await db.schema.dropTable('front_page_pins').execute();
  await db.schema.dropTable('front_page').execute();
}
