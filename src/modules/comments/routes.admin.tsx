import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { CommentStatus } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import {
  dropUnfitQuery,
  IdParamsSchema,
  PageNumberSchema,
  QueryTextSchema,
  readId,
  readPageNumber,
} from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { chromeFor, staffOf } from '../accounts/http.ts';
import type { CommentEditValues, CommentService, ModerationAction } from './service.ts';
import { EditCommentPage } from './views/admin/edit-page.tsx';
import { ModerationPage, QUEUES } from './views/admin/moderation-page.tsx';
import { queueUrl, type QueueView } from './views/admin/queue-url.ts';

/** What the moderation screens need. */
export interface CommentAdminRoutesOptions {
  comments: CommentService;
  /** The site's title and time zone, read per request so that a settings change shows at once. */
  site: () => Promise<{ title: string; timezone: string }>;
}

/** Comments per page of a queue. */
export const MODERATION_PAGE_SIZE = 20;

const ACTIONS: readonly ModerationAction[] = ['approve', 'spam', 'trash', 'restore'];
const STATUSES = new Set<string>(QUEUES.map((q) => q.status));

type Form = Record<string, unknown>;

/** A queue's address: which queue, whose comments, which page, and the notice of what was just done. */
const QueueQuerySchema = Type.Object({
  status: Type.Optional(Type.String({ maxLength: 20 })),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  page: Type.Optional(PageNumberSchema),
  done: Type.Optional(QueryTextSchema),
  /** How many comments the action changed; 0 is a notice of its own. */
  n: Type.Optional(Type.Integer({ minimum: 0, maximum: 999_999 })),
});

/** A posted form, whatever a client sent: the readers below take each field's text or nothing. */
function formOf(body: unknown): Form | undefined {
  return body && typeof body === 'object' ? (body as Form) : undefined;
}

/** One text field of a form, whatever shape a client sent it in. */
function field(body: Form | undefined, name: string): string {
  const value = body?.[name];
  const text: unknown = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text : '';
}

/** The view a request names; anything unrecognised falls back to the default rather than failing. */
function readView(input: { status?: string; email?: string; page?: number | undefined }): QueueView {
  const email = input.email?.trim().toLowerCase().slice(0, 254) ?? '';
  const status = input.status !== undefined && STATUSES.has(input.status) ? input.status : undefined;
  const page = input.page ?? 1;
  return {
    ...(email !== '' && { email }),
    // Without an email the screen shows one queue, the pending one first; with one, every queue.
    ...(status ? { status: status as CommentStatus } : email === '' && { status: 'pending' as const }),
    page,
  };
}

const notices: Record<string, (n: number) => string> = {
  approve: (n) => `${count(n)} approved.`,
  spam: (n) => `${count(n)} marked as spam.`,
  trash: (n) => `${count(n)} moved to the trash.`,
  restore: (n) => `${count(n)} restored.`,
  edited: () => 'Comment saved.',
  replied: () => 'Reply posted.',
  unchosen: () => 'Nothing changed: choose an action and tick at least one comment.',
};

function count(n: number): string {
  return n === 1 ? '1 comment' : `${n} comments`;
}

/** The notice for a code in the address; the text is always the screen's own, never the address's. */
function noticeFor(code: string | undefined, n: number | undefined): string | undefined {
  if (code === undefined || !Object.hasOwn(notices, code)) return undefined;
  const changed = n ?? 0;
  return changed === 0 && ACTIONS.includes(code as ModerationAction)
    ? 'No comment changed.'
    : notices[code]?.(changed);
}

/** Where an action's form sends the moderator back to: the queue and page it was posted from. */
function back(body: Form | undefined, done: { code: string; count?: number }): string {
  return queueUrl(
    readView({
      status: field(body, 'queue'),
      email: field(body, 'email'),
      page: readPageNumber(field(body, 'page')),
    }),
    done,
  );
}

