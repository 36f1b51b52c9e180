import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { refusalOf, type FormRefusal } from '../../platform/http/form-refusal.ts';
import { dropUnfitQuery, IdParamsSchema, QueryTextSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { readId } from '../../platform/validation.ts';
import { can } from '../accounts/index.ts';
import { chromeFor, staffOf } from '../accounts/http.ts';
import type { WireService } from './service.ts';
import { WireDeskPage } from './views/wire-desk-page.tsx';

/** What the wire desk's screen needs. */
export interface WireAdminOptions {
  wire: WireService;
  siteTitle: () => Promise<string>;
}

const NOTICES: Record<string, string> = {
  added: 'Source added. Fetch it now, or the desk fetches it within ten minutes.',
  fetched: 'Fetched: the feed health table says how each source went.',
  merged: 'Stories merged.',
  split: 'The report is a story of its own now.',
  detached: 'The report is no longer treated as a copy.',
};

const WireQuerySchema = Type.Object({
  source: Type.Optional(QueryTextSchema),
  q: Type.Optional(QueryTextSchema),
  done: Type.Optional(QueryTextSchema),
});

/** The errors a desk form answers on the page, keeping what was typed. */
const FORM_ERRORS = new Set(['VALIDATION_FAILED', 'NOT_FOUND', 'WIRE_SOURCE_TAKEN']);

function text(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const last: unknown = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last : '';
}

/**
 * The wire desk, mounted under /admin. Reading it is 'wire.read' (every newsroom role), starting a
 * draft 'wire.draft' (every role: the draft is the starter's own, and a contributor still cannot
 * publish it), and changing sources or groupings 'wire.manage' (editors and admins).
 */
export const wireAdminRoutes: FastifyPluginAsync<WireAdminOptions> = async (scope, { wire, siteTitle }) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const read = { config: { permission: 'wire.read' } } as const;
  const draft = { config: { permission: 'wire.draft' } } as const;
  const manage = { config: { permission: 'wire.manage' } } as const;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      filter?: { sourceId?: number; words: string };
      notice?: string;
      problem?: FormRefusal;
      status?: number;
    },
  ) {
    const staff = staffOf(request);
    const filter = extra.filter ?? { words: '' };
    const [stories, sources] = await Promise.all([
      wire.listStories({
        ...(filter.sourceId !== undefined && { sourceId: filter.sourceId }),
        words: filter.words,
      }),
      wire.listSources(),
    ]);
    return reply
      .code(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(
          <WireDeskPage
            chrome={chromeFor(staff, await siteTitle())}
            stories={stories}
            sources={sources}
            filter={filter}
            canManage={can(staff, 'wire.manage')}
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
    run: () => Promise<unknown>,
  ) {
    const refused = await refusalOf(form, FORM_ERRORS, run);
    if (refused) return page(request, reply, refused);
    return reply.redirect(`/admin/wire?done=${done}`, 303);
  }

  const actorOf = (request: FastifyRequest) => {
    const staff = staffOf(request);
    return { id: staff.id, name: staff.name };
  };

  app.get(
    '/wire',
    { ...read, schema: { querystring: WireQuerySchema }, preValidation: dropUnfitQuery(WireQuerySchema) },
    async (request, reply) => {
      const { source, q, done } = request.query;
      const sourceId = source ? readId(source) : undefined;
      return page(request, reply, {
        filter: { ...(sourceId !== undefined && { sourceId }), words: (q ?? '').trim().slice(0, 200) },
        ...(done !== undefined && NOTICES[done] && { notice: NOTICES[done] }),
      });
    },
  );

  app.post('/wire/sources', manage, async (request, reply) => {
    const values = {
      name: text(request.body, 'name'),
      url: text(request.body, 'url').trim(),
      home_url: text(request.body, 'home_url').trim(),
      terms: text(request.body, 'terms') || 'link',
    };
    return act(request, reply, { name: 'add', values }, 'added', () =>
      wire.addSource(
        {
          name: values.name,
          url: values.url,
          terms: values.terms,
          ...(values.home_url !== '' && { homeUrl: values.home_url }),
        },
        { fromNewsroom: true },
      ),
    );
  });

  app.post('/wire/fetch', manage, async (_request, reply) => {
    // Failures are the sources' own and show in the feed health table; the fetch itself succeeded.
    await wire.fetchNow();
    return reply.redirect('/admin/wire?done=fetched', 303);
  });

  app.post(
    '/wire/stories/:id/merge',
    { ...manage, schema: { params: IdParamsSchema } },
    async (request, reply) => {
      const from = request.params.id;
      const into = text(request.body, 'into').trim();
      return act(request, reply, { name: `merge-${from}`, values: { into } }, 'merged', () => {
        const target = readId(into);
        if (target === undefined)
          throw new AppError('VALIDATION_FAILED', { fields: { into: 'must be a story number' } });
        return wire.mergeStories({ into: target, from, actor: actorOf(request) });
      });
    },
  );

  app.post(
    '/wire/items/:id/split',
    { ...manage, schema: { params: IdParamsSchema } },
    async (request, reply) => {
      const itemId = request.params.id;
      return act(request, reply, { name: 'split', values: {} }, 'split', () =>
        wire.splitItem({ itemId, actor: actorOf(request) }),
      );
    },
  );

  app.post(
    '/wire/items/:id/detach',
    { ...manage, schema: { params: IdParamsSchema } },
    async (request, reply) => {
      const itemId = request.params.id;
      return act(request, reply, { name: 'detach', values: {} }, 'detached', () =>
        wire.detachDuplicate({ itemId, actor: actorOf(request) }),
      );
    },
  );

  async function startDraft(
    request: FastifyRequest,
    reply: FastifyReply,
    target: { itemId?: number; storyId?: number },
  ) {
    const staff = staffOf(request);
    let drafted: { id: number } | undefined;
    const refused = await refusalOf({ name: 'draft', values: {} }, FORM_ERRORS, async () => {
      drafted = await wire.startDraft({
        ...target,
        actor: { id: staff.id, name: staff.name, authorId: staff.authorId },
      });
    });
    if (refused) return page(request, reply, refused);
    if (!drafted) throw new Error('a draft was neither started nor refused');
    // The draft opens in the writing desk, as "New article" would.
    return reply.redirect(`/admin/articles/${drafted.id}/edit`, 303);
  }

  app.post(
    '/wire/items/:id/draft',
    { ...draft, schema: { params: IdParamsSchema } },
    async (request, reply) => startDraft(request, reply, { itemId: request.params.id }),
  );

  app.post(
    '/wire/stories/:id/draft',
    { ...draft, schema: { params: IdParamsSchema } },
    async (request, reply) => startDraft(request, reply, { storyId: request.params.id }),
  );
};
