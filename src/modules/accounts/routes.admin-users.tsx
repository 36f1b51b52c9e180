import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { renderDocument } from '../../platform/render/html.ts';
import type { AccountService } from './service.ts';
import { chromeFor, SESSION_COOKIE, staffOf } from './staff-access.ts';
import { UsersPage } from './views/account-pages.tsx';

/** What the account actions need. */
export interface UserActionRoutesOptions {
  accounts: AccountService;
  siteTitle: () => Promise<string>;
}

type Params = { id: string };

/** A user id from the path, or a 404: PostgreSQL's integer ends at 2^31 - 1. */
function userIdOf(request: FastifyRequest<{ Params: Params }>): number {
  const { id } = request.params;
  const value = /^[1-9]\d{0,9}$/.test(id) ? Number(id) : 0;
  if (value < 1 || value > 2_147_483_647) throw new AppError('NOT_FOUND');
  return value;
}

/**
 * An admin's actions on one account, from the users screen: disable, enable, change the role, sign
 * out everywhere. Each answers with the users screen, saying what changed or why it was refused.
 */
export const userActionRoutes: FastifyPluginAsync<UserActionRoutesOptions> = async (
  app,
  { accounts, siteTitle },
) => {
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

  const config = { permission: 'user.manage' } as const;

  app.post<{ Params: Params }>('/users/:id/disable', { config }, (request, reply) =>
    answer(request, reply, async () => {
      const user = await accounts.setDisabled({
        userId: userIdOf(request),
        disabled: true,
        actor: staffOf(request),
      });
      return `${user.name} is disabled and signed out everywhere.`;
    }),
  );

  app.post<{ Params: Params }>('/users/:id/enable', { config }, (request, reply) =>
    answer(request, reply, async () => {
      const user = await accounts.setDisabled({
        userId: userIdOf(request),
        disabled: false,
        actor: staffOf(request),
      });
      return `${user.name} can sign in again.`;
    }),
  );

  app.post<{ Params: Params; Body: Record<string, string | undefined> }>(
    '/users/:id/role',
    { config },
    (request, reply) =>
      answer(request, reply, async () => {
        const user = await accounts.changeRole({
          userId: userIdOf(request),
          role: request.body?.role,
          actor: staffOf(request),
        });
        return `${user.name} is now ${/^[aeiou]/.test(user.role) ? 'an' : 'a'} ${user.role}.`;
      }),
  );

  app.post<{ Params: Params }>('/users/:id/sign-out', { config }, (request, reply) =>
    answer(request, reply, async () => {
      const userId = userIdOf(request);
      const ended = await accounts.endSessions({ userId, actor: staffOf(request) });
      const user = (await accounts.listUsers()).find((u) => u.id === userId);
      return `${user?.name ?? 'The account'} is signed out of ${ended === 1 ? '1 browser' : `${ended} browsers`}.`;
    }),
  );
};
