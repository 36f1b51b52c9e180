import { cleanLabel } from '../../platform/text.ts';
import { bodyText } from '../../platform/render/body-html.ts';
import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import type { BodyFormat, MarkdownRenderer } from '../../platform/render/markdown-renderer.ts';
import { slugify } from '../../platform/render/slug.ts';
import type { PublicAuthor } from '../authors/index.ts';
import { resolveSection, sectionsOf, type Section } from '../sections/index.ts';
import { resolveTags, type TagRef } from '../tags/index.ts';
import { dedupeTags, resolveAuthors, slugProblem, tagProblem } from './article-rules.ts';
import { featuredImageOf, featuredImagesOf, type FeaturedImage } from './featured-image.ts';
import { isTopLevelPageSlug } from '../pages/index.ts';
import { keepSaveRevision } from './editor-save.ts';
import type { NewsroomBudget } from './budget.ts';
import { createDeskFlow, type DeskFlowUseCases } from './desk-flow.ts';
import { createNewsroom, type NewsroomUseCases } from './newsroom.ts';
import { findArticle } from './newsroom-repository.ts';
import { createPreviews, type PreviewUseCases } from './previews.ts';
import * as repo from './repository.ts';
import { setSources, sourcesFor, type ArticleSource } from './sources.ts';
import type { ArticleInput } from './schemas.ts';

/** An article as lists show it. */
export interface ArticleSummary {
  id: number;
  slug: string;
  title: string;
  standfirst: string;
  publishedAt: string;
  updatedAt: string;
  authors: PublicAuthor[];
  tags: TagRef[];
  /** The article's primary section, with its parent: the kicker and the breadcrumbs. */
  section: Section | null;
  commentCount: number;
  /** The outlets the story is based on, in reading order; empty when it is the newsroom's own. */
  sources: ArticleSource[];
  /** The article's picture with its description, or null: lists show it as a thumbnail, the page in full. */
  featuredImage: FeaturedImage | null;
}

/** An article as its own page shows it. */
export interface ArticleDetail extends ArticleSummary {
  bodyHtml: string;
  /** How the stored source is written; `bodyHtml` is rendered from it either way. */
  bodyFormat: BodyFormat;
  /** The article's own comment switch; the site's close-after-days rule applies on top. */
  commentsOpen: boolean;
  /** Overrides the site's close-after-days; null uses the site's. */
  commentsCloseAfterDays: number | null;
  /** "Updated <date>: <note>" under the headline, or null. */
  updateNote: { text: string; at: string } | null;
}

/** One page of a list, with what pagination needs. */
export interface ArticlePage {
  items: ArticleSummary[];
  page: number;
  /** Whether an older page follows. Lists are not counted: a count of every published article costs more than the page. */
  hasNext: boolean;
}

/** Article use cases: the readers' and the newsroom's. */
export interface ArticleService extends NewsroomUseCases, DeskFlowUseCases, PreviewUseCases<ArticleDetail> {
  /** Page `page` (1-based) of published articles, optionally one author's or one tag's. Undefined past the end. */
  listPublished(args: {
    page: number;
    perPage: number;
    authorId?: number;
    tagId?: number;
    /** A section's page: articles filed in any of these sections. */
    sectionIds?: readonly number[];
  }): Promise<ArticlePage | undefined>;
  /**
   * The articles among these ids that readers may see now, in the order given: the front page's
   * chosen stories. A draft, a scheduled article or an unpublished one is left out.
   */
  listPublishedByIds(ids: readonly number[]): Promise<ArticleSummary[]>;
  /** A published article by slug, with bylines, tags and comment count. */
  getPublished(slug: string): Promise<ArticleDetail | undefined>;
  /**
   * Creates or updates (by slug) an article in one transaction. The input's shape is checked at the
   * edge (ArticleInputSchema: the CLI's file reader, the import); this checks what needs the database
   * or the site's rules, and throws VALIDATION_FAILED naming the field.
   */
  saveArticle(
    input: ArticleInput,
    options?: {
      /**
       * Whether unknown tag names become new tags (the default: the sample publication, imports,
       * tests). The command line passes false unless --new-tags is given: then an unknown tag is
       * refused with VALIDATION_FAILED on `tags`, naming it.
       */
      newTags?: boolean;
      /**
       * The wire items the sources come from, one entry a source (null where a source has none): the
       * wire desk's "Start a draft" keeps each credit tied to the item it was drafted from.
       */
      sourceWireItems?: readonly (number | null)[];
    },
  ): Promise<{ id: number; slug: string; created: boolean; status: string }>;
  /** Every article with its status, for the command line. */
  listAll(): ReturnType<typeof repo.listAll>;
  /** The newest published articles with their bodies, for feeds. */
  listForFeed(args: {
    limit: number;
    authorId?: number;
    tagId?: number;
    sectionIds?: readonly number[];
  }): Promise<(ArticleSummary & { bodyHtml: string })[]>;
  /** How many articles are published. */
  countPublished(): Promise<number>;
  /** A slice of published articles' URLs and dates, oldest first, for sitemaps. */
  listForSitemap(args: { offset: number; limit: number }): ReturnType<typeof repo.listSitemapEntries>;
  /**
   * Announces the published articles whose time has come since `after` (scheduled publishing), so
   * that lists and caches pick them up. Returns the moment it checked up to, for the next call.
   */
  announceDue(after: string): Promise<string>;
  /** Articles published in the last `ms` milliseconds, newest first, for the news sitemap. */
  listPublishedWithin(ms: number): ReturnType<typeof repo.listPublishedSince>;
}

