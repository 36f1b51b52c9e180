import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// An author's page and a tag's page list that author's or tag's published articles, newest first.
// Without help, the database walks every published article newest first and asks of each whether it
// has that author or tag: a tag on 27 of 20,000 articles took 2.5 ms for a page of ten on SQLite, and
// the walk grows with the publication. So each byline and each article–tag link carries `listed_at`:
// the article's published_at while the article is published, null otherwise. An index on
// (author or tag, listed_at, article) then gives a page of any author or tag by reading ten entries.
//
// Triggers keep listed_at in step inside the transaction that changes the article or the link, on
// both databases, so that no code path (the editor, the scheduler, an import, the sample publication)
// can forget it.
//
// listed_at is the "published" half of the reader rule (modules/articles/visibility.ts); the reading
// query adds the other half, `listed_at <= now`. A migration is history, so its SQL stays as it ran:
// if the rule ever changes, a new migration must rewrite these triggers to match.

const LINKS = [
  { table: 'article_tags', key: 'tag_id', index: 'article_tags_listing' },
  { table: 'article_authors', key: 'author_id', index: 'article_authors_listing' },
] as const;

async function addColumnsAndIndexes(db: Kysely<any>): Promise<void> {
  for (const { table, key, index } of LINKS) {
    await db.schema.alterTable(table).addColumn('listed_at', 'text').execute();
    await sql`
      update ${sql.table(table)} set listed_at = (
        select case when articles.status = 'published' then articles.published_at end
        from articles where articles.id = ${sql.ref(`${table}.article_id`)}
      )
    `.execute(db);
    await db.schema.createIndex(index).on(table).columns([key, 'listed_at', 'article_id']).execute();
  }
}

async function upSqlite(db: Kysely<any>): Promise<void> {
  // SQLite's BEFORE triggers cannot change the new row, so the link is updated once it is in, or
  // once it has moved to another article.
  const events = [
    ['insert', sql`after insert`],
    ['move', sql`after update of article_id`],
  ] as const;
  for (const { table, key } of LINKS) {
    for (const [name, event] of events) {
      await sql`
        create trigger ${sql.raw(`${table}_listed_after_${name}`)} ${event} on ${sql.table(table)} begin
          update ${sql.table(table)} set listed_at = (
            select case when status = 'published' then published_at end from articles where id = new.article_id
          ) where article_id = new.article_id and ${sql.ref(key)} = new.${sql.raw(key)};
        end
      `.execute(db);
    }
  }
  await sql`
    create trigger articles_listing_after_update after update of status, published_at on articles begin
      update article_tags set listed_at = case when new.status = 'published' then new.published_at end
        where article_id = new.id;
      update article_authors set listed_at = case when new.status = 'published' then new.published_at end
        where article_id = new.id;
    end
  `.execute(db);
}

async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`
    create function article_link_listed_at() returns trigger language plpgsql as $$
    begin
      new.listed_at := (
        select case when status = 'published' then published_at end from articles where id = new.article_id
      );
      return new;
    end
    $$
  `.execute(db);
  for (const { table } of LINKS) {
    await sql`
      create trigger ${sql.raw(`${table}_listed`)} before insert or update of article_id on ${sql.table(table)}
        for each row execute function article_link_listed_at()
    `.execute(db);
  }
  await sql`
    create function article_listing_changed() returns trigger language plpgsql as $$
    begin
      update article_tags set listed_at = case when new.status = 'published' then new.published_at end
        where article_id = new.id;
      update article_authors set listed_at = case when new.status = 'published' then new.published_at end
        where article_id = new.id;
      return null;
    end
    $$
  `.execute(db);
  await sql`
    create trigger articles_listing after update of status, published_at on articles for each row
      when (old.status is distinct from new.status or old.published_at is distinct from new.published_at)
      execute function article_listing_changed()
  `.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await addColumnsAndIndexes(db);
  if (dialectOf(db) === 'postgres') await upPostgres(db);
  else await upSqlite(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`drop trigger articles_listing on articles`.execute(db);
    await sql`drop function article_listing_changed()`.execute(db);
    for (const { table } of LINKS)
      await sql`drop trigger ${sql.raw(`${table}_listed`)} on ${sql.table(table)}`.execute(db);
    await sql`drop function article_link_listed_at()`.execute(db);
  } else {
    await sql`drop trigger articles_listing_after_update`.execute(db);
    for (const { table } of LINKS) {
      await sql`drop trigger ${sql.raw(`${table}_listed_after_insert`)}`.execute(db);
      await sql`drop trigger ${sql.raw(`${table}_listed_after_move`)}`.execute(db);
    }
  }
  for (const { table, index } of LINKS) {
    await db.schema.dropIndex(index).execute();
    await db.schema.alterTable(table).dropColumn('listed_at').execute();
  }
}
