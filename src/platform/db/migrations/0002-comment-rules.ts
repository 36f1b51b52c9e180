import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The comment rules need: staff replies tied to an author, per-article closing, and fast
// flood and first-comment lookups by IP hash, email and name.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('comments')
    .addColumn('author_id', 'integer', (c) => c.references('authors.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('articles').addColumn('comments_close_after_days', 'integer').execute();
  await db.schema
    .createIndex('comments_ip_created')
    .on('comments')
    .columns(['ip_hash', 'created_at'])
    .execute();
  await db.schema.dropIndex('comments_email').execute();
  await db.schema
    .createIndex('comments_email_created')
    .on('comments')
    .columns(['author_email', 'created_at'])
    .execute();
  await db.schema
    .createIndex('comments_status_created')
    .on('comments')
    .columns(['status', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_status_created').execute();
  await db.schema.dropIndex('comments_email_created').execute();
  await db.schema.createIndex('comments_email').on('comments').column('author_email').execute();
  await db.schema.dropIndex('comments_ip_created').execute();
  await db.schema.alterTable('articles').dropColumn('comments_close_after_days').execute();
  await db.schema.alterTable('comments').dropColumn('author_id').execute();
}
