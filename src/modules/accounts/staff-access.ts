import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import { wantsJson } from '../../platform/http/negotiation.ts';
import type { PermissionCheck } from '../../platform/http/permissions.ts';
import type { AdminChrome } from '../../platform/render/admin-layout.tsx';
import { can, mayAttempt, type Action } from './policy.ts';
import { SESSION_DAYS, type AccountService, type Session } from './service.ts';

/** The cookie that carries a staff session. Scoped to /admin: reader pages never see it. */
export const SESSION_COOKIE = 'dateline_session';

type StaffPermissions = Record<Action | 'signed-in', true>;

declare module '../../platform/http/permissions.ts' {
  // Every staff action is a route permission; 'signed-in' is any staff account.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionRegistry extends StaffPermissions {}
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, once a staff route's permission check has run. */
    staff: Session | undefined;
  }
  interface FastifyContextConfig {
    /** false for the forms that come before a session (sign-in, one-time links). */
    csrf?: boolean;
  }
}

/** The signed-in staff member of a staff route. Throws if there is none (a route declared 'public'). */
export function staffOf(request: FastifyRequest): Session {
  if (!request.staff) throw new AppError('SIGN_IN_REQUIRED');
  return request.staff;
}

/** What the newsroom layout shows for this person. */
export function chromeFor(session: Session, siteTitle: string): AdminChrome {
  return {
    name: session.name,
    csrfToken: session.csrfToken,
    siteTitle,
    sections: {
      comments: can(session, 'comment.moderate'),
      tags: can(session, 'tag.manage'),
      redirects: can(session, 'redirect.manage'),
      sectionsScreen: can(session, 'section.manage'),
      menus: can(session, 'menu.manage'),
      pages: can(session, 'page.manage'),
      frontPage: can(session, 'frontpage.manage'),
      settings: can(session, 'setting.manage'),
      users: can(session, 'user.manage'),
      audit: can(session, 'audit.read'),
      import: can(session, 'import.run'),
      uploads: can(session, 'upload.create'),
      wire: can(session, 'wire.read'),
    },
  };
}

/** Whether the session cookie should be Secure: served over https, directly or per the public URL. */
function isSecure(request: FastifyRequest, publicUrl: string): boolean {
  return request.protocol === 'https' || publicUrl.startsWith('https:');
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over https, and expiring with the session. */
export function setSessionCookie(reply: FastifyReply, token: string, publicUrl: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/admin',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(reply.request, publicUrl),
    maxAge: SESSION_DAYS * 24 * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, publicUrl: string): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/admin',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(reply.request, publicUrl),
  });
}

/**
 * The permission check for every staff route: it loads the session from the cookie, sends a
 * signed-out browser to the sign-in page (or answers 401 to anything else), and refuses a role the
 * policy does not allow. Subject-level checks (is this article theirs?) happen in the handler.
 */
export function staffPermissionCheck(app: FastifyInstance, accounts: AccountService): PermissionCheck {
  app.decorateRequest('staff', undefined);
  return async (request, reply, permission) => {
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await accounts.session(token) : undefined;
    request.staff = session;
    if (!session) {
      if (request.method === 'GET' && !wantsJson(request)) {
        const next = encodeURIComponent(request.url);
        return reply
          .header('cache-control', 'private, no-store')
          .redirect(`/admin/sign-in?next=${next}`, 303);
      }
      throw new AppError('SIGN_IN_REQUIRED');
    }
    if (permission !== 'signed-in' && !mayAttempt(session, permission as Action))
      throw new AppError('FORBIDDEN');
    return undefined;
  };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function tokensMatch(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks a form's CSRF token by hand (multipart routes read their fields in the handler). */
export function assertCsrf(request: FastifyRequest, given: unknown): void {
  const session = staffOf(request);
  if (!tokensMatch(given, session.csrfToken)) throw new AppError('FORM_EXPIRED');
}

/**
 * The /admin surface's own rules, added in its scope: no shared cache ever keeps a newsroom page,
 * and every state change carries the session's CSRF token as well as passing the Origin check.
 */
export function adminSurface(scope: FastifyInstance): void {
  scope.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex');
  });
  scope.addHook('preValidation', async (request) => {
    if (SAFE.has(request.method) || request.routeOptions.config.csrf === false) return;
    // Multipart bodies are read by the handler, which calls assertCsrf itself.
    if (String(request.headers['content-type'] ?? '').startsWith('multipart/form-data')) return;
    if (!request.staff) throw new AppError('SIGN_IN_REQUIRED');
    const body = request.body as Record<string, unknown> | undefined;
    const given = request.headers['x-csrf-token'] ?? body?._csrf;
    if (!tokensMatch(given, request.staff.csrfToken)) throw new AppError('FORM_EXPIRED');
  });
}
