import type { Clock } from '../../platform/clock.ts';
import { lockKeys, transact, type Db } from '../../platform/db/database.ts';
import type { ArticleStatus } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { ArticleListing, Events } from '../../platform/events.ts';
import { can, type Actor, type ArticleSubject } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { defaultSectionSlug } from '../sections/index.ts';
import type { BodyFormat, MarkdownRenderer } from '../../platform/render/markdown-renderer.ts';
import type { NewsroomBudget } from './budget.ts';
import {
  blankValues,
  checkEditorValues,
  fieldLimits,
  type EditorForm,
  type EditorValues,
} from './editor-form.ts';
import {
  applyEdit,
  loadEditable,
  storedFields,
  subjectOf,
  type Intent,
  type RenderedBody,
} from './editor-save.ts';
import { fromLocalInput, toLocalInput } from './local-time.ts';
import * as desk from './newsroom-repository.ts';
import * as repo from './repository.ts';
import { autosavesToDrop, diffFields, parseSnapshot, type FieldDiff, type Snapshot } from './revisions.ts';

/** What the editor shows for one article (or a new one). */
export interface EditorState {
  /** Null for an article not saved yet. */
  id: number | null;
  values: EditorValues;
  /**
   * How the body is written. A new article is Markdown; an imported one may be 'html' (Dateline body
   * HTML): the editor then shows the HTML source, and a save renders it as HTML again.
   */
  bodyFormat: BodyFormat;
  status: ArticleStatus;
  /** When a draft was marked ready for review; null when it is not waiting for one. */
  reviewRequestedAt: string | null;
  /** The stored slug, for the "View" link; null when new. */
  storedSlug: string | null;
  publishedAt: string | null;
  /** Sent back with the form: a save over a newer version is refused (EDIT_CONFLICT). */
  version: string;
  canPublish: boolean;
  canDelete: boolean;
  /** The person's autosave newer than the last save, offered back. */
  newerAutosave: { id: number; createdAt: string } | null;
  /** Set when the values shown come from this autosave rather than the stored article. */
  fromAutosave: number | null;
}

/** One row of the newsroom's article list. */
export interface DeskItem {
  id: number;
  slug: string;
  title: string;
  status: ArticleStatus;
  publishedAt: string | null;
  updatedAt: string;
  /** A draft marked ready for review, as WordPress's "pending" posts come in: the list says so. */
  isReadyForReview: boolean;
  authors: { slug: string; name: string }[];
  tags: { slug: string; name: string }[];
  /** Whether this person may open it in the editor. */
  canEdit: boolean;
}

/** One revision in the list. */
export interface RevisionSummary {
  id: number;
  kind: 'save' | 'autosave';
  userName: string | null;
  createdAt: string;
  status: ArticleStatus;
  /** How the revision's body is written. */
  bodyFormat: BodyFormat;
  restoredFrom: number | null;
}

