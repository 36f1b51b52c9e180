import { lockKeys, transact, type Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { can, type Actor } from './policy.ts';
import * as repo from './repository.ts';

/** One account as the users screen and `dateline user list` show it. Never a password hash. */
export interface UserSummary {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** Invited: no password yet (the invitation link sets it). */
  status: 'active' | 'invited' | 'disabled';
  has_password: boolean;
  /** Sessions open now. */
  sessions: number;
  author_id: number | null;
  author_slug: string | null;
  created_at: string;
  disabled_at: string | null;
}

/**
 * What an admin does to other accounts: disable and enable them, change their role, sign them out
 * everywhere. Each change writes an audit line in its own transaction. `actor` null is the
 * `dateline` command, which the operator runs with the database's own rights.
 */
export interface UserAdmin {
  /** Every account, by name. */
  listUsers(): Promise<UserSummary[]>;
  /** The account with this email (any case), or undefined. */
  findUser(email: string): Promise<UserSummary | undefined>;
  /** Disables an account and ends its sessions at once, or enables it again. Throws LAST_ADMIN. */
  setDisabled(args: { userId: number; disabled: boolean; actor: Actor | null }): Promise<UserSummary>;
  /** Gives an account another role; its sessions carry the new role from their next request. Throws LAST_ADMIN. */
  changeRole(args: { userId: number; role: unknown; actor: Actor | null }): Promise<UserSummary>;
  /** Ends every session of an account; returns how many there were. */
  endSessions(args: { userId: number; actor: Actor | null }): Promise<number>;
}

const ROLES: readonly unknown[] = ['contributor', 'author', 'editor', 'admin'] satisfies Role[];
const isRole = (value: unknown): value is Role => ROLES.includes(value);

// Every change that could leave no admin takes this lock first, so that two admins demoting each
// other at the same moment cannot both pass the "another admin remains" check.
const ADMINS_LOCK = 'accounts:admins';

/** Builds the admin use cases on the account service's database and clock. */
export function createUserAdmin(deps: {
  db: Db;
  now: () => string;
  openWindow(): Promise<{ now: string; idleSince: string }>;
}): UserAdmin {
  const { db, now } = deps;

  async function list(): Promise<UserSummary[]> {
    const rows = await repo.listUsers(db, await deps.openWindow());
    return rows.map((r) => {
      // SQLite answers 0/1, PostgreSQL a boolean.
      const hasPassword = Boolean(Number(r.has_password));
      return {
        id: r.id,
        email: r.email,
        name: r.name,
        role: r.role,
        status: r.disabled_at !== null ? 'disabled' : hasPassword ? 'active' : 'invited',
        has_password: hasPassword,
        sessions: Number(r.sessions ?? 0),
        author_id: r.author_id,
        author_slug: r.author_slug ?? null,
        created_at: r.created_at,
        disabled_at: r.disabled_at,
      };
    });
  }

  async function summary(userId: number): Promise<UserSummary> {
    const found = (await list()).find((u) => u.id === userId);
    if (!found) throw new AppError('NOT_FOUND', { message: 'There is no such account.' });
    return found;
  }

  function authorise(actor: Actor | null): void {
    if (actor && !can(actor, 'user.manage')) throw new AppError('FORBIDDEN');
  }

  /** Refuses a change that would leave no admin able to sign in. */
  async function keepAnAdmin(
    trx: Db,
    user: { role: Role; disabled_at: string | null; password_hash: string | null },
  ) {
    const isActiveAdmin = user.role === 'admin' && user.disabled_at === null && user.password_hash !== null;
    if (isActiveAdmin && (await repo.countActiveAdmins(trx)) <= 1) throw new AppError('LAST_ADMIN');
  }

  async function loadForChange(trx: Db, userId: number) {
    const user = await repo.findUserById(trx, userId);
    if (!user) throw new AppError('NOT_FOUND', { message: 'There is no such account.' });
    return user;
  }

  return {
    listUsers: list,

    async findUser(email) {
      const user = await repo.findUserByEmail(db, email.trim().toLowerCase());
      return user ? summary(user.id) : undefined;
    },

    async setDisabled({ userId, disabled, actor }) {
      authorise(actor);
      await transact(db, async (trx) => {
        await lockKeys(trx, [ADMINS_LOCK]);
        const user = await loadForChange(trx, userId);
        if ((user.disabled_at !== null) === disabled) return;
        if (disabled) await keepAnAdmin(trx, user);
        const at = now();
        await repo.updateUser(trx, userId, { disabled_at: disabled ? at : null, now: at });
        // At once, not at the sessions' next request: a disabled account has no way in.
        const ended = disabled ? await repo.deleteOtherSessions(trx, userId, null) : 0;
        await recordAudit(trx, {
          actor,
          action: disabled ? 'user.disable' : 'user.enable',
          subject: `user:${userId}`,
          detail: { email: user.email, ...(disabled && { sessions_ended: ended }) },
          at,
        });
      });
      return summary(userId);
    },

    async changeRole({ userId, role: raw, actor }) {
      authorise(actor);
      if (!isRole(raw))
        throw new AppError('VALIDATION_FAILED', {
          fields: { role: 'must be contributor, author, editor or admin' },
        });
      const role = raw;
      await transact(db, async (trx) => {
        await lockKeys(trx, [ADMINS_LOCK]);
        const user = await loadForChange(trx, userId);
        if (user.role === role) return;
        if (role !== 'admin') await keepAnAdmin(trx, user);
        const at = now();
        await repo.updateUser(trx, userId, { role, now: at });
        await recordAudit(trx, {
          actor,
          action: 'user.role',
          subject: `user:${userId}`,
          detail: { email: user.email, from: user.role, to: role },
          at,
        });
      });
      return summary(userId);
    },

    async endSessions({ userId, actor }) {
      authorise(actor);
      return transact(db, async (trx) => {
        const user = await loadForChange(trx, userId);
        const ended = await repo.deleteOtherSessions(trx, userId, null);
        await recordAudit(trx, {
          actor,
          action: 'user.sign-out',
          subject: `user:${userId}`,
          detail: { email: user.email, sessions_ended: ended },
          at: now(),
        });
        return ended;
      });
    },
  };
}
