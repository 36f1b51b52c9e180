import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { idColumn } from './0001-initial.ts';
import { translateArguments } from './0003-search.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Standing pages (issue #14): About, Contact, a corrections policy. A page has a title, a slug, a
// Markdown body (rendered at save time, as articles' are), an optional parent (one level: the rule is
// the pages service's, not a trigger), a status (draft or published) and revisions. Slugs are unique
// across every page, nested or not, so that `dateline page add` can update a page by slug alone.
//
// Search indexes pages as 0003 indexes articles: an FTS5 external-content table kept in step by
// triggers on SQLite, a stored generated tsvector with the same folding on PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pages')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    // What search engines and share cards show; the body's opening when empty.
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_markdown', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('pages.id'))
    // 'draft' or 'published'.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pages_parent').on('pages').column('parent_id').execute();

  await db.schema
    .createTable('page_revisions')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    // JSON of the page's editable fields at that save.
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('page_revisions_page')
    .on('page_revisions')
    .columns(['page_id', 'id'])
    .execute();

  if (dialectOf(db) === 'postgres') {
    const [from, to] = translateArguments();
    const folded = (column: string) => sql`translate(${sql.ref(column)}, ${sql.lit(from)}, ${sql.lit(to)})`;
    await sql`
      alter table pages add column search_vector tsvector generated always as (
        setweight(to_tsvector('simple'::regconfig, ${folded('title')}), 'A') ||
        setweight(to_tsvector('simple'::regconfig, ${folded('description')}), 'B') ||
        setweight(
          to_tsvector('simple'::regconfig, translate(left(body_markdown, 100000), ${sql.lit(from)}, ${sql.lit(to)})),
          'C'
        )
      ) stored
    `.execute(db);
    await sql`create index pages_search_vector on pages using gin (search_vector)`.execute(db);
    return;
  }
  await sql`
    create virtual table pages_fts using fts5(
      title, description, body_markdown,
      content = 'pages', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    )
  `.execute(db);
  await sql`
    create trigger pages_fts_after_insert after insert on pages begin
      insert into pages_fts (rowid, title, description, body_markdown)
        values (new.id, new.title, new.description, new.body_markdown);
    end
  `.execute(db);
  await sql`
    create trigger pages_fts_after_delete after delete on pages begin
      insert into pages_fts (pages_fts, rowid, title, description, body_markdown)
        values ('delete', old.id, old.title, old.description, old.body_markdown);
    end
  `.execute(db);
  await sql`
    create trigger pages_fts_after_update after update of title, description, body_markdown on pages begin
      insert into pages_fts (pages_fts, rowid, title, description, body_markdown)
        values ('delete', old.id, old.title, old.description, old.body_markdown);
      insert into pages_fts (rowid, title, description, body_markdown)
        values (new.id, new.title, new.description, new.body_markdown);
    end
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') {
    for (const trigger of ['pages_fts_after_update', 'pages_fts_after_delete', 'pages_fts_after_insert'])
      await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
    await sql`drop table if exists pages_fts`.execute(db);
  }
  await db.schema.dropIndex('page_revisions_page').execute();
  await db.schema.dropTable('page_revisions').execute();
  await db.schema.dropIndex('pages_parent').execute();
  await db.schema.dropTable('pages').execute();
}
