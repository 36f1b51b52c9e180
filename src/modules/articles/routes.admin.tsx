import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { ArticleStatus } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeFormsAsTheyArrive } from '../../platform/http/form-stream.ts';
import {
  dropUnfitQuery,
  IdParamsSchema,
  IdSchema,
  PageNumberSchema,
  QueryTextSchema,
} from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { can } from '../accounts/index.ts';
import { chromeFor, staffOf } from '../accounts/http.ts';
import type { AuthorService } from '../authors/index.ts';
import type { SectionService } from '../sections/index.ts';
import { toSiteInfo, type SettingsService } from '../settings/index.ts';
import type { TagService } from '../tags/index.ts';
import type { UploadService } from '../uploads/index.ts';
import { fieldLimits, readEditorForm, type EditorForm } from './editor-form.ts';
import type { EditorState } from './newsroom.ts';
import type { ArticleService } from './service.ts';
import { EditorPage } from './views/admin/editor-page.tsx';
import type { DeskFlowView } from './views/admin/desk-flow.tsx';
import { ArticleListPage } from './views/admin/list-page.tsx';
import { RevisionDiffPage, RevisionListPage } from './views/admin/revision-pages.tsx';

/** What the newsroom's article screens need. */
export interface ArticleAdminOptions {
  articles: ArticleService;
  authors: AuthorService;
  tags: TagService;
  sections: SectionService;
  settings: SettingsService;
  /** The upload library, for the Featured image field's script-free list; without it the list is empty. */
  uploads?: Pick<UploadService, 'listRecent' | 'findUploads'>;
  /** The address readers reach the site at, for the writing aids' search and share preview. */
  publicUrl?: string;
}

const PER_PAGE = 25;
// The Featured image field's script-free list offers this many of the newest uploads.
const RECENT_UPLOADS = 12;
// The largest editor form that can pass the field limits: a form-encoded character takes at most
// nine bytes (three UTF-8 bytes, each as %XX), plus room for the field names, version and token.
// Anything larger is refused (413) before it is parsed.
const EDITOR_BODY_LIMIT = 9 * Object.values(fieldLimits).reduce((sum, n) => sum + n, 0) + 16 * 1024;
const filterText = Type.String({ maxLength: 200 });

/** The list's filters; one that does not fit is dropped, and the list shows everything for it. */
const ListQuerySchema = Type.Object({
  status: Type.Optional(
    Type.Union([
      Type.Literal('draft'),
      Type.Literal('scheduled'),
      Type.Literal('published'),
      Type.Literal('unpublished'),
      // Drafts marked ready for review: the editors' "Ready for review" list.
      Type.Literal('review'),
    ]),
  ),
  author: Type.Optional(filterText),
  tag: Type.Optional(filterText),
  q: Type.Optional(filterText),
  page: Type.Optional(PageNumberSchema),
  deleted: Type.Optional(QueryTextSchema),
});

/** The editor's address: an autosave to open instead, and the notice after a save or a restore. */
const EditorQuerySchema = Type.Object({
  autosave: Type.Optional(IdSchema),
  saved: Type.Optional(QueryTextSchema),
  restored: Type.Optional(IdSchema),
});

const RevisionParamsSchema = Type.Object({ id: IdSchema, rev: IdSchema });

/** How the previewed body is written: HTML (the Body field's) without it. */
const PreviewQuerySchema = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('markdown'), Type.Literal('html')])),
});

function sendHtml(reply: FastifyReply, node: Parameters<typeof renderDocument>[0], status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(renderDocument(node));
}

const savedNotices: Record<string, string> = {
  draft: 'Draft saved.',
  review: 'Submitted for review: the editors see it in “Ready for review”.',
  published: 'Published.',
  scheduled: 'Scheduled.',
  unpublished: 'Unpublished: readers no longer see it.',
};

// Errors a person can fix in the form (or by waiting); the editor comes back with their text and the reasons.
const formErrors = new Set([
  'VALIDATION_FAILED',
  'SLUG_TAKEN',
  'EDIT_CONFLICT',
  'BODY_TOO_COMPLEX',
  'RENDER_BUSY',
  'NEWSROOM_RATE_LIMITED',
  'IMAGE_ALT_MISSING',
]);

