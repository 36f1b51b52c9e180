import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { refusalOf, type FormRefusal } from '../../platform/http/form-refusal.ts';
import { dropUnfitQuery, IdParamsSchema, QueryTextSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { chromeFor, staffOf } from '../accounts/http.ts';
import type { Page, PageService } from './service.ts';
import { formValuesOf, PageForm, PagesList, type PageFormValues } from './views/admin-pages.tsx';

/** What the Pages screen needs. */
export interface PageAdminOptions {
  pages: PageService;
  site: () => Promise<{ title: string; timezone: string }>;
}

const NOTICES: Record<string, string> = { saved: 'Page saved.' };
const DoneQuerySchema = Type.Object({ done: Type.Optional(QueryTextSchema) });

/** The errors the page form answers in place, keeping what was typed. */
const FORM_ERRORS = new Set([
  'VALIDATION_FAILED',
  'SLUG_TAKEN',
  'BODY_TOO_COMPLEX',
  'RENDER_BUSY',
  'EDIT_CONFLICT',
  'IMAGE_ALT_MISSING',
]);

function text(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const last: unknown = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last : '';
}

function typedValues(body: unknown): PageFormValues {
  return {
    title: text(body, 'title'),
    slug: text(body, 'slug').trim(),
    parent: text(body, 'parent').trim(),
    description: text(body, 'description'),
    // Browsers send CRLF line ends from a textarea; the body is kept as the writer typed it otherwise.
    body: text(body, 'body').replace(/\r\n/g, '\n'),
    status: text(body, 'status'),
  };
}

/** The Pages screen, mounted under /admin: 'page.manage' (editors and admins) for every route. */
export const pageAdminRoutes: FastifyPluginAsync<PageAdminOptions> = async (scope, { pages, site }) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const manage = { config: { permission: 'page.manage' } } as const;

  async function form(
    request: FastifyRequest,
    reply: FastifyReply,
    args: {
      page: Page | undefined;
      values?: PageFormValues;
      problem?: FormRefusal;
      status?: number;
      notice?: string;
    },
  ) {
    const facts = await site();
    const [all, revisions] = await Promise.all([
      pages.list(),
      args.page ? pages.revisions(args.page.id) : Promise.resolve([]),
    ]);
    return reply
      .code(args.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(
          <PageForm
            chrome={chromeFor(staffOf(request), facts.title)}
            timezone={facts.timezone}
            page={args.page}
            values={args.values ?? formValuesOf(args.page)}
            parents={all}
            revisions={revisions}
            problem={args.problem}
            notice={args.notice}
          />,
        ),
      );
  }

  async function save(request: FastifyRequest, reply: FastifyReply, page: Page | undefined) {
    const values = typedValues(request.body);
    const staff = staffOf(request);
    let savedId = page?.id;
    const refused = await refusalOf({ name: 'page', values: { ...values } }, FORM_ERRORS, async () => {
      if (values.status !== 'draft' && values.status !== 'published')
        throw new AppError('VALIDATION_FAILED', { fields: { status: 'must be draft or published' } });
      // The Body field holds Dateline body HTML, as every page is stored.
      const { page: saved } = await pages.save(
        { ...values, status: values.status, bodyFormat: 'html' },
        { ...(page && { id: page.id }), actor: { id: staff.id, name: staff.name }, requireAlt: true },
      );
      savedId = saved.id;
    });
    if (refused)
      return form(request, reply, { page, values, problem: refused.problem, status: refused.status });
    return reply.redirect(`/admin/pages/${String(savedId)}/edit?done=saved`, 303);
  }

  app.get(
    '/pages',
    { ...manage, schema: { querystring: DoneQuerySchema }, preValidation: dropUnfitQuery(DoneQuerySchema) },
    async (request, reply) => {
      const facts = await site();
      const { done } = request.query;
      return reply
        .type('text/html; charset=utf-8')
        .send(
          renderDocument(
            <PagesList
              chrome={chromeFor(staffOf(request), facts.title)}
              pages={await pages.list()}
              notice={done !== undefined ? NOTICES[done] : undefined}
            />,
          ),
        );
    },
  );

  app.get('/pages/new', manage, async (request, reply) => form(request, reply, { page: undefined }));

  app.post('/pages', manage, async (request, reply) => save(request, reply, undefined));

  async function existing(id: number | string): Promise<Page> {
    const page = await pages.findById(Number(id));
    if (!page) throw new AppError('NOT_FOUND');
    return page;
  }

  app.get(
    '/pages/:id/edit',
    {
      ...manage,
      schema: { params: IdParamsSchema, querystring: DoneQuerySchema },
      preValidation: dropUnfitQuery(DoneQuerySchema),
    },
    async (request, reply) => {
      const { done } = request.query;
      const notice = done !== undefined ? NOTICES[done] : undefined;
      return form(request, reply, {
        page: await existing(request.params.id),
        ...(notice !== undefined && { notice }),
      });
    },
  );

  app.post('/pages/:id', { ...manage, schema: { params: IdParamsSchema } }, async (request, reply) =>
    save(request, reply, await existing(request.params.id)),
  );
};
