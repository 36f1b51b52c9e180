import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Signer } from '../../platform/secrets.ts';
import { slugify } from '../../platform/render/slug.ts';
import { checkSchema } from '../../platform/validation.ts';
import { recordAudit } from '../audit/index.ts';
import { ensureAuthorProfile } from '../authors/index.ts';
import { createCheckGate, type CheckConcurrency } from './check-gate.ts';
import { DEFAULT_PASSWORD_COST, hashPassword, verifyPassword, type PasswordCost } from './password.ts';
import { newPasswordProblem } from './password-rules.ts';
import type { Actor } from './policy.ts';
import * as repo from './repository.ts';
import {
  NewUserSchema,
  OwnerSignUpSchema,
  SetPasswordSchema,
  type NewUserInput,
  type RedeemLinkInput,
} from './schemas.ts';
import { databaseThrottle, SIGN_IN_LIMITS, type SignInThrottle } from './throttle.ts';
import { createUserAdmin, type UserAdmin } from './user-admin.ts';

export { databaseThrottle, SIGN_IN_LIMITS, type SignInThrottle } from './throttle.ts';

/** How long a session lasts from sign-in, however busy. */
export const SESSION_DAYS = 14;
/** How long a session lasts unused, unless the setting says otherwise. */
export const DEFAULT_SESSION_IDLE_HOURS = 12;
/** A session's last use is written at most this often: not on every newsroom request. */
const TOUCH_EVERY_MS = 60_000;
/** Sign-in attempts are kept this long (the throttle looks back 15 minutes). */
const ATTEMPTS_KEPT_MS = 24 * 3_600_000;
/** How long a one-time link lasts. */
const LINK_HOURS = { owner: 24, invitation: 7 * 24 } as const;

/** A signed-in staff member, as every admin request sees them. */
export interface Session extends Actor {
  email: string;
  csrfToken: string;
  expiresAt: string;
}

/** Account use cases: users, one-time links, sessions and sign-in. */
export interface AccountService extends UserAdmin {
  countUsers(): Promise<number>;
  /**
   * On a database with no users, makes the one-time link that creates the owner account and returns
   * its path ("/admin/welcome/<token>"); earlier unused owner links stop working. Otherwise undefined.
   */
  ownerLinkIfNoUsers(): Promise<string | undefined>;
  /**
   * Adds a staff account. Returns the invitation path when no password was given. The input is checked
   * at the edge (NewUserSchema, by `parseSchema`): the users screen and `dateline user add`.
   */
  addUser(input: NewUserInput, by?: Actor): Promise<{ id: number; invitationPath?: string }>;
  /** What a one-time link is for, or undefined when it is used, expired or unknown. */
  peekLink(
    token: string,
  ): Promise<{ purpose: 'owner' | 'invitation'; email: string | null; name: string | null } | undefined>;
  /** Uses a one-time link: creates the owner, or sets an invited person's password. Returns a session token. */
  redeemLink(token: string, input: RedeemLinkInput): Promise<{ token: string; userId: number }>;
  /**
   * Checks the password and opens a session. The attempt is counted before the password is
   * checked, and refused at once when too many checks run or too many attempts failed: throws
   * SIGN_IN_FAILED, SIGN_IN_THROTTLED or SIGN_IN_BUSY.
   */
  signIn(args: { email: string; password: string; ip: string }): Promise<{ token: string; userId: number }>;
  /** The session a cookie token belongs to, if it is current; notes its use for the idle timeout. */
  session(token: string): Promise<Session | undefined>;
  signOut(token: string): Promise<void>;
  /** Changes the actor's password and signs out their other browsers. */
  changePassword(args: { actor: Actor; token: string; current: string; next: string }): Promise<void>;
  /** Deletes expired and idle sessions and old sign-in attempts; says how many of each. */
  prune(): Promise<{ sessions: number; attempts: number }>;
  /** Password checks this process has started, and how many run now: for operations and tests. */
  passwordChecks(): { started: number; running: number };
}

