import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { refusalOf, type FormRefusal } from '../../platform/http/form-refusal.ts';
import { dropUnfitQuery, QueryTextSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { chromeFor, staffOf } from '../accounts/http.ts';
import type { SectionService } from './service.ts';
import { SectionsPage } from './views/admin/sections-page.tsx';

/** What the Sections screen needs. */
export interface SectionAdminOptions {
  sections: SectionService;
  siteTitle: () => Promise<string>;
}

const NOTICES: Record<string, string> = { saved: 'Section saved.', deleted: 'Section deleted.' };
const SectionsQuerySchema = Type.Object({ done: Type.Optional(QueryTextSchema) });

/** The errors a Sections form answers on the page, keeping what was typed. */
const FORM_ERRORS = new Set(['VALIDATION_FAILED', 'NOT_FOUND']);

function text(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const last: unknown = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last : '';
}

/** The Sections screen, mounted under /admin: 'section.manage' for every route. */
export const sectionAdminRoutes: FastifyPluginAsync<SectionAdminOptions> = async (
  scope,
  { sections, siteTitle },
) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const manage = { config: { permission: 'section.manage' } } as const;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; problem?: FormRefusal; status?: number },
  ) {
    return reply
      .code(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(
          <SectionsPage
            chrome={chromeFor(staffOf(request), await siteTitle())}
            sections={await sections.listWithCounts()}
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
    return reply.redirect(`/admin/sections?done=${done}`, 303);
  }

  app.get(
    '/sections',
    {
      ...manage,
      schema: { querystring: SectionsQuerySchema },
      preValidation: dropUnfitQuery(SectionsQuerySchema),
    },
    async (request, reply) => {
      const { done } = request.query;
      return page(request, reply, done !== undefined && NOTICES[done] ? { notice: NOTICES[done] } : {});
    },
  );

  // Adds a section, or updates the one with this slug: the same rule as `dateline section add`.
  app.post('/sections', manage, async (request, reply) => {
    const values = {
      name: text(request.body, 'name'),
      slug: text(request.body, 'slug').trim(),
      parent: text(request.body, 'parent').trim(),
      description: text(request.body, 'description'),
    };
    return act(request, reply, { name: 'save', values }, 'saved', (actor) => sections.save(values, actor));
  });

  app.post('/sections/delete', manage, async (request, reply) => {
    const slug = text(request.body, 'slug');
    return act(request, reply, { name: 'delete', values: { slug } }, 'deleted', (actor) =>
      sections.remove(slug, actor),
    );
  });
};
