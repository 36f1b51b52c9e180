import type { Kysely } from 'kysely';
import { idColumn } from './0001-initial.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Private preview links (issue #17): a newsroom member shares an unpublished article with someone
// outside the newsroom through an address that expires. Only the SHA-256 of the link's token is
// kept, so a copy of the database opens no preview. Revoking sets `revoked_at`; the row stays, so
// that the newsroom sees what was shared and until when. Deleting the article deletes its links.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('article_preview_links')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('article_preview_links_article')
    .on('article_preview_links')
    .column('article_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_preview_links').execute();
}
