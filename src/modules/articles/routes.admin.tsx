import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ArticleStatus } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeFormsAsTheyArrive } from '../../platform/http/form-stream.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { chromeFor, staffOf } from '../accounts/http.ts';
import type { AuthorService } from '../authors/index.ts';
import type { SettingsService } from '../settings/index.ts';
import type { TagService } from '../tags/index.ts';
import type { UploadService } from '../uploads/index.ts';
import { fieldLimits, readEditorForm, type EditorForm } from './editor-form.ts';
import type { EditorState } from './newsroom.ts';
import type { ArticleService } from './service.ts';
import { EditorPage } from './views/admin/editor-page.tsx';
import { ArticleListPage } from './views/admin/list-page.tsx';
import { RevisionDiffPage, RevisionListPage } from './views/admin/revision-pages.tsx';

/** What the newsroom's article screens need. */
export interface ArticleAdminOptions {
  articles: ArticleService;
  authors: AuthorService;
  tags: TagService;
  settings: SettingsService;
  /** The upload library, for the featured-image picker; without it the editor asks for a number only. */
  uploads?: Pick<UploadService, 'listRecent'>;
}

type Query = Record<string, string | string[] | undefined>;

const PER_PAGE = 25;
// The featured-image picker shows this many of the newest uploads.
const RECENT_UPLOADS = 12;
// The largest editor form that can pass the field limits: a form-encoded character takes at most
// nine bytes (three UTF-8 bytes, each as %XX), plus room for the field names, version and token.
// Anything larger is refused (413) before it is parsed.
const EDITOR_BODY_LIMIT = 9 * Object.values(fieldLimits).reduce((sum, n) => sum + n, 0) + 16 * 1024;
const statuses = new Set<ArticleStatus>(['draft', 'scheduled', 'published', 'unpublished']);

const one = (query: Query, name: string): string => {
  const value = query[name];
  return typeof value === 'string' ? value.slice(0, 200) : '';
};

function idOf(text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw notFound();
  return Number(text);
}

function sendHtml(reply: FastifyReply, node: Parameters<typeof renderDocument>[0], status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(renderDocument(node));
}

const savedNotices: Record<string, string> = {
  draft: 'Draft saved.',
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
]);