/** What the account service needs. */
export interface AccountServiceDeps {
  db: Db;
  clock: Clock;
  /** Hashes IPs so that the throttle never stores an address. */
  ipSigner: Signer;
  throttle?: SignInThrottle;
  /** Tests lower the scrypt cost; production keeps the default. */
  passwordCost?: PasswordCost;
  /** The idle timeout in hours (the staff.session_idle_hours setting); 12 without it. */
  sessionIdleHours?: () => Promise<number>;
  /** Password checks at once in this process; SIGN_IN_LIMITS.concurrent without it. */
  concurrency?: CheckConcurrency;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

/** Builds the account service. */
export function createAccountService(deps: AccountServiceDeps): AccountService {
  const { db, clock } = deps;
  const throttle = deps.throttle ?? databaseThrottle(db, clock);
  const cost = deps.passwordCost ?? DEFAULT_PASSWORD_COST;
  const gate = createCheckGate(deps.concurrency ?? SIGN_IN_LIMITS.concurrent);
  let checksStarted = 0;
  const now = () => clock.now().toISOString();
  const later = (hours: number) => new Date(clock.now().getTime() + hours * 3_600_000).toISOString();
  const ago = (ms: number) => new Date(clock.now().getTime() - ms).toISOString();

  /** What "open" means for a session now: before its end, and used within the idle timeout. */
  async function openWindow() {
    const hours = deps.sessionIdleHours ? await deps.sessionIdleHours() : DEFAULT_SESSION_IDLE_HOURS;
    return { now: now(), idleSince: ago(hours * 3_600_000) };
  }

  // Verified against when an email has no account, so that a failed sign-in takes as long either
  // way. Made at this service's cost, on first need.
  let unknownAccountHash: Promise<string> | undefined;
  const hashForUnknown = () =>
    (unknownAccountHash ??= hashPassword(randomBytes(24).toString('base64url'), cost));

  /** Every password check goes through here, so that the count is whole. */
  function checkPassword(password: string, stored: string): Promise<boolean> {
    checksStarted += 1;
    return verifyPassword(password, stored);
  }

  async function openSession(trx: Db, userId: number): Promise<string> {
    const token = newToken();
    const at = now();
    await repo.insertSession(trx, {
      id_hash: sha256(token),
      user_id: userId,
      csrf_token: newToken(),
      created_at: at,
      expires_at: later(SESSION_DAYS * 24),
      last_seen_at: at,
    });
    return token;
  }

  function invalid(fields: Record<string, string>): never {
    throw new AppError('VALIDATION_FAILED', { fields });
  }

  /** Schema problems and the password rules together, so that one answer names every field. */
  async function checkWithPassword<T>(
    result: { ok: true; value: T } | { ok: false; fields: Record<string, string> },
    password: unknown,
  ): Promise<T> {
    const problem = password === undefined ? undefined : await newPasswordProblem(password);
    if (result.ok && !problem) return result.value;
    // The password rule's message replaces the schema's length message: it says what to do.
    invalid({ ...(result.ok ? {} : result.fields), ...(problem && { password: problem }) });
  }

  return {
    countUsers: () => repo.countUsers(db),

    async ownerLinkIfNoUsers() {
      return transact(db, async (trx) => {
        if ((await repo.countUsers(trx)) > 0) return undefined;
        await repo.retireOwnerLinks(trx, now());
        const token = newToken();
        await repo.insertLink(trx, {
          token_hash: sha256(token),
          user_id: null,
          purpose: 'owner',
          created_at: now(),
          expires_at: later(LINK_HOURS.owner),
        });
        return `/admin/welcome/${token}`;
      });
    },

    async addUser(raw, by) {
      const input = await checkWithPassword(
        checkSchema(NewUserSchema, raw),
        (raw as { password?: unknown } | null)?.password,
      );
      const email = input.email.trim().toLowerCase();
      const passwordHash = input.password ? await hashPassword(input.password, cost) : null;
      return transact(db, async (trx) => {
        if (await repo.findUserByEmail(trx, email))
          throw new AppError('EMAIL_TAKEN', { fields: { email: 'is taken' } });
        const at = now();
        const authorId = await ensureAuthorProfile(
          trx,
          { name: input.name.trim(), email, slug: slugify(input.name) },
          at,
        );
        const id = await repo.insertUser(trx, {
          email,
          name: input.name.trim(),
          role: input.role,
          password_hash: passwordHash,
          author_id: authorId,
          now: at,
        });
        await recordAudit(trx, {
          actor: by ?? null,
          action: 'user.add',
          subject: `user:${id}`,
          detail: { email, role: input.role },
          at,
        });
        if (passwordHash) return { id };
        const token = newToken();
        await repo.insertLink(trx, {
          token_hash: sha256(token),
          user_id: id,
          purpose: 'invitation',
          created_at: at,
          expires_at: later(LINK_HOURS.invitation),
        });
        return { id, invitationPath: `/admin/welcome/${token}` };
      });
    },

    async peekLink(token) {
      const link = await repo.findUsableLink(db, sha256(token), now());
      if (!link) return undefined;
      return { purpose: link.purpose, email: link.email ?? null, name: link.name ?? null };
    },

    async redeemLink(token, raw) {
      const link = await repo.findUsableLink(db, sha256(token), now());
      if (!link) throw new AppError('LINK_INVALID');
      // The link's purpose decides which fields the form has, so the schema is checked here, once it is known.
      const rawPassword = raw.password;
      if (link.purpose === 'owner') {
        const checked = await checkWithPassword(checkSchema(OwnerSignUpSchema, raw), rawPassword);
        const { name, password } = checked;
        const email = checked.email.trim().toLowerCase();
        const passwordHash = await hashPassword(password, cost);
        return transact(db, async (trx) => {
          // One owner: a second use of the link, or a link made before someone else became owner, fails.
          if (!(await repo.useLink(trx, link.token_hash, now())) || (await repo.countUsers(trx)) > 0)
            throw new AppError('LINK_INVALID');
          const at = now();
          const authorId = await ensureAuthorProfile(
            trx,
            { name: name.trim(), email, slug: slugify(name) },
            at,
          );
          const userId = await repo.insertUser(trx, {
            email,
            name: name.trim(),
            role: 'admin',
            password_hash: passwordHash,
            author_id: authorId,
            now: at,
          });
          await recordAudit(trx, {
            actor: { id: userId, name: name.trim() },
            action: 'user.owner',
            subject: `user:${userId}`,
            detail: { email },
            at,
          });
          return { token: await openSession(trx, userId), userId };
        });
      }
      const checked = await checkWithPassword(checkSchema(SetPasswordSchema, raw), rawPassword);
      const passwordHash = await hashPassword(checked.password, cost);
      const userId = link.user_id;
      if (userId === null) throw new AppError('LINK_INVALID');
      return transact(db, async (trx) => {
        if (!(await repo.useLink(trx, link.token_hash, now()))) throw new AppError('LINK_INVALID');
        await repo.updateUser(trx, userId, { password_hash: passwordHash, now: now() });
        return { token: await openSession(trx, userId), userId };
      });
    },

    async signIn({ email: rawEmail, password, ip }) {
      const email = rawEmail.trim().toLowerCase();
      const [accountKey, ipKey] = [`email:${email}`, `ip:${deps.ipSigner.sign(ip)}`];
      // MUST come first, before any await: a burst is refused here without touching the database.
      const leave = gate.tryEnter(accountKey, ipKey);
      if (!leave) throw new AppError('SIGN_IN_BUSY');
      try {
        // The attempt is counted before the password is checked, in one atomic step: checking
        // first and counting after let forty simultaneous guesses all pass a limit of five.
        const reservation = await throttle.reserve(
          [
            { key: accountKey, limit: SIGN_IN_LIMITS.perAccount },
            { key: ipKey, limit: SIGN_IN_LIMITS.perIp },
          ],
          SIGN_IN_LIMITS.windowMinutes * 60_000,
        );
        if (!reservation) throw new AppError('SIGN_IN_THROTTLED');
        const user = await repo.findUserByEmail(db, email);
        // The same work whether or not the account exists, so that timing does not tell.
        const matches = await checkPassword(password, user?.password_hash ?? (await hashForUnknown()));
        if (!user || !user.password_hash || !matches || user.disabled_at !== null)
          throw new AppError('SIGN_IN_FAILED');
        // A right password is not a failure: take back this attempt and the account's earlier ones.
        await reservation.release();
        await throttle.clear(accountKey);
        return await transact(db, async (trx) => ({
          token: await openSession(trx, user.id),
          userId: user.id,
        }));
      } finally {
        leave();
      }
    },

    async session(token) {
      if (token.length < 20 || token.length > 100) return undefined;
      const idHash = sha256(token);
      const open = await openWindow();
      const row = await repo.findSession(db, idHash, open);
      if (!row) return undefined;
      if (!row.last_seen_at || row.last_seen_at < ago(TOUCH_EVERY_MS))
        await repo.touchSession(db, idHash, open.now);
      return {
        id: row.id,
        name: row.name,
        email: row.email,
        role: row.role,
        authorId: row.author_id,
        csrfToken: row.csrf_token,
        expiresAt: row.expires_at,
      };
    },

    signOut: (token) => repo.deleteSession(db, sha256(token)).then(() => undefined),

    async changePassword({ actor, token, current, next }) {
      const user = await repo.findUserById(db, actor.id);
      // The same caps as sign-in: a stolen session must not become a way to burn CPU.
      const leave = gate.tryEnter(`email:${user?.email ?? ''}`, `user:${actor.id}`);
      if (!leave) throw new AppError('SIGN_IN_BUSY');
      try {
        if (!user?.password_hash || !(await checkPassword(current, user.password_hash)))
          invalid({ current_password: 'is not your current password' });
      } finally {
        leave();
      }
      const problem = await newPasswordProblem(next);
      if (problem) invalid({ new_password: problem });
      const passwordHash = await hashPassword(next, cost);
      await transact(db, async (trx) => {
        const at = now();
        await repo.updateUser(trx, actor.id, { password_hash: passwordHash, now: at });
        await repo.deleteOtherSessions(trx, actor.id, sha256(token));
        await recordAudit(trx, { actor, action: 'user.password', subject: `user:${actor.id}`, at });
      });
    },

    async prune() {
      const sessions = await repo.deleteExpiredSessions(db, await openWindow());
      const attempts = await repo.pruneSignInAttempts(db, ago(ATTEMPTS_KEPT_MS));
      return { sessions, attempts };
    },

    passwordChecks: () => ({ started: checksStarted, running: gate.running() }),

    ...createUserAdmin({ db, now, openWindow }),
  };
}
