import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import { bodyText } from '../../platform/render/body-html.ts';
import type { BodyFormat, MarkdownRenderer } from '../../platform/render/markdown-renderer.ts';
import { cleanLabel } from '../../platform/text.ts';
import { recordAudit } from '../audit/index.ts';
import { redirects } from '../redirects/index.ts';
import { altProblem, imagesWithoutAlt } from '../uploads/index.ts';
import * as repo from './repository.ts';
import {
  pageInputProblems,
  pagePath,
  VISIBLE_PAGE_STATUS,
  type PageInput,
  type PageStatus,
} from './rules.ts';

/** A standing page as the newsroom and readers see it. */
export interface Page {
  id: number;
  slug: string;
  title: string;
  description: string;
  /** Dateline body HTML, as the Pages form shows it (0021-body-html). */
  body: string;
  /** 'html' */
  bodyFormat: BodyFormat;
  /** The same HTML as `body`: made at save time, off the event loop, by sanitizeBody. */
  bodyHtml: string;
  status: PageStatus;
  parent: { id: number; slug: string; title: string } | null;
  /** Its address: `/about/` or `/about/contact/`. */
  path: string;
  createdAt: string;
  updatedAt: string;
}

/** One earlier state of a page, as its revision list shows it. */
export interface PageRevision {
  id: number;
  createdAt: string;
  /** Who saved it; null for the command line or a removed account. */
  savedBy: string | null;
  title: string;
  slug: string;
  parent: string;
  status: PageStatus;
  body: string;
  /** How `body` was written then; Markdown in revisions kept before body formats existed. */
  bodyFormat: BodyFormat;
}

/** Who saves a page: a member of staff, or null for the command line and the sample. */
export type PageActor = { id: number; name: string } | null;

/** Standing page use cases: the newsroom's Pages screen, `dateline page`, sitemaps and the public route. */
export interface PageService {
  /** Every page, any status, each top-level page followed by its children. */
  list(): Promise<Page[]>;
  /** The published pages, for sitemaps, in the same order. */
  listPublished(): Promise<Page[]>;
  findById(id: number): Promise<Page | undefined>;
  findBySlug(slug: string): Promise<Page | undefined>;
  /** The published page at `/<slug>/`, or at `/<parent>/<slug>/`; undefined for drafts and misses. */
  findPublished(args: { slug: string; parent?: string }): Promise<Page | undefined>;
  /**
   * Adds a page, or updates one: the page `id` names (its slug may change), else the page with
   * this slug. One transaction with a revision and an audit line. VALIDATION_FAILED names the field;
   * SLUG_TAKEN when another page, an article, or the site itself uses the address. A published
   * page that moves leaves a redirect from its old address (and its children's).
   */
  save(
    input: PageInput,
    options?: {
      id?: number;
      actor?: PageActor;
      /**
       * The newsroom's rule for what goes live: every picture described. A published page with an image
       * without alt text is refused (IMAGE_ALT_MISSING), naming the images. Imports and the command line
       * take a page as it comes.
       */
      requireAlt?: boolean;
    },
  ): Promise<{ page: Page; created: boolean }>;
  /** A page's revisions, newest first. */
  revisions(pageId: number): Promise<PageRevision[]>;
}

function toPage(row: repo.PageRow): Page {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    body: row.body_markdown,
    bodyFormat: row.body_format,
    bodyHtml: row.body_html,
    status: row.status,
    parent:
      row.parent_id !== null && row.parent_slug !== null
        ? { id: row.parent_id, slug: row.parent_slug, title: row.parent_title ?? row.parent_slug }
        : null,
    path: pagePath(row.slug, row.parent_slug),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function inTreeOrder(rows: readonly repo.PageRow[]): Page[] {
  const out: Page[] = [];
  for (const top of rows.filter((r) => r.parent_id === null)) {
    out.push(toPage(top));
    for (const child of rows.filter((r) => r.parent_id === top.id)) out.push(toPage(child));
  }
  return out;
}

function snapshotOf(input: PageInput & { parent: string; bodyFormat: BodyFormat }) {
  return JSON.stringify({
    title: input.title,
    slug: input.slug,
    parent: input.parent,
    description: input.description ?? '',
    body: input.body,
    body_format: input.bodyFormat,
    status: input.status,
  });
}

function readSnapshot(text: string): Omit<PageRevision, 'id' | 'createdAt' | 'savedBy'> {
  let raw: Record<string, unknown> = {};
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // A damaged snapshot reads as empty fields rather than breaking the list.
  }
  const str = (key: string) => (typeof raw[key] === 'string' ? raw[key] : '');
  return {
    title: str('title'),
    slug: str('slug'),
    parent: str('parent'),
    body: str('body'),
    bodyFormat: raw.body_format === 'html' ? 'html' : 'markdown',
    status: raw.status === 'published' ? 'published' : 'draft',
  };
}