/** The newsroom's article use cases. Every one that acts checks the policy itself. */
export interface NewsroomUseCases {
  /**
   * A page of articles for the list screen; `canEdit` says which this person may open. Someone who
   * may not see every draft ('article.edit-any') sees their own articles and visible ones only.
   */
  listForDesk(args: {
    actor: Actor;
    status?: ArticleStatus;
    /** Only drafts marked ready for review (the editors' "Ready for review" list). */
    isReadyForReview?: boolean;
    authorSlug?: string;
    tagSlug?: string;
    query?: string;
    page: number;
    perPage: number;
  }): Promise<{ items: DeskItem[]; hasNext: boolean }>;
  /** An empty editor, bylined to the person's own author profile. */
  newEditorState(actor: Actor): Promise<EditorState>;
  /** The editor for a stored article, or with one of its autosaves' values. NOT_FOUND, FORBIDDEN. */
  editorState(args: {
    id: number;
    actor: Actor;
    timeZone: string;
    autosaveId?: number;
  }): Promise<EditorState>;
  /**
   * Saves the editor's form: creates (id null) or updates an article, moves its status as the action
   * says, keeps a revision, and audits publishing. Throws VALIDATION_FAILED, SLUG_TAKEN,
   * EDIT_CONFLICT, FORBIDDEN or NOT_FOUND; nothing is written then.
   */
  saveFromEditor(args: {
    id: number | null;
    form: EditorForm;
    actor: Actor;
    timeZone: string;
  }): Promise<{ id: number; slug: string; status: ArticleStatus }>;
  /**
   * The HTML of a body as the article page would show it, for the editor's preview; `format` is how
   * `body` is written (HTML, as the Body field holds it, when absent). Throws VALIDATION_FAILED (too long), NEWSROOM_RATE_LIMITED,
   * BODY_TOO_COMPLEX or RENDER_BUSY.
   */
  previewBody(args: { body: string; actor: Actor; format?: BodyFormat }): Promise<string>;
  /**
   * Keeps the browser's unsaved text as an 'autosave' revision; the article itself does not change.
   * Older autosaves are thinned (revisions.ts, autosavesToDrop). NEWSROOM_RATE_LIMITED past the budget.
   */
  autosave(args: {
    id: number;
    values: EditorValues;
    actor: Actor;
  }): Promise<{ revisionId: number; savedAt: string }>;
  /** An article's revisions, newest first. */
  listRevisions(args: { id: number; actor: Actor }): Promise<{ title: string; revisions: RevisionSummary[] }>;
  /** One revision against the current text. */
  revisionDiff(args: {
    id: number;
    revisionId: number;
    actor: Actor;
  }): Promise<{ title: string; revision: RevisionSummary; diffs: FieldDiff[] }>;
  /** Makes a revision's fields the article's again, as a new revision; status and time stay. */
  restoreRevision(args: { id: number; revisionId: number; actor: Actor }): Promise<{ id: number }>;
  /** Deletes an article for good, with its comments and revisions. */
  deleteArticle(args: { id: number; actor: Actor }): Promise<{ title: string }>;
  /**
   * Publishes every scheduled article whose time has come, and tells lists and caches. Safe to run
   * in several processes at once: each article is published by exactly one call. Returns how many
   * this call published.
   */
  publishDue(): Promise<number>;
}

/** What the newsroom's use cases need. */
export interface NewsroomDeps {
  db: Db;
  clock: Clock;
  events: Events;
  /** Renders bodies off the main thread, with a time limit. */
  markdown: Pick<MarkdownRenderer, 'render'>;
  /** Each account's allowance of saves, previews and autosaves. */
  budget: NewsroomBudget;
}

