import { sql, type Kysely } from 'kysely';
import { bodyText, sanitizeBody } from '../../render/body-html.ts';
import { renderMarkdown } from '../../render/markdown.ts';
import { dialectOf } from '../dialect.ts';
import { translateArguments } from './0003-search.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// One body format (issue #17). From here on every article's and page's body is stored as Dateline
// body HTML (platform/render/body-html.ts), the same text in `body_markdown` (the source the editor
// shows; the column keeps its old name) and in `body_html`, with `body_format = 'html'`.
// - Markdown bodies are converted once, here, with the renderer the newsroom used; HTML bodies pass
//   through sanitizeBody again, so that every stored body is one that sanitizeBody leaves unchanged.
//   Revisions keep the format they were written in: a Markdown revision is converted when restored.
// - `body_text` is the body's plain text (bodyText), written at save time. Search indexes it instead
//   of the source: HTML's tags and addresses are not words a reader looks for. The indexes are
//   rebuilt over it, FTS5's with the same triggers, PostgreSQL's generated column the same way.
const TABLES = [
  { table: 'articles', middle: 'standfirst' },
  { table: 'pages', middle: 'description' },
] as const;

// Bodies are read in batches: an archive of long articles must not be held in memory at once.
const BATCH = 200;

async function convertBodies(db: Kysely<any>, table: string): Promise<void> {
  let after = 0;
  for (;;) {
    const rows: { id: number; body_markdown: string; body_format: string }[] = await db
      .selectFrom(table)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .select(['id', 'body_markdown', 'body_format'])
      .execute();
    for (const row of rows) {
      const html = sanitizeBody(
        row.body_format === 'html' ? row.body_markdown : renderMarkdown(row.body_markdown),
      );
      await db
        .updateTable(table)
        .where('id', '=', row.id)
        .set({ body_markdown: html, body_html: html, body_format: 'html', body_text: bodyText(html) })
        .execute();
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return;
    after = last.id;
  }
}

async function dropSqliteIndex(db: Kysely<any>, table: string): Promise<void> {
  for (const event of ['update', 'delete', 'insert'])
    await sql`drop trigger if exists ${sql.raw(`${table}_fts_after_${event}`)}`.execute(db);
  await sql`drop table if exists ${sql.raw(`${table}_fts`)}`.execute(db);
}

// As 0003 and 0017 built them, over `body` (body_markdown before, body_text now).
async function buildSqliteIndex(db: Kysely<any>, table: string, middle: string, body: string): Promise<void> {
  const fts = `${table}_fts`;
  const columns = `title, ${middle}, ${body}`;
  const fresh = `new.id, new.title, new.${middle}, new.${body}`;
  const stale = `'delete', old.id, old.title, old.${middle}, old.${body}`;
  await sql`
    create virtual table ${sql.raw(fts)} using fts5(
      ${sql.raw(columns)},
      content = '${sql.raw(table)}', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    )
  `.execute(db);
  await sql`
    create trigger ${sql.raw(`${fts}_after_insert`)} after insert on ${sql.raw(table)} begin
      insert into ${sql.raw(fts)} (rowid, ${sql.raw(columns)}) values (${sql.raw(fresh)});
    end
  `.execute(db);
  await sql`
    create trigger ${sql.raw(`${fts}_after_delete`)} after delete on ${sql.raw(table)} begin
      insert into ${sql.raw(fts)} (${sql.raw(fts)}, rowid, ${sql.raw(columns)}) values (${sql.raw(stale)});
    end
  `.execute(db);
  await sql`
    create trigger ${sql.raw(`${fts}_after_update`)} after update of ${sql.raw(columns)} on ${sql.raw(table)} begin
      insert into ${sql.raw(fts)} (${sql.raw(fts)}, rowid, ${sql.raw(columns)}) values (${sql.raw(stale)});
      insert into ${sql.raw(fts)} (rowid, ${sql.raw(columns)}) values (${sql.raw(fresh)});
    end
  `.execute(db);
  await sql`insert into ${sql.raw(fts)} (${sql.raw(fts)}) values ('rebuild')`.execute(db);
}

async function buildPostgresIndex(
  db: Kysely<any>,
  table: string,
  middle: string,
  body: string,
): Promise<void> {
  const [from, to] = translateArguments();
  const folded = (column: string) => sql`translate(${sql.ref(column)}, ${sql.lit(from)}, ${sql.lit(to)})`;
  await sql`drop index if exists ${sql.raw(`${table}_search_vector`)}`.execute(db);
  await sql`alter table ${sql.raw(table)} drop column if exists search_vector`.execute(db);
  // Adding a stored generated column computes it for every row: the converted bodies are indexed now.
  await sql`
    alter table ${sql.raw(table)} add column search_vector tsvector generated always as (
      setweight(to_tsvector('simple'::regconfig, ${folded('title')}), 'A') ||
      setweight(to_tsvector('simple'::regconfig, ${folded(middle)}), 'B') ||
      setweight(
        to_tsvector('simple'::regconfig, translate(left(${sql.ref(body)}, 100000), ${sql.lit(from)}, ${sql.lit(to)})),
        'C'
      )
    ) stored
  `.execute(db);
  await sql`create index ${sql.raw(`${table}_search_vector`)} on ${sql.raw(table)} using gin (search_vector)`.execute(
    db,
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = dialectOf(db) === 'postgres';
  for (const { table, middle } of TABLES) {
    // MUST come before the conversion: FTS5's triggers would otherwise re-index every row twice.
    if (!isPostgres) await dropSqliteIndex(db, table);
    await db.schema
      .alterTable(table)
      .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await convertBodies(db, table);
    if (isPostgres) await buildPostgresIndex(db, table, middle, 'body_text');
    else await buildSqliteIndex(db, table, middle, 'body_text');
  }
}

// The bodies stay HTML (there is no way back to the Markdown that was typed); the search indexes go
// back to the source column.
export async function down(db: Kysely<any>): Promise<void> {
  const isPostgres = dialectOf(db) === 'postgres';
  for (const { table, middle } of TABLES) {
    if (isPostgres) await buildPostgresIndex(db, table, middle, 'body_markdown');
    else {
      await dropSqliteIndex(db, table);
      await buildSqliteIndex(db, table, middle, 'body_markdown');
    }
    await db.schema.alterTable(table).dropColumn('body_text').execute();
  }
}