/** The newsroom's article screens: list, editor, revisions, autosave, preview, delete. Mounted under /admin. */
export const articleAdminRoutes: FastifyPluginAsync<ArticleAdminOptions> = async (
  scope,
  { articles, authors, tags, sections, settings, uploads, publicUrl = '' },
) => {
  // The editor's forms reach 1.5 MB encoded at the body limit: decoded as they arrive, they never
  // hold the event loop for long.
  decodeFormsAsTheyArrive(scope);
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  async function site() {
    const all = await settings.all();
    return { title: all['site.title'], timeZone: all['site.timezone'], info: toSiteInfo(all, publicUrl) };
  }

  app.get(
    '/articles',
    {
      config: { permission: 'admin.enter' },
      schema: { querystring: ListQuerySchema },
      preValidation: dropUnfitQuery(ListQuerySchema),
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const query = request.query;
      const filters: { status: ArticleStatus | 'review' | ''; author: string; tag: string; q: string } = {
        status: query.status ?? '',
        author: query.author ?? '',
        tag: query.tag ?? '',
        q: (query.q ?? '').trim(),
      };
      const page = query.page ?? 1;
      const [{ title, timeZone }, list, authorList, tagList] = await Promise.all([
        site(),
        articles.listForDesk({
          actor: staff,
          page,
          perPage: PER_PAGE,
          ...(filters.status === 'review'
            ? { isReadyForReview: true }
            : filters.status && { status: filters.status }),
          ...(filters.author && { authorSlug: filters.author }),
          ...(filters.tag && { tagSlug: filters.tag }),
          ...(filters.q && { query: filters.q }),
        }),
        authors.list(),
        tags.list(),
      ]);
      const editing = await articles.editingNow({
        articleIds: list.items.map((i) => i.id),
        exceptUserId: staff.id,
      });
      return sendHtml(
        reply,
        <ArticleListPage
          editing={editing}
          chrome={chromeFor(staff, title)}
          items={list.items}
          hasNext={list.hasNext}
          page={page}
          filters={filters}
          timeZone={timeZone}
          authors={authorList}
          tags={tagList}
          notice={query.deleted !== undefined ? 'The article is deleted.' : undefined}
        />,
      );
    },
  );

  /** The newest uploads for the Featured image field, and the chosen one when it is older. */
  async function recentUploads(chosen: string) {
    if (!uploads) return [];
    const recent = await uploads.listRecent({ limit: RECENT_UPLOADS });
    const id = Number(chosen.trim());
    if (!Number.isSafeInteger(id) || id < 1 || recent.some((u) => u.id === id)) return recent;
    const older = (await uploads.findUploads([id])).get(id);
    return older ? [older, ...recent] : recent;
  }

  /** Renders the editor for `state`, with whatever the person typed and what went wrong. */
  async function editor(
    reply: FastifyReply,
    state: EditorState,
    extra: {
      status?: number;
      fields?: Record<string, string>;
      message?: string;
      notice?: string;
      previewHtml?: string;
      desk?: Partial<DeskFlowView>;
    } = {},
  ) {
    const staff = staffOf(reply.request);
    const id = state.id;
    const [{ title, timeZone, info }, authorList, tagList, sectionList, recent, presence, notes] =
      await Promise.all([
        site(),
        authors.list(),
        tags.list(),
        sections.list(),
        recentUploads(state.values.featured_image_id),
        // Opening the editor is a heartbeat: the others who have it open are named, and see this person.
        id === null ? undefined : articles.heartbeat({ id, actor: staff }),
        id === null ? [] : articles.listNotes({ id, actor: staff }),
      ]);
    return sendHtml(
      reply,
      <EditorPage
        chrome={chromeFor(staff, title)}
        state={state}
        timeZone={timeZone}
        fields={extra.fields}
        message={extra.message}
        notice={extra.notice}
        previewHtml={extra.previewHtml}
        authorOptions={authorList.map((a) => ({ slug: a.slug, name: a.name }))}
        recentUploads={recent}
        tagOptions={tagList.map((t) => t.name)}
        sectionOptions={sectionList.map((s) => ({
          slug: s.slug,
          label: s.parent ? `${s.parent.name} › ${s.name}` : s.name,
        }))}
        mayCreateTags={can(staff, 'tag.manage')}
        site={info}
        desk={
          presence && {
            editing: presence.editing,
            notes,
            mayAddNote: can(staff, 'article.edit-any'),
            ...extra.desk,
          }
        }
      />,
      extra.status,
    );
  }

  app.get('/articles/new', { config: { permission: 'article.create' } }, async (request, reply) =>
    editor(reply, await articles.newEditorState(staffOf(request))),
  );

  app.get(
    '/articles/:id/edit',
    {
      config: { permission: 'article.edit' },
      schema: { params: IdParamsSchema, querystring: EditorQuerySchema },
      preValidation: dropUnfitQuery(EditorQuerySchema),
    },
    async (request, reply) => {
      const { id } = request.params;
      const { autosave, saved, restored } = request.query;
      const state = await articles.editorState({
        id,
        actor: staffOf(request),
        timeZone: (await site()).timeZone,
        ...(autosave !== undefined && { autosaveId: autosave }),
      });
      const notice =
        (saved !== undefined && Object.hasOwn(savedNotices, saved) ? savedNotices[saved] : undefined) ??
        (restored !== undefined ? `Revision ${restored} is restored.` : undefined);
      return editor(reply, state, notice ? { notice } : {});
    },
  );

  /** One handler for both saves: a new article (id null) and an existing one. */
  async function save(id: number | null, form: EditorForm, reply: FastifyReply) {
    const staff = staffOf(reply.request);
    const { timeZone } = await site();
    // The state the form is re-rendered on, carrying the person's own values.
    // `isNewer` takes the stored version instead of the one the person loaded.
    const stateWith = async (isNewer = false): Promise<EditorState> => {
      const base =
        id === null
          ? await articles.newEditorState(staff)
          : await articles.editorState({ id, actor: staff, timeZone });
      const version = isNewer ? base.version : form.version;
      return { ...base, values: form.values, version, newerAutosave: null, fromAutosave: null };
    };
    try {
      if (form.action === 'preview') {
        const state = await stateWith();
        const previewHtml = await articles.previewBody({
          body: form.values.body,
          actor: staff,
          format: state.bodyFormat,
        });
        return await editor(reply, state, { previewHtml });
      }
      const saved = await articles.saveFromEditor({ id, form, actor: staff, timeZone });
      const notice = form.action === 'submit' && saved.status === 'draft' ? 'review' : saved.status;
      return reply.redirect(`/admin/articles/${saved.id}/edit?saved=${notice}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || !formErrors.has(error.code)) throw error;
      // After a conflict both texts are kept: the person's stays in the form (and as their
      // autosave), the colleague's is shown with the difference. The form carries the newer
      // version: saving again is a deliberate overwrite.
      const conflict =
        error.code === 'EDIT_CONFLICT' && id !== null
          ? await articles.conflictOf({ id, actor: staff, values: form.values })
          : undefined;
      return editor(reply, await stateWith(error.code === 'EDIT_CONFLICT'), {
        status: error.status,
        ...(error.fields && { fields: error.fields }),
        ...(error.code !== 'VALIDATION_FAILED' && { message: error.message }),
        ...(conflict && { desk: { conflict } }),
      });
    }
  }

  // The editor's posts keep their own reader (editor-form.ts): a schema that refused a form would lose
  // what was typed, and the editor must come back with every word of it.
  app.post<{ Body: unknown }>(
    '/articles',
    { config: { permission: 'article.create' }, bodyLimit: EDITOR_BODY_LIMIT },
    async (request, reply) => save(null, readEditorForm(request.body), reply),
  );

  app.post(
    '/articles/preview',
    {
      config: { permission: 'article.create' },
      bodyLimit: EDITOR_BODY_LIMIT,
      schema: { querystring: PreviewQuerySchema },
      preValidation: dropUnfitQuery(PreviewQuerySchema),
    },
    async (request, reply) => {
      const body = readEditorForm(request.body).values.body;
      // sanitizeBody's output (after markdown-it, raw HTML escaped, for Markdown): as safe as the
      // article page's body, whichever format the address names.
      const format = request.query.format ?? 'html';
      const html = await articles.previewBody({ body, actor: staffOf(request), format });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.post(
    '/articles/:id',
    {
      config: { permission: 'article.edit' },
      bodyLimit: EDITOR_BODY_LIMIT,
      schema: { params: IdParamsSchema },
    },
    async (request, reply) => save(request.params.id, readEditorForm(request.body), reply),
  );

  app.post(
    '/articles/:id/autosave',
    {
      config: { permission: 'article.edit' },
      bodyLimit: EDITOR_BODY_LIMIT,
      schema: { params: IdParamsSchema },
    },
    async (request, reply) => {
      const { values } = readEditorForm(request.body);
      if (values.body.length > fieldLimits.body) throw new AppError('PAYLOAD_TOO_LARGE');
      const saved = await articles.autosave({
        id: request.params.id,
        values,
        actor: staffOf(request),
      });
      return reply.send({ ok: true, revision: saved.revisionId, saved_at: saved.savedAt });
    },
  );

  app.get(
    '/articles/:id/revisions',
    { config: { permission: 'article.edit' }, schema: { params: IdParamsSchema } },
    async (request, reply) => {
      const staff = staffOf(request);
      const { id } = request.params;
      const [{ title: siteTitle, timeZone }, { title, revisions }] = await Promise.all([
        site(),
        articles.listRevisions({ id, actor: staff }),
      ]);
      return sendHtml(
        reply,
        <RevisionListPage
          chrome={chromeFor(staff, siteTitle)}
          articleId={id}
          title={title}
          revisions={revisions}
          timeZone={timeZone}
        />,
      );
    },
  );

  async function diffPage(
    reply: FastifyReply,
    args: { id: number; revisionId: number },
    extra: { status?: number; fields?: Record<string, string>; message?: string } = {},
  ) {
    const staff = staffOf(reply.request);
    const [{ title: siteTitle, timeZone }, diff] = await Promise.all([
      site(),
      articles.revisionDiff({ ...args, actor: staff }),
    ]);
    return sendHtml(
      reply,
      <RevisionDiffPage
        chrome={chromeFor(staff, siteTitle)}
        articleId={args.id}
        title={diff.title}
        revision={diff.revision}
        diffs={diff.diffs}
        timeZone={timeZone}
        fields={extra.fields}
        message={extra.message}
      />,
      extra.status,
    );
  }

  app.get(
    '/articles/:id/revisions/:rev',
    { config: { permission: 'article.edit' }, schema: { params: RevisionParamsSchema } },
    async (request, reply) => diffPage(reply, { id: request.params.id, revisionId: request.params.rev }),
  );

  app.post(
    '/articles/:id/revisions/:rev/restore',
    { config: { permission: 'article.edit' }, schema: { params: RevisionParamsSchema } },
    async (request, reply) => {
      const args = { id: request.params.id, revisionId: request.params.rev };
      try {
        await articles.restoreRevision({ ...args, actor: staffOf(request) });
        return reply.redirect(`/admin/articles/${args.id}/edit?restored=${args.revisionId}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || !formErrors.has(error.code)) throw error;
        const canEditFix = error.code === 'VALIDATION_FAILED' || error.code === 'SLUG_TAKEN';
        return diffPage(reply, args, {
          status: error.status,
          ...(error.fields && { fields: error.fields }),
          message: canEditFix
            ? 'This revision cannot be restored as it is: open the editor and change it there.'
            : error.message,
        });
      }
    },
  );

  // Who else is in the editor: the editor's script beats every 20 seconds. JSON, names only.
  app.post(
    '/articles/:id/presence',
    { config: { permission: 'article.edit' }, schema: { params: IdParamsSchema } },
    async (request, reply) => {
      const { editing } = await articles.heartbeat({ id: request.params.id, actor: staffOf(request) });
      return reply.header('cache-control', 'no-store').send({ editing });
    },
  );

  // An editor's note on the article. A refused note comes back in its box, as typed.
  app.post<{ Params: { id: number }; Body: unknown }>(
    '/articles/:id/notes',
    { config: { permission: 'article.edit' }, schema: { params: IdParamsSchema } },
    async (request, reply) => {
      const staff = staffOf(request);
      const { id } = request.params;
      const record = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<
        string,
        unknown
      >;
      const note = typeof record.note === 'string' ? record.note : '';
      try {
        await articles.addNote({ id, actor: staff, body: note });
        return reply.redirect(`/admin/articles/${id}/edit#notes-heading`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
        const state = await articles.editorState({ id, actor: staff, timeZone: (await site()).timeZone });
        return editor(reply, state, {
          status: error.status,
          message: 'The note was not added.',
          desk: { noteDraft: note, ...(error.fields && { noteFields: error.fields }) },
        });
      }
    },
  );

  app.post(
    '/articles/:id/delete',
    { config: { permission: 'article.delete' }, schema: { params: IdParamsSchema } },
    async (request, reply) => {
      await articles.deleteArticle({ id: request.params.id, actor: staffOf(request) });
      return reply.redirect('/admin/articles?deleted', 303);
    },
  );
};