/** Builds the newsroom's article use cases. */
export function createNewsroom(deps: NewsroomDeps): NewsroomUseCases {
  const { db, clock, events, markdown, budget } = deps;
  const now = () => clock.now().toISOString();

  // Renders before the transaction opens: a render may take up to the time limit, and on SQLite an
  // open transaction holds the only connection. A body over the limit is not rendered: the checks
  // in the transaction refuse it with a field error.
  async function renderBody(body: string, format: BodyFormat): Promise<RenderedBody> {
    if (body.length > fieldLimits.body) return { source: body, html: '' };
    return { source: body, html: await markdown.render(body, format) };
  }

  function announceSaved(saved: {
    id: number;
    slug: string;
    before: ArticleListing | null;
    after: ArticleListing | null;
  }) {
    if (saved.after)
      events.emit('articleSaved', {
        articleId: saved.id,
        slug: saved.slug,
        before: saved.before,
        after: saved.after,
      });
  }

  function summaryOf(revision: {
    id: number;
    kind: 'save' | 'autosave';
    created_at: string;
    user_name: string | null;
    snapshot: string;
  }): RevisionSummary {
    const snapshot = parseSnapshot(revision.snapshot);
    return {
      id: revision.id,
      kind: revision.kind,
      userName: revision.user_name,
      createdAt: revision.created_at,
      status: snapshot.status,
      bodyFormat: snapshot.body_format,
      restoredFrom: snapshot.restored_from ?? null,
    };
  }

  return {
    async listForDesk({ actor, page, perPage, status, isReadyForReview, authorSlug, tagSlug, query }) {
      const rows = await desk.listForDesk(db, {
        ...(status && { status }),
        ...(isReadyForReview && { isReadyForReview }),
        ...(authorSlug && { authorSlug }),
        ...(tagSlug && { tagSlug }),
        ...(query && { query }),
        // The policy's "see every draft": without it, others' drafts and scheduled headlines stay
        // out of the list, its pages and its search alike.
        ...(!can(actor, 'article.edit-any') && {
          seenBy: { userId: actor.id, authorId: actor.authorId, now: now() },
        }),
        limit: perPage + 1,
        offset: (page - 1) * perPage,
      });
      const shown = rows.slice(0, perPage);
      const ids = shown.map((r) => r.id);
      const [bylines, tags] = await Promise.all([repo.bylinesFor(db, ids), repo.tagsFor(db, ids)]);
      const items = shown.map((row): DeskItem => {
        const authors = bylines.filter((b) => b.article_id === row.id);
        return {
          id: row.id,
          slug: row.slug,
          title: row.title,
          status: row.status,
          publishedAt: row.published_at,
          updatedAt: row.updated_at,
          isReadyForReview: row.status === 'draft' && row.review_requested_at !== null,
          authors: authors.map((a) => ({ slug: a.slug, name: a.name })),
          tags: tags.filter((t) => t.article_id === row.id).map((t) => ({ slug: t.slug, name: t.name })),
          canEdit: can(
            actor,
            'article.edit',
            subjectOf(
              row,
              authors.map((a) => a.id),
            ),
          ),
        };
      });
      return { items, hasNext: rows.length > perPage };
    },

    async newEditorState(actor) {
      const own = actor.authorId !== null ? await desk.authorSlugOf(db, actor.authorId) : undefined;
      const subject: ArticleSubject = {
        createdBy: actor.id,
        authorIds: actor.authorId !== null ? [actor.authorId] : [],
        status: 'draft',
      };
      return {
        id: null,
        values: blankValues({ authors: own ?? '', section: await defaultSectionSlug(db) }),
        // Every body is Dateline body HTML (0021-body-html).
        bodyFormat: 'html',
        status: 'draft',
        reviewRequestedAt: null,
        storedSlug: null,
        publishedAt: null,
        version: '',
        canPublish: can(actor, 'article.publish', subject),
        canDelete: false,
        newerAutosave: null,
        fromAutosave: null,
      };
    },

    async editorState({ id, actor, timeZone, autosaveId }) {
      const { row, subject } = await loadEditable(db, id, actor);
      const fields = await storedFields(db, row);
      const publishAt = row.published_at ? toLocalInput(row.published_at, timeZone) : '';
      let values: EditorValues = { ...fields, publish_at: publishAt };
      let fromAutosave: number | null = null;
      if (autosaveId !== undefined) {
        const revision = await desk.findRevision(db, id, autosaveId);
        if (!revision) throw new AppError('NOT_FOUND');
        values = { ...parseSnapshot(revision.snapshot).fields, publish_at: publishAt };
        fromAutosave = revision.id;
      }
      const newer = fromAutosave === null ? await desk.newerAutosave(db, id, actor.id) : undefined;
      const isDifferent =
        newer !== undefined &&
        JSON.stringify(parseSnapshot(newer.snapshot).fields) !== JSON.stringify(fields);
      return {
        id,
        values,
        bodyFormat: row.body_format,
        status: row.status,
        reviewRequestedAt: row.status === 'draft' ? row.review_requested_at : null,
        storedSlug: row.slug,
        publishedAt: row.published_at,
        version: (await desk.versionOf(db, id)) ?? '',
        canPublish: can(actor, 'article.publish', subject),
        canDelete: can(actor, 'article.delete', subject),
        newerAutosave: newer && isDifferent ? { id: newer.id, createdAt: newer.created_at } : null,
        fromAutosave,
      };
    },

    async saveFromEditor({ id, form, actor, timeZone }) {
      if (form.action === 'preview') throw new Error('a preview is not a save');
      await budget.spend({ userId: actor.id, kind: 'render' });
      // The Body field holds Dateline body HTML; sanitizeBody leaves what the editor showed unchanged.
      const rendered = await renderBody(form.values.body, 'html');
      const saved = await transact(db, async (trx) => {
        if (id !== null) await lockKeys(trx, [`article:${id}`]);
        const existing = id === null ? null : await loadEditable(trx, id, actor);
        const checked = checkEditorValues(form.values, (local) => fromLocalInput(local, timeZone));
        if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.fields });
        if (existing && form.version !== (await desk.versionOf(trx, existing.row.id)))
          throw new AppError('EDIT_CONFLICT');
        return applyEdit(trx, {
          existing,
          input: checked.value,
          intent: form.action as Intent,
          actor,
          at: now(),
          rendered,
        });
      });
      announceSaved(saved);
      return { id: saved.id, slug: saved.slug, status: saved.status };
    },

    async previewBody({ body, actor, format = 'html' }) {
      await budget.spend({ userId: actor.id, kind: 'render' });
      if (body.length > fieldLimits.body)
        throw new AppError('VALIDATION_FAILED', {
          fields: { body: `is too long: at most ${fieldLimits.body.toLocaleString('en')} characters` },
        });
      return markdown.render(body, format);
    },

    async autosave({ id, values, actor }) {
      await budget.spend({ userId: actor.id, kind: 'autosave' });
      const at = now();
      const revisionId = await transact(db, async (trx) => {
        await lockKeys(trx, [`article:${id}`]);
        const { row } = await loadEditable(trx, id, actor);
        const fields = { ...values } as Partial<EditorValues>;
        delete fields.publish_at;
        const snapshot: Snapshot = {
          fields: parseSnapshot(JSON.stringify({ fields })).fields,
          // The editor's Body field holds HTML, whatever an older revision holds.
          body_format: 'html',
          status: row.status,
          published_at: row.published_at,
        };
        const revisionId = await desk.insertRevision(trx, {
          article_id: id,
          user_id: actor.id,
          kind: 'autosave',
          snapshot: JSON.stringify(snapshot),
          created_at: at,
        });
        await desk.deleteAutosaves(trx, id, autosavesToDrop(await desk.listAutosaves(trx, id)));
        return revisionId;
      });
      return { revisionId, savedAt: at };
    },

    async listRevisions({ id, actor }) {
      const { row } = await loadEditable(db, id, actor);
      const revisions = await desk.listRevisions(db, id);
      return { title: row.title, revisions: revisions.map(summaryOf) };
    },

    async revisionDiff({ id, revisionId, actor }) {
      const { row } = await loadEditable(db, id, actor);
      const revision = await desk.findRevision(db, id, revisionId);
      if (!revision) throw new AppError('NOT_FOUND');
      const current = await storedFields(db, row);
      return {
        title: row.title,
        revision: summaryOf(revision),
        diffs: diffFields(parseSnapshot(revision.snapshot).fields, current),
      };
    },

    async restoreRevision({ id, revisionId, actor }) {
      await budget.spend({ userId: actor.id, kind: 'render' });
      // Revisions never change, so the body read here is the one the transaction restores.
      await loadEditable(db, id, actor);
      const stored = await desk.findRevision(db, id, revisionId);
      if (!stored) throw new AppError('NOT_FOUND');
      // A revision's body is read in the format it was written in, and goes back as HTML.
      const snapshot = parseSnapshot(stored.snapshot);
      const rendered = await renderBody(snapshot.fields.body, snapshot.body_format);
      const saved = await transact(db, async (trx) => {
        await lockKeys(trx, [`article:${id}`]);
        const existing = await loadEditable(trx, id, actor);
        const revision = await desk.findRevision(trx, id, revisionId);
        if (!revision) throw new AppError('NOT_FOUND');
        const values = { ...parseSnapshot(revision.snapshot).fields, publish_at: '' };
        const checked = checkEditorValues(values, () => undefined);
        if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.fields });
        return applyEdit(trx, {
          existing,
          input: checked.value,
          intent: 'keep',
          actor,
          restoredFrom: revisionId,
          at: now(),
          rendered,
        });
      });
      announceSaved(saved);
      return { id: saved.id };
    },

    async deleteArticle({ id, actor }) {
      const at = now();
      const deleted = await transact(db, async (trx) => {
        await lockKeys(trx, [`article:${id}`]);
        const row = await desk.findArticle(trx, id);
        if (!row) throw new AppError('NOT_FOUND');
        const subject = subjectOf(row, await desk.bylineIds(trx, id));
        if (!can(actor, 'article.delete', subject)) throw new AppError('FORBIDDEN');
        const before = await repo.listingOf(trx, id, at);
        await desk.deleteArticle(trx, id);
        await recordAudit(trx, {
          actor: { id: actor.id, name: actor.name },
          action: 'article.delete',
          subject: `article:${id}`,
          detail: { slug: row.slug, title: row.title, status: row.status },
          at,
        });
        return { row, before };
      });
      const { row, before } = deleted;
      // Its lists forget it (articleSaved with an invisible "after"), and so does everything else.
      if (before?.isVisible)
        events.emit('articleSaved', {
          articleId: id,
          slug: row.slug,
          before,
          after: { ...before, isVisible: false },
        });
      events.emit('articleDeleted', { articleId: id, slug: row.slug });
      return { title: row.title };
    },

    async publishDue() {
      const at = now();
      const published = await transact(db, async (trx) => {
        const rows = await desk.publishScheduled(trx, at);
        const listed: { id: number; slug: string; after: ArticleListing }[] = [];
        for (const row of rows) {
          const after = await repo.listingOf(trx, row.id, at);
          if (after) listed.push({ ...row, after });
        }
        return listed;
      });
      for (const { id, slug, after } of published)
        events.emit('articleBecameVisible', { articleId: id, slug, after });
      return published.length;
    },
  };
}