/**
 * Whether a top-level page (of any status) has this slug: the article save path asks, inside its
 * own transaction, so that no article takes an address a page holds.
 */
export async function isTopLevelPageSlug(db: Db, slug: string): Promise<boolean> {
  const row = await repo.findRowBySlug(db, slug);
  return row !== undefined && row.parent_id === null;
}

/** Builds the page service. */
export function createPageService(deps: {
  db: Db;
  clock: Clock;
  events: Events;
  markdown: Pick<MarkdownRenderer, 'render'>;
}): PageService {
  const { db, clock, events, markdown } = deps;

  async function checkPlace(
    trx: Db,
    args: { input: PageInput; existing: repo.PageRow | undefined },
  ): Promise<{ parentId: number | null; parentSlug: string | null; fields: FieldErrors; isTaken: boolean }> {
    const { input, existing } = args;
    const fields: FieldErrors = {};
    let isTaken = false;
    let parentId: number | null = null;
    let parentSlug: string | null = null;
    const parent = input.parent ?? '';
    if (parent !== '') {
      const row = await repo.findRowBySlug(trx, parent);
      if (!row) fields.parent = `no page has the slug "${parent}": add it first`;
      else if (row.parent_id !== null)
        fields.parent = `pages nest one level only: "${row.slug}" is already under "${row.parent_slug ?? ''}"; choose a top-level page`;
      else if (existing && row.id === existing.id) fields.parent = 'a page cannot be its own parent';
      else {
        parentId = row.id;
        parentSlug = row.slug;
      }
      if (existing && parentId !== null && (await repo.childRows(trx, existing.id)).length > 0)
        fields.parent = `pages nest one level only: "${existing.slug}" has pages under it, so it stays top-level`;
    }
    const owner = await repo.findRowBySlug(trx, input.slug);
    if (owner && owner.id !== existing?.id) {
      isTaken = true;
      fields.slug = `is already the slug of the page "${owner.title}" (${pagePath(owner.slug, owner.parent_slug)}); choose another`;
    } else if (parentId === null && (await repo.articleHasSlug(trx, input.slug))) {
      isTaken = true;
      fields.slug = `/${input.slug}/ is an article's address; choose another slug, or put the page under a parent`;
    }
    return { parentId, parentSlug, fields, isTaken };
  }

  return {
    list: async () => inTreeOrder(await repo.listRows(db)),

    async listPublished() {
      const rows = await repo.listRows(db);
      const visible = new Set(rows.filter((r) => r.status === VISIBLE_PAGE_STATUS).map((r) => r.id));
      // A child of a draft is unreachable (its address goes through the parent), so it is not listed.
      return inTreeOrder(
        rows.filter((r) => visible.has(r.id) && (r.parent_id === null || visible.has(r.parent_id))),
      );
    },

    async findById(id) {
      const row = await repo.findRowById(db, id);
      return row && toPage(row);
    },

    async findBySlug(slug) {
      const row = await repo.findRowBySlug(db, slug);
      return row && toPage(row);
    },

    async findPublished({ slug, parent }) {
      const row = await repo.findVisibleRow(db, { slug, parent: parent ?? null });
      return row && toPage(row);
    },

    async save(input, options = {}) {
      const clean: PageInput = {
        ...input,
        title: cleanLabel(input.title),
        slug: input.slug.trim(),
        parent: (input.parent ?? '').trim(),
        description: (input.description ?? '').trim(),
      };
      const problems = pageInputProblems(clean);
      if (Object.keys(problems).length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
      const find = (trx: Db) =>
        options.id !== undefined ? repo.findRowById(trx, options.id) : repo.findRowBySlug(trx, clean.slug);
      // Before the transaction: a render may take up to its time limit, a transaction must not.
      // Markdown or HTML, the page is stored as Dateline body HTML.
      const bodyHtml = await markdown.render(clean.body, clean.bodyFormat ?? 'markdown');
      const at = clock.now().toISOString();
      const actor = options.actor ?? null;
      const result = await transact(db, async (trx) => {
        const existing = await find(trx);
        if (options.id !== undefined && !existing) throw new AppError('NOT_FOUND');
        const place = await checkPlace(trx, { input: clean, existing });
        let isAltMissing = false;
        if (options.requireAlt && clean.status === VISIBLE_PAGE_STATUS) {
          const undescribed = await imagesWithoutAlt(trx, bodyHtml);
          if (undescribed.length > 0) {
            place.fields.body = altProblem(undescribed);
            isAltMissing = true;
          }
        }
        const problemCount = Object.keys(place.fields).length;
        if (problemCount > 0)
          throw new AppError(
            problemCount === 1 && place.isTaken
              ? 'SLUG_TAKEN'
              : problemCount === 1 && isAltMissing
                ? 'IMAGE_ALT_MISSING'
                : 'VALIDATION_FAILED',
            { fields: place.fields },
          );
        const values: repo.PageWrite = {
          slug: clean.slug,
          title: clean.title,
          description: clean.description ?? '',
          body_markdown: bodyHtml,
          body_format: 'html',
          body_html: bodyHtml,
          body_text: bodyText(bodyHtml),
          parent_id: place.parentId,
          status: clean.status,
          updated_at: at,
        };
        let id: number;
        const children = existing ? await repo.childRows(trx, existing.id) : [];
        if (existing) {
          id = existing.id;
          await repo.updatePage(trx, id, values);
        } else id = await repo.insertPage(trx, values);

        // A live page that moved leaves its old address (and its children's) redirecting.
        const oldPath = existing && pagePath(existing.slug, existing.parent_slug);
        const newPath = pagePath(clean.slug, place.parentSlug);
        const wasVisible = existing?.status === VISIBLE_PAGE_STATUS;
        const isVisible = clean.status === VISIBLE_PAGE_STATUS;
        if (existing && oldPath !== newPath && wasVisible) {
          await redirects.movedPath(trx, { from: oldPath as string, to: newPath, at });
          for (const child of children)
            if (child.status === VISIBLE_PAGE_STATUS)
              await redirects.movedPath(trx, {
                from: pagePath(child.slug, existing.slug),
                to: pagePath(child.slug, clean.slug),
                at,
              });
        } else if (isVisible) await redirects.remove(trx, newPath);

        await repo.insertRevision(trx, {
          page_id: id,
          user_id: actor?.id ?? null,
          snapshot: snapshotOf({
            ...clean,
            body: bodyHtml,
            parent: place.parentSlug ?? '',
            bodyFormat: 'html',
          }),
          created_at: at,
        });
        await recordAudit(trx, {
          actor,
          action: existing ? 'page.update' : 'page.create',
          subject: `page:${id}`,
          detail: { slug: clean.slug, path: newPath, status: clean.status },
          at,
        });
        const row = await repo.findRowById(trx, id);
        if (!row) throw new Error('the page just saved is missing');
        const moved = existing !== undefined && (oldPath !== newPath || existing.title !== clean.title);
        return {
          page: toPage(row),
          created: !existing,
          wasVisible,
          isVisible,
          pageIds: [id, ...(moved ? children.map((c) => c.id) : [])],
        };
      });
      events.emit('pageSaved', {
        pageId: result.page.id,
        pageIds: result.pageIds,
        wasVisible: result.wasVisible,
        isVisible: result.isVisible,
      });
      return { page: result.page, created: result.created };
    },

    async revisions(pageId) {
      const rows = await repo.listRevisions(db, pageId);
      return rows.map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        savedBy: r.user_name ?? null,
        ...readSnapshot(r.snapshot),
      }));
    },
  };
}
