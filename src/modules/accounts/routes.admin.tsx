import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { dropUnfitQuery, QueryTextSchema } from '../../platform/http/schemas.ts';
import { parseSchema } from '../../platform/validation.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { NewUserSchema } from './schemas.ts';
import type { AccountService } from './service.ts';
import { chromeFor, clearSessionCookie, SESSION_COOKIE, setSessionCookie, staffOf } from './staff-access.ts';
import { userActionRoutes } from './routes.admin-users.tsx';
import { PasswordPage, SignInPage, UsersPage, WelcomePage } from './views/account-pages.tsx';

/** What the account screens need. */
export interface AccountRoutesOptions {
  accounts: AccountService;
  siteTitle: () => Promise<string>;
  publicUrl: string;
}

type Form = Record<string, string | undefined>;

/**
 * Only a path inside the newsroom: a sign-in link can never send someone to another site. A control
 * character or lone surrogate is refused with a 400 (a line break cannot go in a Location header);
 * other characters outside printable ASCII are percent-encoded so that the header can carry them.
 */
function safeNext(next: string | undefined): string {
  if (next !== undefined && /[\p{Cc}\p{Cs}]/u.test(next))
    throw new AppError('BAD_REQUEST', { fields: { next: 'must not contain control characters' } });
  const path = next?.replace(/[^\x21-\x7e]/gu, encodeURIComponent);
  return path && /^\/admin(\/[^/\\]|\/?$|\?)/.test(path) && !path.includes('//') ? path : '/admin/articles';
}

/** Where to go after signing in, and the notice after signing out. */
const SignInQuerySchema = Type.Object({
  next: Type.Optional(QueryTextSchema),
  signed_out: Type.Optional(QueryTextSchema),
});

/** A one-time link's token, as the account service made it. */
const TokenParamsSchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

const html = (node: Parameters<typeof renderDocument>[0]) => renderDocument(node);

