import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { refusalOf } from '../../platform/http/form-refusal.ts';
import { dropUnfitQuery, IdParamsSchema, QueryTextSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { chromeFor, staffOf } from '../accounts/http.ts';
import type { TagService } from './service.ts';
import { TagsPage, type TagFormProblem } from './views/admin/tags-page.tsx';

/** What the Tags screen needs. */
export interface TagAdminOptions {
  tags: TagService;
  siteTitle: () => Promise<string>;
}

/** `?done=<what>` after an action shows its notice. */
const NOTICES: Record<string, string> = {
  created: 'Tag added.',
  renamed: 'Tag renamed.',
  merged: 'Tags merged. The old address now redirects.',
  deleted: 'Tag deleted.',
  approved: 'Suggestion approved.',
  rejected: 'Suggestion rejected.',
};
const TagsQuerySchema = Type.Object({ done: Type.Optional(QueryTextSchema) });

/** The errors a Tags form answers on the page, keeping what was typed. */
const FORM_ERRORS = new Set(['VALIDATION_FAILED', 'SLUG_TAKEN', 'NOT_FOUND']);

function text(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const last: unknown = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last : '';
}

function id(value: string): number | undefined {
  return /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : undefined;
}

/** The Tags screen, mounted under /admin: 'tag.manage' for every route. */
export const tagAdminRoutes: FastifyPluginAsync<TagAdminOptions> = async (scope, { tags, siteTitle }) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const manage = { config: { permission: 'tag.manage' } } as const;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; problem?: TagFormProblem; status?: number },
  ) {
    const { tags: rows, suggestions } = await tags.overview();
    return reply
      .code(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(
          <TagsPage
            chrome={chromeFor(staffOf(request), await siteTitle())}
            tags={rows}
            suggestions={suggestions}
            {...(extra.notice !== undefined && { notice: extra.notice })}
            {...(extra.problem && { problem: extra.problem })}
          />,
        ),
      );
  }

  /** Runs an action; a refusal comes back on the page beside the form, with what was typed. */
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
    return reply.redirect(`/admin/tags?done=${done}`, 303);
  }

  app.get(
    '/tags',
    { ...manage, schema: { querystring: TagsQuerySchema }, preValidation: dropUnfitQuery(TagsQuerySchema) },
    async (request, reply) => {
      const done = request.query.done;
      return page(request, reply, done !== undefined && NOTICES[done] ? { notice: NOTICES[done] } : {});
    },
  );

  app.post('/tags', manage, async (request, reply) => {
    const name = text(request.body, 'name');
    return act(request, reply, { name: 'create', values: { name } }, 'created', (actor) =>
      tags.create({ name, actor }),
    );
  });

  const byId = { ...manage, schema: { params: IdParamsSchema } };
  app.post('/tags/:id/rename', byId, async (request, reply) => {
    const values = { name: text(request.body, 'name'), slug: text(request.body, 'slug') };
    return act(request, reply, { name: `rename-${request.params.id}`, values }, 'renamed', (actor) =>
      tags.rename({ id: request.params.id, name: values.name, slug: values.slug, actor }),
    );
  });

  app.post('/tags/:id/merge', byId, async (request, reply) => {
    const into = text(request.body, 'into');
    return act(
      request,
      reply,
      { name: `merge-${request.params.id}`, values: { into } },
      'merged',
      (actor) => {
        const intoId = id(into);
        if (intoId === undefined)
          throw new AppError('VALIDATION_FAILED', { fields: { into: 'choose the tag to merge into' } });
        return tags.merge({ id: request.params.id, intoId, actor });
      },
    );
  });

  app.post('/tags/:id/delete', byId, async (request, reply) =>
    act(request, reply, { name: `delete-${request.params.id}`, values: {} }, 'deleted', (actor) =>
      tags.remove({ id: request.params.id, actor }),
    ),
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(`/tags/suggestions/${decision}`, manage, async (request, reply) => {
      const values = { article_id: text(request.body, 'article_id'), slug: text(request.body, 'slug') };
      return act(request, reply, { name: 'suggestion', values }, `${decision}d`, (actor) => {
        const articleId = id(values.article_id);
        if (articleId === undefined || values.slug === '') throw new AppError('NOT_FOUND');
        return decision === 'approve'
          ? tags.approveSuggestion({ articleId, slug: values.slug, actor })
          : tags.rejectSuggestion({ articleId, slug: values.slug, actor });
      });
    });
  }
};
