import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Manageable accounts: an admin can disable an account (users.disabled_at), and a session ends after
// a spell without use as well as at its fixed end (sessions.last_seen_at). Existing sessions count
// as last seen when they began. The pruning job deletes expired sessions and old sign-in attempts
// by time alone, so each gets an index on it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
  await sql`update sessions set last_seen_at = created_at`.execute(db);
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
  await db.schema
    .createIndex('sign_in_attempts_created')
    .on('sign_in_attempts')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sign_in_attempts_created').execute();
  await db.schema.dropIndex('sessions_expires').execute();
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute();
  await db.schema.alterTable('users').dropColumn('disabled_at').execute();
}
