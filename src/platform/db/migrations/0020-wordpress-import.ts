import { sql, type Kysely } from 'kysely';
import { idColumn } from './0001-initial.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The WordPress move-in (issue #16).
// - `body_format` says how an article's or a page's source (`body_markdown`) is read: 'markdown', as
//   the newsroom writes today, or 'html', Dateline body HTML (platform/render/body-html.ts), which the
//   importer writes and the writing desk will share. The rendered `body_html` is made at save time either way.
// - `articles.review_requested_at`: a draft that someone marked ready for review (WordPress's `pending`),
//   so the newsroom can tell it from a draft still being written.
// - An upload keeps the alt text, caption and title a WordPress attachment carried.
// - `import_items` keys everything an import wrote by the export's site and WordPress id, so a second
//   run updates rather than duplicates, and a killed run finishes when run again. It keeps each post's
//   raw `content:encoded`, so an article can be converted again later, and the pingbacks and trackbacks,
//   which are counted but never shown as comments.
// - `import_runs` holds the newsroom's Import screen's runs: the uploaded files, the report, progress.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['articles', 'pages'])
    await db.schema
      .alterTable(table)
      .addColumn('body_format', 'text', (c) =>
        c
          .notNull()
          .defaultTo('markdown')
          .check(sql`body_format in ('markdown', 'html')`),
      )
      .execute();
  await db.schema.alterTable('articles').addColumn('review_requested_at', 'text').execute();
  for (const column of ['alt', 'caption', 'title'])
    await db.schema
      .alterTable('uploads')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  await db.schema
    .createTable('import_items')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('wp_key', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer')
    .addColumn('raw', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_items_pk', ['source', 'wp_key'])
    .execute();
  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('scanned', 'running', 'done', 'failed')`),
    )
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('uploads_key', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('report', 'text')
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_runs').execute();
  await db.schema.dropTable('import_items').execute();
  for (const column of ['title', 'caption', 'alt'])
    await db.schema.alterTable('uploads').dropColumn(column).execute();
  await db.schema.alterTable('articles').dropColumn('review_requested_at').execute();
  for (const table of ['pages', 'articles'])
    await db.schema.alterTable(table).dropColumn('body_format').execute();
}