/** The newsroom's article screens: list, editor, revisions, autosave, preview, delete. Mounted under /admin. */
export const articleAdminRoutes: FastifyPluginAsync<ArticleAdminOptions> = async (
  app,
  { articles, authors, tags, settings, uploads },
) => {
  // The editor's forms reach 1.5 MB encoded at the body limit: decoded as they arrive, they never
  // hold the event loop for long.
  decodeFormsAsTheyArrive(app);
  async function site() {
    const all = await settings.all();
    return { title: all['site.title'], timeZone: all['site.timezone'] };
  }

  app.get<{ Querystring: Query }>(
    '/articles',
    { config: { permission: 'admin.enter' } },
    async (request, reply) => {
      const staff = staffOf(request);
      const query = request.query;
      const status = one(query, 'status');
      const filters = {
        status: statuses.has(status as ArticleStatus) ? status : '',
        author: one(query, 'author'),
        tag: one(query, 'tag'),
        q: one(query, 'q').trim(),
      };
      const pageText = one(query, 'page');
      const page = /^[1-9]\d{0,4}$/.test(pageText) ? Number(pageText) : 1;
      const [{ title, timeZone }, list, authorList, tagList] = await Promise.all([
        site(),
        articles.listForDesk({
          actor: staff,
          page,
          perPage: PER_PAGE,
          ...(filters.status && { status: filters.status as ArticleStatus }),
          ...(filters.author && { authorSlug: filters.author }),
          ...(filters.tag && { tagSlug: filters.tag }),
          ...(filters.q && { query: filters.q }),
        }),
        authors.list(),
        tags.list(),
      ]);
      return sendHtml(
        reply,
        <ArticleListPage
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
    } = {},
  ) {
    const staff = staffOf(reply.request);
    const [{ title, timeZone }, authorList, recent] = await Promise.all([
      site(),
      authors.list(),
      uploads ? uploads.listRecent({ limit: RECENT_UPLOADS }) : [],
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
      />,
      extra.status,
    );
  }

  app.get('/articles/new', { config: { permission: 'article.create' } }, async (request, reply) =>
    editor(reply, await articles.newEditorState(staffOf(request))),
  );

  app.get<{ Params: { id: string }; Querystring: Query }>(
    '/articles/:id/edit',
    { config: { permission: 'article.edit' } },
    async (request, reply) => {
      const id = idOf(request.params.id);
      const query = request.query;
      const autosave = one(query, 'autosave');
      const state = await articles.editorState({
        id,
        actor: staffOf(request),
        timeZone: (await site()).timeZone,
        ...(/^\d{1,9}$/.test(autosave) && { autosaveId: Number(autosave) }),
      });
      const saved = one(query, 'saved');
      const restored = one(query, 'restored');
      const notice =
        savedNotices[saved] ?? (/^\d+$/.test(restored) ? `Revision ${restored} is restored.` : undefined);
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
        const previewHtml = await articles.previewBody({ body: form.values.body, actor: staff });
        return await editor(reply, await stateWith(), { previewHtml });
      }
      const saved = await articles.saveFromEditor({ id, form, actor: staff, timeZone });
      return reply.redirect(`/admin/articles/${saved.id}/edit?saved=${saved.status}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || !formErrors.has(error.code)) throw error;
      // After a conflict the form carries the newer version: saving again is a deliberate overwrite.
      return editor(reply, await stateWith(error.code === 'EDIT_CONFLICT'), {
        status: error.status,
        ...(error.fields && { fields: error.fields }),
        ...(error.code !== 'VALIDATION_FAILED' && { message: error.message }),
      });
    }
  }

  app.post<{ Body: unknown }>(
    '/articles',
    { config: { permission: 'article.create' }, bodyLimit: EDITOR_BODY_LIMIT },
    async (request, reply) => save(null, readEditorForm(request.body), reply),
  );

  app.post<{ Body: unknown }>(
    '/articles/preview',
    { config: { permission: 'article.create' }, bodyLimit: EDITOR_BODY_LIMIT },
    async (request, reply) => {
      const body = readEditorForm(request.body).values.body;
      // markdown-it with raw HTML escaped: the fragment is as safe as the article page's body.
      const html = await articles.previewBody({ body, actor: staffOf(request) });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.post<{ Params: { id: string }; Body: unknown }>(
    '/articles/:id',
    { config: { permission: 'article.edit' }, bodyLimit: EDITOR_BODY_LIMIT },
    async (request, reply) => save(idOf(request.params.id), readEditorForm(request.body), reply),
  );

  app.post<{ Params: { id: string }; Body: unknown }>(
    '/articles/:id/autosave',
    { config: { permission: 'article.edit' }, bodyLimit: EDITOR_BODY_LIMIT },
    async (request, reply) => {
      const { values } = readEditorForm(request.body);
      if (values.body.length > fieldLimits.body) throw new AppError('PAYLOAD_TOO_LARGE');
      const saved = await articles.autosave({
        id: idOf(request.params.id),
        values,
        actor: staffOf(request),
      });
      return reply.send({ ok: true, revision: saved.revisionId, saved_at: saved.savedAt });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/articles/:id/revisions',
    { config: { permission: 'article.edit' } },
    async (request, reply) => {
      const staff = staffOf(request);
      const id = idOf(request.params.id);
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

  app.get<{ Params: { id: string; rev: string } }>(
    '/articles/:id/revisions/:rev',
    { config: { permission: 'article.edit' } },
    async (request, reply) =>
      diffPage(reply, { id: idOf(request.params.id), revisionId: idOf(request.params.rev) }),
  );

  app.post<{ Params: { id: string; rev: string } }>(
    '/articles/:id/revisions/:rev/restore',
    { config: { permission: 'article.edit' } },
    async (request, reply) => {
      const args = { id: idOf(request.params.id), revisionId: idOf(request.params.rev) };
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

  app.post<{ Params: { id: string } }>(
    '/articles/:id/delete',
    { config: { permission: 'article.delete' } },
    async (request, reply) => {
      await articles.deleteArticle({ id: idOf(request.params.id), actor: staffOf(request) });
      return reply.redirect('/admin/articles?deleted', 303);
    },
  );
};