/** What the article service needs. `countComments` comes from the comments module. */
export interface ArticleServiceDeps {
  db: Db;
  clock: Clock;
  events: Events;
  countComments(articleIds: readonly number[]): Promise<Map<number, number>>;
  /** Renders bodies off the main thread, with a time limit: the newsroom's, the command line's, imports'. */
  markdown: Pick<MarkdownRenderer, 'render'>;
  /** Each newsroom account's allowance of saves, previews and autosaves. */
  budget: NewsroomBudget;
}

type SummaryRow = Awaited<ReturnType<typeof repo.listPublished>>[number];
type DetailRow = SummaryRow &
  Pick<
    NonNullable<Awaited<ReturnType<typeof repo.findPublishedBySlug>>>,
    | 'body_html'
    | 'body_format'
    | 'comments_open'
    | 'comments_close_after_days'
    | 'update_note'
    | 'update_noted_at'
  >;

/** Builds the article service. */
export function createArticleService(deps: ArticleServiceDeps): ArticleService {
  const { db, clock, events, markdown, budget } = deps;

  // A fixed six queries for any number of articles: bylines, tags, sections, comment counts,
  // featured images and sources.
  async function summarise<R extends SummaryRow>(rows: R[]): Promise<(ArticleSummary & { row: R })[]> {
    const ids = rows.map((r) => r.id);
    const [bylines, tags, sections, counts, images, sources] = await Promise.all([
      repo.bylinesFor(db, ids),
      repo.tagsFor(db, ids),
      sectionsOf(
        db,
        rows.map((r) => r.section_id),
      ),
      deps.countComments(ids),
      featuredImagesOf(db, { articleIds: ids, now: clock.now().toISOString() }),
      sourcesFor(db, ids),
    ]);
    return rows.map((row) => ({
      row,
      id: row.id,
      slug: row.slug,
      title: row.title,
      standfirst: row.standfirst,
      publishedAt: row.published_at ?? row.updated_at,
      updatedAt: row.updated_at,
      authors: bylines
        .filter((b) => b.article_id === row.id)
        .map(({ id, slug, name, bio, avatar_url, website }) => ({
          id,
          slug,
          name,
          bio,
          avatar_url,
          website,
        })),
      tags: tags.filter((t) => t.article_id === row.id).map(({ id, slug, name }) => ({ id, slug, name })),
      section: (row.section_id !== null && sections.get(row.section_id)) || null,
      commentCount: counts.get(row.id) ?? 0,
      sources: sources.get(row.id) ?? [],
      featuredImage: images.get(row.id) ?? null,
    }));
  }

  /** The page's view of one article row, with its body and comment settings. */
  async function detailOf(row: DetailRow): Promise<ArticleDetail | undefined> {
    const [summary] = await summarise([row]);
    if (!summary) return undefined;
    const { row: full, ...rest } = summary;
    return {
      ...rest,
      bodyHtml: full.body_html,
      bodyFormat: full.body_format,
      commentsOpen: full.comments_open === 1,
      commentsCloseAfterDays: full.comments_close_after_days,
      updateNote:
        full.update_note && full.update_noted_at
          ? { text: full.update_note, at: full.update_noted_at }
          : null,
    };
  }

  // Previews read an article whatever its status. The lists' picture query keeps to the reader rule,
  // so an unpublished article's picture is looked up here, by the upload it names.
  async function anyStatusDetail(id: number): Promise<ArticleDetail | undefined> {
    const row = await findArticle(db, id);
    if (!row) return undefined;
    const detail = await detailOf(row);
    if (!detail || detail.featuredImage || row.featured_image_id === null) return detail;
    const upload = await repo.findUpload(db, row.featured_image_id);
    return upload
      ? { ...detail, featuredImage: featuredImageOf(upload, row.featured_image_alt ?? '') }
      : detail;
  }

  return {
    ...createNewsroom({ db, clock, events, markdown, budget }),
    ...createPreviews({ db, clock, detail: anyStatusDetail }),
    ...createDeskFlow({ db, clock }),

    async listPublished({ page, perPage, authorId, tagId, sectionIds }) {
      const now = clock.now().toISOString();
      const filter = {
        now,
        ...(authorId !== undefined && { authorId }),
        ...(tagId !== undefined && { tagId }),
        ...(sectionIds !== undefined && { sectionIds }),
      };
      // One row more than the page tells whether another page follows, without counting the list.
      const rows = await repo.listPublished(db, {
        ...filter,
        limit: perPage + 1,
        offset: (page - 1) * perPage,
      });
      if (page > 1 && rows.length === 0) return undefined;
      const hasNext = rows.length > perPage;
      const items = (await summarise(rows.slice(0, perPage))).map(({ row: _row, ...summary }) => summary);
      return { items, page, hasNext };
    },

    async listPublishedByIds(ids) {
      const rows = await repo.listPublishedByIds(db, { now: clock.now().toISOString(), ids });
      const byId = new Map(
        (await summarise(rows)).map(({ row: _row, ...summary }) => [summary.id, summary] as const),
      );
      return ids.flatMap((id) => {
        const summary = byId.get(id);
        return summary ? [summary] : [];
      });
    },

    async getPublished(slug) {
      const row = await repo.findPublishedBySlug(db, slug, clock.now().toISOString());
      return row ? detailOf(row) : undefined;
    },

    async saveArticle(input, options = {}) {
      const title = cleanLabel(input.title);
      if (title === '') throw new AppError('VALIDATION_FAILED', { fields: { title: 'is required' } });
      const slug = input.slug ?? slugify(title);
      const slugIssue = slugProblem(slug);
      if (slugIssue) throw new AppError('VALIDATION_FAILED', { fields: { slug: slugIssue } });
      const tagRefs = dedupeTags(input.tags ?? []);
      const tagIssue = tagProblem(tagRefs);
      if (tagIssue) throw new AppError('VALIDATION_FAILED', { fields: { tags: tagIssue } });
      if (input.source && input.sources)
        throw new AppError('VALIDATION_FAILED', {
          fields: { sources: 'give either source or sources, not both' },
        });
      const sources = (input.sources ?? (input.source ? [input.source] : [])).map((s) => ({
        name: cleanLabel(s.name),
        url: s.url ?? null,
      }));
      if (sources.some((s) => s.name === ''))
        throw new AppError('VALIDATION_FAILED', { fields: { sources: 'each source needs a name' } });

      // Before the transaction: a render may take up to its time limit. The input says how its body
      // is written; without a word it is Markdown, as a file's body after its front matter is. Either
      // way it is stored as Dateline body HTML.
      const bodyHtml = await markdown.render(input.body, input.body_format ?? 'markdown');
      const now = clock.now().toISOString();
      const status = input.status ?? 'draft';
      const result = await transact(db, async (trx) => {
        const authorIds = await resolveAuthors(trx, input.authors, {
          field: 'authors',
          hint: 'add it with dateline author add',
        });
        if (await isTopLevelPageSlug(trx, slug))
          throw new AppError('SLUG_TAKEN', {
            fields: { slug: `/${slug}/ is a standing page's address (dateline page list); choose another` },
          });
        const existing = await repo.findIdBySlug(trx, slug);
        const before = existing ? await repo.listingOf(trx, existing.id, now) : null;
        const sectionId = await resolveSection(trx, {
          slug: input.section,
          current: existing?.section_id ?? null,
          at: now,
        });
        const publishedAt =
          normaliseDate(input.published_at) ??
          existing?.published_at ??
          (status === 'published' ? now : null);
        const updatedAt = normaliseDate(input.updated_at) ?? (existing ? now : (publishedAt ?? now));
        // Only a draft waits for review: going live clears the mark, as the editor's Publish does.
        const held = existing?.review_requested_at ?? null;
        const reviewRequestedAt =
          status !== 'draft' || input.review_requested === false
            ? null
            : input.review_requested === true
              ? (held ?? now)
              : held;
        const values: repo.ArticleWrite = {
          slug,
          title,
          standfirst: (input.standfirst ?? '').trim(),
          body_markdown: bodyHtml,
          body_format: 'html',
          body_html: bodyHtml,
          body_text: bodyText(bodyHtml),
          review_requested_at: reviewRequestedAt,
          status,
          published_at: publishedAt,
          updated_at: updatedAt,
          comments_open: input.comments_open === false ? 0 : 1,
          comments_close_after_days: input.comments_close_after_days ?? null,
          section_id: sectionId,
        };
        if (input.featured_image) {
          if (!(await repo.findUpload(trx, input.featured_image.upload_id)))
            throw new AppError('VALIDATION_FAILED', {
              fields: { featured_image: `no upload has the number ${input.featured_image.upload_id}` },
            });
          values.featured_image_id = input.featured_image.upload_id;
          values.featured_image_alt = cleanLabel(input.featured_image.alt);
        }
        let id: number;
        if (existing) {
          id = existing.id;
          await repo.updateArticle(trx, id, values);
        } else {
          id = await repo.insertArticle(trx, { ...values, created_at: now });
        }
        await repo.setBylines(trx, id, authorIds);
        await setSources(
          trx,
          id,
          sources.map((source, i) => ({ ...source, wireItemId: options.sourceWireItems?.[i] ?? null })),
        );
        const tags = await resolveTags(trx, tagRefs, { mayCreate: options.newTags ?? true });
        if (tags.unknown.length > 0)
          throw new AppError('VALIDATION_FAILED', {
            fields: {
              tags: `unknown tag ${tags.unknown.map((t) => `"${t.name}"`).join(', ')}: only an editor creates tags (the newsroom's Tags screen), or give --new-tags`,
            },
          });
        await repo.setTags(trx, id, tags.ids);
        await keepSaveRevision(trx, { articleId: id, userId: null, at: now });
        const after = await repo.listingOf(trx, id, now);
        return { id, slug, created: !existing, status, before, after };
      });
      const { before, after, ...saved } = result;
      if (after) events.emit('articleSaved', { articleId: saved.id, slug, before, after });
      return saved;
    },

    listAll: () => repo.listAll(db),

    async listForFeed({ limit, authorId, tagId, sectionIds }) {
      const rows = await repo.listPublishedWithBodies(db, {
        now: clock.now().toISOString(),
        limit,
        ...(authorId !== undefined && { authorId }),
        ...(tagId !== undefined && { tagId }),
        ...(sectionIds !== undefined && { sectionIds }),
      });
      return (await summarise(rows)).map(({ row, ...summary }) => ({ ...summary, bodyHtml: row.body_html }));
    },

    countPublished: () => repo.countPublished(db, { now: clock.now().toISOString() }),

    async announceDue(after) {
      const upTo = clock.now().toISOString();
      if (upTo <= after) return after;
      for (const row of await repo.listBecameVisible(db, { after, upTo })) {
        const listing = await repo.listingOf(db, row.id, upTo);
        if (listing)
          events.emit('articleBecameVisible', { articleId: row.id, slug: row.slug, after: listing });
      }
      return upTo;
    },

    listForSitemap: ({ offset, limit }) =>
      repo.listSitemapEntries(db, { now: clock.now().toISOString(), offset, limit }),

    listPublishedWithin(ms) {
      const now = clock.now();
      return repo.listPublishedSince(db, {
        now: now.toISOString(),
        since: new Date(now.getTime() - ms).toISOString(),
        limit: 1000,
      });
    },
  };
}

function normaliseDate(value: string | undefined): string | null {
  return value === undefined ? null : new Date(value).toISOString();
}
