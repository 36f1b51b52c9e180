import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Signer } from '../../platform/secrets.ts';
import { slugify } from '../../platform/render/slug.ts';
import { checkSchema } from '../../platform/validation.ts';
import { recordAudit } from '../audit/index.ts';
import { ensureAuthorProfile } from '../authors/index.ts';
import {
  DEFAULT_PASSWORD_COST,
  hashPassword,
  unknownAccountHash,
  verifyPassword,
  type PasswordCost,
} from './password.ts';
import type { Actor } from './policy.ts';
import * as repo from './repository.ts';
import { NewUserSchema, OwnerSignUpSchema, SetPasswordSchema } from './schemas.ts';

/** How long a session lasts from sign-in. */
export const SESSION_DAYS = 14;
/** How long a one-time link lasts. */
const LINK_HOURS = { owner: 24, invitation: 7 * 24 } as const;
/** Failed sign-ins allowed per window, per account and per IP. */
export const SIGN_IN_LIMITS = { perAccount: 5, perIp: 20, windowMinutes: 15 } as const;

/** A signed-in staff member, as every admin request sees them. */
export interface Session extends Actor {
  email: string;
  csrfToken: string;
  expiresAt: string;
}

/**
 * Counts failed sign-ins. The database implementation is shared by every process of a publication;
 * a Redis one can replace it (scale-out).
 */
export interface SignInThrottle {
  /** Failures for `key` in the last `windowMs`. */
  count(key: string, windowMs: number): Promise<number>;
  record(keys: readonly string[]): Promise<void>;
  clear(key: string): Promise<void>;
}

/** Account use cases: users, one-time links, sessions and sign-in. */
export interface AccountService {
  countUsers(): Promise<number>;
  /**
   * On a database with no users, makes the one-time link that creates the owner account and returns
   * its path ("/admin/welcome/<token>"); earlier unused owner links stop working. Otherwise undefined.
   */
  ownerLinkIfNoUsers(): Promise<string | undefined>;
  /** Adds a staff account. Returns the invitation path when no password was given. */
  addUser(input: unknown, by?: Actor): Promise<{ id: number; invitationPath?: string }>;
  /** What a one-time link is for, or undefined when it is used, expired or unknown. */
  peekLink(
    token: string,
  ): Promise<{ purpose: 'owner' | 'invitation'; email: string | null; name: string | null } | undefined>;
  /** Uses a one-time link: creates the owner, or sets an invited person's password. Returns a session token. */
  redeemLink(token: string, input: unknown): Promise<{ token: string; userId: number }>;
  /** Checks the password and opens a session. Throws SIGN_IN_FAILED or SIGN_IN_THROTTLED. */
  signIn(args: { email: string; password: string; ip: string }): Promise<{ token: string; userId: number }>;
  /** The session a cookie token belongs to, if it is current. */
  session(token: string): Promise<Session | undefined>;
  signOut(token: string): Promise<void>;
  /** Changes the actor's password and signs out their other browsers. */
  changePassword(args: { actor: Actor; token: string; current: string; next: string }): Promise<void>;
  listUsers(): ReturnType<typeof repo.listUsers>;
  /** Deletes expired sessions and old sign-in failures. */
  prune(): Promise<void>;
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
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

/** The database-backed sign-in throttle. */
export function databaseThrottle(db: Db, clock: Clock): SignInThrottle {
  return {
    count: (key, windowMs) =>
      repo.countFailedSignIns(db, key, new Date(clock.now().getTime() - windowMs).toISOString()),
    record: (keys) => repo.recordFailedSignIn(db, keys, clock.now().toISOString()).then(() => undefined),
    clear: (key) => repo.clearFailedSignIns(db, key).then(() => undefined),
  };
}

/** Builds the account service. */
export function createAccountService(deps: AccountServiceDeps): AccountService {
  const { db, clock } = deps;
  const throttle = deps.throttle ?? databaseThrottle(db, clock);
  const cost = deps.passwordCost ?? DEFAULT_PASSWORD_COST;
  const now = () => clock.now().toISOString();
  const later = (hours: number) => new Date(clock.now().getTime() + hours * 3_600_000).toISOString();

  async function openSession(trx: Db, userId: number): Promise<string> {
    const token = newToken();
    await repo.insertSession(trx, {
      id_hash: sha256(token),
      user_id: userId,
      csrf_token: newToken(),
      created_at: now(),
      expires_at: later(SESSION_DAYS * 24),
    });
    return token;
  }

  function invalid(fields: Record<string, string>): never {
    throw new AppError('VALIDATION_FAILED', { fields });
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
      const checked = checkSchema(NewUserSchema, raw);
      if (!checked.ok) invalid(checked.fields);
      const input = checked.value;
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
      if (link.purpose === 'owner') {
        const checked = checkSchema(OwnerSignUpSchema, raw);
        if (!checked.ok) invalid(checked.fields);
        const { name, password } = checked.value;
        const email = checked.value.email.trim().toLowerCase();
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
      const checked = checkSchema(SetPasswordSchema, raw);
      if (!checked.ok) invalid(checked.fields);
      const passwordHash = await hashPassword(checked.value.password, cost);
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
      const keys = [`email:${email}`, `ip:${deps.ipSigner.sign(ip)}`];
      const windowMs = SIGN_IN_LIMITS.windowMinutes * 60_000;
      const [forAccount, forIp] = await Promise.all(keys.map((k) => throttle.count(k, windowMs)));
      if ((forAccount ?? 0) >= SIGN_IN_LIMITS.perAccount || (forIp ?? 0) >= SIGN_IN_LIMITS.perIp)
        throw new AppError('SIGN_IN_THROTTLED');
      const user = await repo.findUserByEmail(db, email);
      // The same work whether or not the account exists, so that timing does not tell.
      const matches = await verifyPassword(password, user?.password_hash ?? (await unknownAccountHash));
      if (!user || !user.password_hash || !matches) {
        await throttle.record(keys);
        throw new AppError('SIGN_IN_FAILED');
      }
      await throttle.clear(keys[0] as string);
      return transact(db, async (trx) => ({ token: await openSession(trx, user.id), userId: user.id }));
    },

    async session(token) {
      if (token.length < 20 || token.length > 100) return undefined;
      const row = await repo.findSession(db, sha256(token), now());
      if (!row) return undefined;
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
      if (!user?.password_hash || !(await verifyPassword(current, user.password_hash)))
        invalid({ current_password: 'is not your current password' });
      const checked = checkSchema(SetPasswordSchema, { password: next });
      if (!checked.ok) invalid({ new_password: checked.fields.password ?? 'is not accepted' });
      const passwordHash = await hashPassword(next, cost);
      await transact(db, async (trx) => {
        await repo.updateUser(trx, actor.id, { password_hash: passwordHash, now: now() });
        await repo.deleteOtherSessions(trx, actor.id, sha256(token));
      });
    },

    listUsers: () => repo.listUsers(db),

    async prune() {
      await repo.deleteExpiredSessions(db, now());
      await repo.pruneSignInAttempts(db, new Date(clock.now().getTime() - 24 * 3_600_000).toISOString());
    },
  };
}