/** The moderation screens, mounted under /admin: queues, one-at-a-time and bulk actions, edit and reply. */
export const commentAdminRoutes: FastifyPluginAsync<CommentAdminRoutesOptions> = async (
  scope,
  { comments, site },
) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const permission = 'comment.moderate' as const;
  const html = (reply: FastifyReply, node: Parameters<typeof renderDocument>[0], status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').send(renderDocument(node));

  app.get(
    '/comments',
    {
      config: { permission },
      schema: { querystring: QueueQuerySchema },
      preValidation: dropUnfitQuery(QueueQuerySchema),
    },
    async (request, reply) => {
      const view = readView(request.query);
      const { title, timezone } = await site();
      let queue = await comments.moderationQueue({ ...view, perPage: MODERATION_PAGE_SIZE });
      const lastPage = Math.max(1, Math.ceil(queue.total / MODERATION_PAGE_SIZE));
      // After the last comments of a page leave its queue, show the page that is now the last.
      if (view.page > lastPage) {
        view.page = lastPage;
        queue = await comments.moderationQueue({ ...view, perPage: MODERATION_PAGE_SIZE });
      }
      const notice = noticeFor(request.query.done, request.query.n);
      return html(
        reply,
        <ModerationPage
          chrome={chromeFor(staffOf(request), title)}
          view={view}
          comments={queue.comments}
          counts={queue.counts}
          total={queue.total}
          perPage={MODERATION_PAGE_SIZE}
          timezone={timezone}
          {...(notice && { notice })}
        />,
      );
    },
  );

  for (const action of ACTIONS) {
    app.post(
      `/comments/:id/${action}`,
      { config: { permission }, schema: { params: IdParamsSchema } },
      async (request, reply) => {
        const changed = await comments.moderate([request.params.id], action);
        return reply.redirect(back(formOf(request.body), { code: action, count: changed.length }), 303);
      },
    );
  }

  app.post<{ Body: Form }>('/comments/bulk', { config: { permission } }, async (request, reply) => {
    const body = request.body;
    const action = field(body, 'action');
    const raw = body?.ids;
    // Ticked boxes that name no comment are left out, as though they were not ticked.
    const ids = (Array.isArray(raw) ? raw : [raw])
      .map((v) => (typeof v === 'string' ? readId(v) : undefined))
      .filter((id) => id !== undefined)
      .slice(0, 500);
    if (!ACTIONS.includes(action as ModerationAction) || ids.length === 0)
      return reply.redirect(back(body, { code: 'unchosen' }), 303);
    const changed = await comments.moderate(ids, action as ModerationAction);
    return reply.redirect(back(body, { code: action, count: changed.length }), 303);
  });

  async function editPage(
    request: FastifyRequest,
    id: number,
    extra: {
      values?: CommentEditValues;
      fields?: Record<string, string>;
      reply?: string;
      replyFields?: Record<string, string>;
    } = {},
  ) {
    const comment = await comments.findForEditing(id);
    if (!comment) throw notFound();
    const staff = staffOf(request);
    const { title, timezone } = await site();
    return (
      <EditCommentPage
        chrome={chromeFor(staff, title)}
        comment={comment}
        timezone={timezone}
        values={
          extra.values ?? {
            author: comment.author_name,
            email: comment.author_email,
            url: comment.author_url ?? '',
            comment: comment.body,
          }
        }
        canReply={staff.authorId !== null}
        {...(extra.fields && { fields: extra.fields })}
        {...(extra.reply !== undefined && { reply: extra.reply })}
        {...(extra.replyFields && { replyFields: extra.replyFields })}
      />
    );
  }

  app.get(
    '/comments/:id/edit',
    { config: { permission }, schema: { params: IdParamsSchema } },
    async (request, reply) => html(reply, await editPage(request, request.params.id)),
  );

  // The edit and reply forms keep their own readers: a refused form comes back with what was typed.
  app.post(
    '/comments/:id/edit',
    { config: { permission }, schema: { params: IdParamsSchema } },
    async (request, reply) => {
      const { id } = request.params;
      const body = formOf(request.body);
      const values: CommentEditValues = {
        author: field(body, 'author'),
        email: field(body, 'email'),
        url: field(body, 'url'),
        comment: field(body, 'comment'),
      };
      try {
        await comments.editComment(id, values);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
        return html(reply, await editPage(request, id, { values, fields: error.fields ?? {} }), 400);
      }
      const edited = await comments.findForEditing(id);
      return reply.redirect(queueUrl({ status: edited?.status ?? 'pending' }, { code: 'edited' }), 303);
    },
  );

  app.post(
    '/comments/:id/reply',
    { config: { permission }, schema: { params: IdParamsSchema } },
    async (request, reply) => {
      const { id } = request.params;
      const staff = staffOf(request);
      const body = formOf(request.body);
      const text = field(body, 'body') || field(body, 'comment');
      try {
        if (staff.authorId === null)
          throw new AppError('VALIDATION_FAILED', {
            fields: { body: 'Your account has no author profile to reply as.' },
          });
        await comments.replyAsStaff({ parentId: id, author: { id: staff.authorId }, body: text });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
        const problem = Object.values(error.fields ?? {})[0] ?? error.message;
        return html(reply, await editPage(request, id, { reply: text, replyFields: { body: problem } }), 400);
      }
      return reply.redirect(back(body, { code: 'replied' }), 303);
    },
  );
};