/** Sign-in, sign-out, one-time links, one's password, and the users screen. Mounted under /admin. */
export const accountAdminRoutes: FastifyPluginAsync<AccountRoutesOptions> = async (
  app,
  { accounts, siteTitle, publicUrl },
) => {
  app.get('/', { config: { permission: 'signed-in' } }, async (_request, reply) =>
    reply.redirect('/admin/articles', 303),
  );

  app.get<{ Querystring: { next?: string; signed_out?: string } }>(
    '/sign-in',
    {
      config: { permission: 'public' },
      schema: { querystring: SignInQuerySchema },
      preValidation: dropUnfitQuery(SignInQuerySchema),
    },
    async (request, reply) => {
      const { next, signed_out } = request.query;
      return reply
        .type('text/html; charset=utf-8')
        .send(
          html(
            <SignInPage
              siteTitle={await siteTitle()}
              {...(typeof next === 'string' && { next: safeNext(next) })}
              {...(signed_out !== undefined && { notice: 'You are signed out.' })}
            />,
          ),
        );
    },
  );

  // The account forms keep their own readers: a refused form comes back with what was typed.
  app.post<{ Body: Form }>(
    '/sign-in',
    { config: { permission: 'public', csrf: false } },
    async (request, reply) => {
      const body = request.body ?? {};
      const email = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
      const password = typeof body.password === 'string' ? body.password.slice(0, 200) : '';
      const next = safeNext(typeof body.next === 'string' ? body.next : undefined);
      try {
        const { token } = await accounts.signIn({ email, password, ip: request.ip });
        setSessionCookie(reply, token, publicUrl);
        return reply.redirect(next, 303);
      } catch (error) {
        if (
          !(error instanceof AppError) ||
          !['SIGN_IN_FAILED', 'SIGN_IN_THROTTLED', 'SIGN_IN_BUSY'].includes(error.code)
        )
          throw error;
        if (error.code === 'SIGN_IN_BUSY') reply.header('retry-after', '5');
        return reply
          .code(error.status)
          .type('text/html; charset=utf-8')
          .send(
            html(
              <SignInPage siteTitle={await siteTitle()} email={email} next={next} message={error.message} />,
            ),
          );
      }
    },
  );

  app.post('/sign-out', { config: { permission: 'signed-in' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await accounts.signOut(token);
    clearSessionCookie(reply, publicUrl);
    return reply.redirect('/admin/sign-in?signed_out', 303);
  });

  app.get<{ Params: { token: string } }>(
    '/welcome/:token',
    { config: { permission: 'public' }, schema: { params: TokenParamsSchema } },
    async (request, reply) => {
      const link = await accounts.peekLink(request.params.token);
      if (!link) throw new AppError('LINK_INVALID');
      return reply
        .type('text/html; charset=utf-8')
        .send(html(<WelcomePage siteTitle={await siteTitle()} token={request.params.token} {...link} />));
    },
  );

  app.post<{ Params: { token: string }; Body: Form }>(
    '/welcome/:token',
    { config: { permission: 'public', csrf: false }, schema: { params: TokenParamsSchema } },
    async (request, reply) => {
      const { token } = request.params;
      const link = await accounts.peekLink(token);
      if (!link) throw new AppError('LINK_INVALID');
      const body = request.body ?? {};
      try {
        const session = await accounts.redeemLink(token, {
          ...(link.purpose === 'owner' && { name: body.name ?? '', email: body.email ?? '' }),
          password: body.password ?? '',
        });
        setSessionCookie(reply, session.token, publicUrl);
        return reply.redirect('/admin/articles', 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
        return reply
          .code(400)
          .type('text/html; charset=utf-8')
          .send(
            html(
              <WelcomePage
                siteTitle={await siteTitle()}
                token={token}
                purpose={link.purpose}
                name={link.purpose === 'owner' ? (body.name ?? '') : link.name}
                email={link.purpose === 'owner' ? (body.email ?? '') : link.email}
                {...(error.fields && { fields: error.fields })}
              />,
            ),
          );
      }
    },
  );

  app.get('/password', { config: { permission: 'signed-in' } }, async (request, reply) => {
    const chrome = chromeFor(staffOf(request), await siteTitle());
    return reply.type('text/html; charset=utf-8').send(html(<PasswordPage chrome={chrome} />));
  });

  app.post<{ Body: Form }>('/password', { config: { permission: 'signed-in' } }, async (request, reply) => {
    const staff = staffOf(request);
    const chrome = chromeFor(staff, await siteTitle());
    try {
      await accounts.changePassword({
        actor: staff,
        token: request.cookies[SESSION_COOKIE] ?? '',
        current: request.body?.current_password ?? '',
        next: request.body?.new_password ?? '',
      });
      return reply
        .type('text/html; charset=utf-8')
        .send(html(<PasswordPage chrome={chrome} notice="Your password is changed." />));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(html(<PasswordPage chrome={chrome} {...(error.fields && { fields: error.fields })} />));
    }
  });

  await app.register(userActionRoutes, { accounts, siteTitle });

  app.get('/users', { config: { permission: 'user.manage' } }, async (request, reply) => {
    const chrome = chromeFor(staffOf(request), await siteTitle());
    return reply
      .type('text/html; charset=utf-8')
      .send(html(<UsersPage chrome={chrome} users={await accounts.listUsers()} />));
  });

  app.post<{ Body: Form }>('/users', { config: { permission: 'user.manage' } }, async (request, reply) => {
    const staff = staffOf(request);
    const chrome = chromeFor(staff, await siteTitle());
    const body = request.body ?? {};
    const values = { name: body.name ?? '', email: body.email ?? '', role: body.role ?? '' };
    try {
      const added = await accounts.addUser(parseSchema(NewUserSchema, values), staff);
      return reply
        .type('text/html; charset=utf-8')
        .send(
          html(
            <UsersPage
              chrome={chrome}
              users={await accounts.listUsers()}
              notice={`${values.name} is added.`}
              {...(added.invitationPath && { invitation: `${publicUrl}${added.invitationPath}` })}
            />,
          ),
        );
    } catch (error) {
      if (!(error instanceof AppError) || !['VALIDATION_FAILED', 'EMAIL_TAKEN'].includes(error.code))
        throw error;
      return reply
        .code(error.status)
        .type('text/html; charset=utf-8')
        .send(
          html(
            <UsersPage
              chrome={chrome}
              users={await accounts.listUsers()}
              values={values}
              fields={error.fields ?? { email: error.message }}
            />,
          ),
        );
    }
  });
};
