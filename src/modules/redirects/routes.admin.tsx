import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { refusalOf } from '../../platform/http/form-refusal.ts';
import { dropUnfitQuery, PageNumberSchema, QueryTextSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { chromeFor, staffOf } from '../accounts/http.ts';
import { isRedirectStatus, type RedirectService } from './service.ts';
import { RedirectsPage, type RedirectFormProblem } from './views/redirects-page.tsx';

/** What the Redirects screen needs. */
export interface RedirectAdminOptions {
  redirects: RedirectService;
  siteTitle: () => Promise<string>;
}

const PER_PAGE = 50;
const NOTICES: Record<string, string> = { added: 'Redirect saved.', deleted: 'Redirect deleted.' };
const RedirectsQuerySchema = Type.Object({
  page: Type.Optional(PageNumberSchema),
  done: Type.Optional(QueryTextSchema),
});

/** The errors a Redirects form answers on the page, keeping what was typed. */
const FORM_ERRORS = new Set(['VALIDATION_FAILED', 'NOT_FOUND']);

function text(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const last: unknown = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last : '';
}

/** The Redirects screen, mounted under /admin: 'redirect.manage' for every route. */
export const redirectAdminRoutes: FastifyPluginAsync<RedirectAdminOptions> = async (
  scope,
  { redirects, siteTitle },
) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const manage = { config: { permission: 'redirect.manage' } } as const;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { page?: number; notice?: string; problem?: RedirectFormProblem; status?: number },
  ) {
    const n = extra.page ?? 1;
    const list = await redirects.page({ page: n, perPage: PER_PAGE });
    if (n > 1 && list.items.length === 0) throw new AppError('NOT_FOUND');
    return reply
      .code(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(
          <RedirectsPage
            chrome={chromeFor(staffOf(request), await siteTitle())}
            list={list}
            page={n}
            {...(extra.notice !== undefined && { notice: extra.notice })}
            {...(extra.problem && { problem: extra.problem })}
          />,
        ),
      );
  }

  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { name: string; values: Record<string, string> },
    done: string,
    run: (actor: { id: number; name: string }) => Promise<unknown>,
  ) {
    const staff = staffOf(request);
    const refused = await refusalOf(form, FORM_ERRORS, () => run({ id: staff.id, name: staff.name }));
    if (refused) return page(request, reply, refused);
    return reply.redirect(`/admin/redirects?done=${done}`, 303);
  }

  app.get(
    '/redirects',
    {
      ...manage,
      schema: { querystring: RedirectsQuerySchema },
      preValidation: dropUnfitQuery(RedirectsQuerySchema),
    },
    async (request, reply) => {
      const { done, page: n } = request.query;
      return page(request, reply, {
        ...(n !== undefined && { page: n }),
        ...(done !== undefined && NOTICES[done] && { notice: NOTICES[done] }),
      });
    },
  );

  app.post('/redirects', manage, async (request, reply) => {
    const values = {
      from: text(request.body, 'from').trim(),
      to: text(request.body, 'to').trim(),
      status: text(request.body, 'status') || '301',
      external: text(request.body, 'external') === 'yes' ? 'yes' : '',
    };
    return act(request, reply, { name: 'add', values }, 'added', (actor) => {
      const status = Number(values.status);
      if (!/^\d{3}$/.test(values.status) || !isRedirectStatus(status))
        throw new AppError('VALIDATION_FAILED', { fields: { status: 'must be 301, 302 or 410' } });
      return redirects.create({
        from: values.from,
        to: status === 410 ? '' : values.to,
        status,
        external: values.external === 'yes',
        actor,
      });
    });
  });

  app.post('/redirects/delete', manage, async (request, reply) => {
    const from = text(request.body, 'from');
    return act(request, reply, { name: 'delete', values: { from } }, 'deleted', (actor) =>
      redirects.remove({ from, actor }),
    );
  });
};
