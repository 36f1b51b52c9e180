import { sql, type Kysely } from 'kysely';
import { idColumn } from './0001-initial.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The newsroom: staff accounts and their sessions, one-time links, article revisions, uploads and
// the audit log. Articles learn who created them, an update note and a featured image.
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', id)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('contributor', 'author', 'editor', 'admin')`),
    )
    // Null until the person sets one through their invitation link: such an account cannot sign in.
    .addColumn('password_hash', 'text')
    // The public author profile this account writes as.
    .addColumn('author_id', 'integer', (c) => c.references('authors.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    // A SHA-256 of the cookie's token: a leaked table cannot be replayed as cookies.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('account_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('owner', 'invitation')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('id', 'integer', id)
    // "email:<address>" or "ip:<hash>".
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sign_in_attempts_key_created')
    .on('sign_in_attempts')
    .columns(['key', 'created_at'])
    .execute();

  await db.schema
    .alterTable('articles')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('articles').addColumn('update_note', 'text').execute();
  await db.schema.alterTable('articles').addColumn('update_noted_at', 'text').execute();
  await db.schema.alterTable('articles').addColumn('featured_image_id', 'integer').execute();
  await db.schema.alterTable('articles').addColumn('featured_image_alt', 'text').execute();
  // The scheduler reads "scheduled and due" every few seconds.
  await db.schema
    .createIndex('articles_status_published_at_scheduled')
    .on('articles')
    .columns(['status', 'published_at', 'id'])
    .execute();

  await db.schema
    .createTable('article_revisions')
    .addColumn('id', 'integer', id)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    // 'save' for an editor's save, 'autosave' for the browser's.
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('save'))
    // JSON of the article's editable fields at that save.
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('article_revisions_article')
    .on('article_revisions')
    .columns(['article_id', 'id'])
    .execute();

  await db.schema
    .createTable('uploads')
    .addColumn('id', 'integer', id)
    // Storage key of the original, e.g. "2026/11/3f2a….jpg"; resized copies sit beside it.
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    // JSON array of {width, key, mime} for the responsive sizes.
    .addColumn('variants', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', id)
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    // Kept so that the log still names who acted after the account is gone.
    .addColumn('user_name', 'text', (c) => c.notNull())
    // "article.publish", "article.unpublish", "article.delete", "setting.change", "user.add", …
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_created').on('audit_log').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'uploads',
    'article_revisions',
    'sign_in_attempts',
    'account_links',
    'sessions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('articles_status_published_at_scheduled').execute();
  for (const column of [
    'featured_image_alt',
    'featured_image_id',
    'update_noted_at',
    'update_note',
    'created_by',
  ]) {
    await db.schema.alterTable('articles').dropColumn(column).execute();
  }
  await db.schema.dropTable('users').execute();
}
