import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { IdParamsSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import type { AccountService } from './service.ts';
import { chromeFor, SESSION_COOKIE, staffOf } from './staff-access.ts';
import { UsersPage } from './views/account-pages.tsx';

/** What the account actions need. */
export interface UserActionRoutesOptions {
  accounts: AccountService;
  siteTitle: () => Promise<string>;
}

/**
 * An admin's actions on one account, from the users screen: disable, enable, change the role, sign
 * out everywhere. Each answers with the users screen, saying what changed or why it was refused.
 */
export const userActionRoutes: FastifyPluginAsync<UserActionRoutesOptions> = async (
  scope,
  { accounts, siteTitle },
) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    act: () => Promise<string>,
  ): Promise<FastifyReply> {
    const staff = staffOf(request);
    let notice: string | undefined;
    let problem: AppError | undefined;
    try {
      notice = await act();
    } catch (error) {
      if (!(error instanceof AppError) || !['LAST_ADMIN', 'VALIDATION_FAILED'].includes(error.code))
        throw error;
      problem = error;
    }
    // The actor's own session may be the one just ended: then there is no page to show them.
    if (!(await accounts.session(request.cookies[SESSION_COOKIE] ?? '')))
      return reply.redirect('/admin/sign-in', 303);
    const page = (
      <UsersPage
        chrome={chromeFor(staff, await siteTitle())}
        users={await accounts.listUsers()}
        {...(notice && { notice })}
        {...(problem && { problem: problem.fields?.role ? `Role ${problem.fields.role}.` : problem.message })}
      />
    );
    return reply
      .code(problem?.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(renderDocument(page));
  }

  // The id's schema answers 404 for an id that names no row (0, letters, past PostgreSQL's integer).
  const options = { config: { permission: 'user.manage' }, schema: { params: IdParamsSchema } } as const;

  app.post('/users/:id/disable', options, (request, reply) =>
    answer(request, reply, async () => {
      const user = await accounts.setDisabled({
        userId: request.params.id,
        disabled: true,
        actor: staffOf(request),
      });
      return `${user.name} is disabled and signed out everywhere.`;
    }),
  );

  app.post('/users/:id/enable', options, (request, reply) =>
    answer(request, reply, async () => {
      const user = await accounts.setDisabled({
        userId: request.params.id,
        disabled: false,
        actor: staffOf(request),
      });
      return `${user.name} can sign in again.`;
    }),
  );

  app.post<{ Params: { id: number }; Body: Record<string, string | undefined> }>(
    '/users/:id/role',
    options,
    (request, reply) =>
      answer(request, reply, async () => {
        const user = await accounts.changeRole({
          userId: request.params.id,
          role: request.body?.role,
          actor: staffOf(request),
        });
        return `${user.name} is now ${/^[aeiou]/.test(user.role) ? 'an' : 'a'} ${user.role}.`;
      }),
  );

  app.post('/users/:id/sign-out', options, (request, reply) =>
    answer(request, reply, async () => {
      const userId = request.params.id;
      const ended = await accounts.endSessions({ userId, actor: staffOf(request) });
      const user = (await accounts.listUsers()).find((u) => u.id === userId);
      return `${user?.name ?? 'The account'} is signed out of ${ended === 1 ? '1 browser' : `${ended} browsers`}.`;
    }),
  );
};
