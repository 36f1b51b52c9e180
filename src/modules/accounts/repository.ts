import type { Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/db/schema.ts';

// Kysely queries for accounts. No rules here: the service decides.

const userColumns = ['id', 'email', 'name', 'role', 'author_id', 'created_at'] as const;

export function countUsers(db: Db) {
  return db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .where('email', '=', email)
    .select([...userColumns, 'password_hash'])
    .executeTakeFirst();
}

export function findUserById(db: Db, id: number) {
  return db
    .selectFrom('users')
    .where('id', '=', id)
    .select([...userColumns, 'password_hash'])
    .executeTakeFirst();
}

export function listUsers(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('authors', 'authors.id', 'users.author_id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.author_id',
      'users.created_at',
      'authors.slug as author_slug',
      (eb) => eb('users.password_hash', 'is not', null).as('has_password'),
    ])
    .orderBy('users.name')
    .execute();
}

export async function insertUser(
  db: Db,
  values: {
    email: string;
    name: string;
    role: Role;
    password_hash: string | null;
    author_id: number | null;
    now: string;
  },
): Promise<number> {
  const { now, ...rest } = values;
  const row = await db
    .insertInto('users')
    .values({ ...rest, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Db,
  id: number,
  values: Partial<{ name: string; role: Role; password_hash: string; author_id: number | null }> & {
    now: string;
  },
): Promise<void> {
  const { now, ...rest } = values;
  await db
    .updateTable('users')
    .set({ ...rest, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export function insertSession(
  db: Db,
  values: { id_hash: string; user_id: number; csrf_token: string; created_at: string; expires_at: string },
) {
  return db.insertInto('sessions').values(values).execute();
}

export function findSession(db: Db, idHash: string, now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.author_id',
      'sessions.csrf_token',
      'sessions.expires_at',
    ])
    .executeTakeFirst();
}

export function deleteSession(db: Db, idHash: string) {
  return db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Every session of a user but one (after a password change, the other browsers are signed out). */
export function deleteOtherSessions(db: Db, userId: number, keepIdHash: string | null) {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash !== null) query = query.where('id_hash', '!=', keepIdHash);
  return query.execute();
}

export function deleteExpiredSessions(db: Db, now: string) {
  return db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export function insertLink(
  db: Db,
  values: {
    token_hash: string;
    user_id: number | null;
    purpose: 'owner' | 'invitation';
    created_at: string;
    expires_at: string;
  },
) {
  return db.insertInto('account_links').values(values).execute();
}

export function findUsableLink(db: Db, tokenHash: string, now: string) {
  return db
    .selectFrom('account_links')
    .leftJoin('users', 'users.id', 'account_links.user_id')
    .where('account_links.token_hash', '=', tokenHash)
    .where('account_links.used_at', 'is', null)
    .where('account_links.expires_at', '>', now)
    .select([
      'account_links.token_hash',
      'account_links.purpose',
      'account_links.user_id',
      'users.email',
      'users.name',
    ])
    .executeTakeFirst();
}

/** Marks a link used; returns false when another request used it first. */
export async function useLink(db: Db, tokenHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('account_links')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Retires every unused owner link: a new start prints a new one. */
export function retireOwnerLinks(db: Db, now: string) {
  return db
    .updateTable('account_links')
    .set({ used_at: now })
    .where('purpose', '=', 'owner')
    .where('used_at', 'is', null)
    .execute();
}

export function recordFailedSignIn(db: Db, keys: readonly string[], now: string) {
  return db
    .insertInto('sign_in_attempts')
    .values(keys.map((key) => ({ key, created_at: now })))
    .execute();
}

export async function countFailedSignIns(db: Db, key: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('sign_in_attempts')
    .where('key', '=', key)
    .where('created_at', '>', since)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function clearFailedSignIns(db: Db, key: string) {
  return db.deleteFrom('sign_in_attempts').where('key', '=', key).execute();
}

export function pruneSignInAttempts(db: Db, before: string) {
  return db.deleteFrom('sign_in_attempts').where('created_at', '<=', before).execute();
}
