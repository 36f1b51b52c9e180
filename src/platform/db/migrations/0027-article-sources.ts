import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Several sources per article (issue #18, "Drafts with credit"): a story written from the wire
// credits every outlet it draws on, so the single `articles.source_name` / `source_url` pair
// becomes rows of `article_sources`, in the order the reader sees them (`position` from 0).
// - Existing pairs move here as position 0. A pair with an address but no name (only a forged
//   import could write one) keeps its address as its name, so no credit is lost.
// - The old columns are dropped: two places for the first source would drift apart, and every
//   reader of them (pages, feeds, JSON-LD, the API, transfer) now reads this table.
// - `wire_item_id` names the wire desk's item a source came from. It has no foreign key yet: the
//   wire tables come in their own migration (0025), and a later migration adds the constraint
//   (on delete set null) once both have landed. Until then it is an integer nothing checks.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('article_sources')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('wire_item_id', 'integer')
    .addPrimaryKeyConstraint('article_sources_pk', ['article_id', 'position'])
    .execute();
  await db.schema
    .createIndex('article_sources_wire_item')
    .on('article_sources')
    .column('wire_item_id')
    .execute();
  // Plain SQL both dialects read alike: one statement, however many articles there are.
  await sql`
    insert into article_sources (article_id, position, name, url)
    select id, 0, coalesce(nullif(trim(source_name), ''), source_url), source_url
    from articles
    where coalesce(nullif(trim(source_name), ''), source_url) is not null
  `.execute(db);
  await db.schema.alterTable('articles').dropColumn('source_name').execute();
  await db.schema.alterTable('articles').dropColumn('source_url').execute();
}

// Back to one pair: the first source of each article. Any further sources are lost.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('source_name', 'text').execute();
  await db.schema.alterTable('articles').addColumn('source_url', 'text').execute();
  await sql`
    update articles set
      source_name = (select s.name from article_sources s where s.article_id = articles.id and s.position = 0),
      source_url = (select s.url from article_sources s where s.article_id = articles.id and s.position = 0)
  `.execute(db);
  await db.schema.dropTable('article_sources').execute();
}
