import type { Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/db/schema.ts';

// Kysely queries for accounts. No rules here: the service decides.

const userColumns = ['id', 'email', 'name', 'role', 'author_id', 'created_at', 'disabled_at'] as const;

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

/** Every account, with how many sessions it has open (not expired, not idle since `idleSince`). */
export function listUsers(db: Db, open: { now: string; idleSince: string }) {
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
      'users.disabled_at',
      'authors.slug as author_slug',
      (eb) => eb('users.password_hash', 'is not', null).as('has_password'),
      (eb) =>
        eb
          .selectFrom('sessions')
          .whereRef('sessions.user_id', '=', 'users.id')
          .where('sessions.expires_at', '>', open.now)
          .where('sessions.last_seen_at', '>', open.idleSince)
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('sessions'),
    ])
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
}

/** Admins who can sign in: enabled, with a password. The last of them must stay one. */
export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('password_hash', 'is not', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
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
  values: Partial<{
    name: string;
    role: Role;
    password_hash: string;
    author_id: number | null;
    disabled_at: string | null;
  }> & {
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
  values: {
    id_hash: string;
    user_id: number;
    csrf_token: string;
    created_at: string;
    expires_at: string;
    last_seen_at: string;
  },
) {
  return db.insertInto('sessions').values(values).execute();
}

/** A current session: not past its end, used since `idleSince`, of an account that is not disabled. */
export function findSession(db: Db, idHash: string, open: { now: string; idleSince: string }) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', open.now)
    .where('sessions.last_seen_at', '>', open.idleSince)
    .where('users.disabled_at', 'is', null)
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.author_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
    ])
    .executeTakeFirst();
}

/** Moves a session's last use to `now`. */
export function touchSession(db: Db, idHash: string, now: string) {
  return db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export function deleteSession(db: Db, idHash: string) {
  return db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Every session of a user but one (after a password change, the other browsers are signed out). Returns how many. */
export async function deleteOtherSessions(
  db: Db,
  userId: number,
  keepIdHash: string | null,
): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash !== null) query = query.where('id_hash', '!=', keepIdHash);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Sessions past their end or idle since `idleSince`; returns how many were deleted. */
export async function deleteExpiredSessions(
  db: Db,
  open: { now: string; idleSince: string },
): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', open.now),
        eb('last_seen_at', '<=', open.idleSince),
        eb('last_seen_at', 'is', null),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
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
  return (
    db
      .selectFrom('account_links')
      .leftJoin('users', 'users.id', 'account_links.user_id')
      .where('account_links.token_hash', '=', tokenHash)
      .where('account_links.used_at', 'is', null)
      .where('account_links.expires_at', '>', now)
      // A disabled account's invitation waits until it is enabled again.
      .where('users.disabled_at', 'is', null)
      .select([
        'account_links.token_hash',
        'account_links.purpose',
        'account_links.user_id',
        'users.email',
        'users.name',
      ])
      .executeTakeFirst()
  );
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

/** Records an attempt against each key; returns the rows' ids. */
export async function recordFailedSignIn(db: Db, keys: readonly string[], now: string): Promise<number[]> {
  const rows = await db
    .insertInto('sign_in_attempts')
    .values(keys.map((key) => ({ key, created_at: now })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export function deleteSignInAttempts(db: Db, ids: readonly number[]) {
  return db.deleteFrom('sign_in_attempts').where('id', 'in', ids).execute();
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

export async function pruneSignInAttempts(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('sign_in_attempts').where('created_at', '<=', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
