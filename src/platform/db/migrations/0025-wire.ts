import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { idColumn } from './0001-initial.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The wire desk (issue #18): the outlets the newsroom follows and what their feeds carried.
// - `wire_sources`: one feed each. `status` is 'active', 'failing' (5 failures in a row: still polled,
//   with backoff, so that it recovers by itself) or 'disabled' (410 Gone, never polled again).
//   `last_error` is a sentence for an editor. `not_before` is the earliest time the feed's owner
//   allows the next request (max-age, Expires, <ttl>, Retry-After): no fetch, polled or by hand,
//   happens before it; `ttl_minutes` keeps the feed's <ttl> for the 304s that follow.
//   `next_fetch_at` is when the poller next wants it (never before `not_before`,
//   later after errors). `leased_until` is the claim of the process fetching it now, so that a poll
//   happens once across processes, and a process that died frees it when the lease runs out.
// - `wire_items`: one per story a source published, keyed by `identity` within the source (its GUID
//   when the feed's GUIDs can be trusted, else its normalised URL, else a hash of title and text),
//   so a missing, repeated or changing GUID never duplicates an item. `summary` and `content_text` are
//   plain text, kept for every source: the desk shows them as text and grouping reads them.
//   `content_html` (sanitised body HTML) is kept only for sources whose terms are 'republish', the
//   only ones whose text a draft may carry. `published_at` is decided by our own strict date reader,
//   with the feed's own string in `published_at_raw`.
// - `wire_host_leases`: the host a process is fetching from, so that a host sees one request at a
//   time across processes too.
// - `wire_stories` and `wire_item_scores`: the grouping's results (items about the same event, items
//   with the same text), with the scores that made them, so thresholds can be tested.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wire_sources')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('home_url', 'text')
    .addColumn('feed_url', 'text', (c) => c.notNull().unique())
    .addColumn('terms', 'text', (c) =>
      c
        .notNull()
        .defaultTo('link')
        .check(sql`terms in ('link', 'republish')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'failing', 'disabled')`),
    )
    .addColumn('last_error', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_fetched_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('ttl_minutes', 'integer')
    .addColumn('not_before', 'text')
    .addColumn('next_fetch_at', 'text', (c) => c.notNull())
    .addColumn('leased_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('wire_sources_due')
    .on('wire_sources')
    .columns(['status', 'next_fetch_at'])
    .execute();

  // One row per host being fetched from: a process takes a host's lease before it asks that host
  // anything, so that with many processes a host still sees one request at a time.
  await db.schema
    .createTable('wire_host_leases')
    .addColumn('host', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('leased_until', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('wire_stories')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('wire_items')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('wire_sources.id').onDelete('cascade'))
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('guid', 'text')
    .addColumn('url', 'text')
    .addColumn('normalized_url', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content_html', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_at_raw', 'text')
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'integer', (c) => c.references('wire_items.id').onDelete('set null'))
    .addColumn('story_id', 'integer', (c) => c.references('wire_stories.id').onDelete('set null'))
    .addColumn('draft_article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addUniqueConstraint('wire_items_identity', ['source_id', 'identity'])
    .execute();
  await db.schema.createIndex('wire_items_published').on('wire_items').column('published_at').execute();
  await db.schema
    .createIndex('wire_items_source_url')
    .on('wire_items')
    .columns(['source_id', 'normalized_url'])
    .execute();
  await db.schema
    .createIndex('wire_items_source_guid')
    .on('wire_items')
    .columns(['source_id', 'guid'])
    .execute();
  await db.schema.createIndex('wire_items_story').on('wire_items').column('story_id').execute();
  await db.schema.createIndex('wire_items_duplicate_of').on('wire_items').column('duplicate_of').execute();
  await db.schema.createIndex('wire_items_content_hash').on('wire_items').column('content_hash').execute();

  await db.schema
    .createTable('wire_item_scores')
    .addColumn('item_a', 'integer', (c) => c.notNull().references('wire_items.id').onDelete('cascade'))
    .addColumn('item_b', 'integer', (c) => c.notNull().references('wire_items.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('duplicate', 'story')`))
    // A fraction from 0 to 1: double precision on PostgreSQL, REAL (the same 8 bytes) on SQLite.
    .addColumn('score', dialectOf(db) === 'postgres' ? 'double precision' : 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('wire_item_scores_pk', ['item_a', 'item_b', 'kind'])
    .execute();
  await db.schema.createIndex('wire_item_scores_b').on('wire_item_scores').column('item_b').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wire_item_scores').execute();
  await db.schema.dropTable('wire_items').execute();
  await db.schema.dropTable('wire_stories').execute();
  await db.schema.dropTable('wire_host_leases').execute();
  await db.schema.dropTable('wire_sources').execute();
}
