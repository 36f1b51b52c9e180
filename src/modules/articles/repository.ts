import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { preparedQuery } from '../../platform/db/prepared.ts';
import type { ArticleStatus } from '../../platform/db/schema.ts';
import type { ArticleListing } from '../../platform/events.ts';
import type { BodyFormat } from '../../platform/render/markdown-renderer.ts';
import { sectionsOf } from '../sections/index.ts';
import { isVisibleArticle, isVisibleRow } from './visibility.ts';

// Only these author columns are ever selected for bylines: the private email cannot leak
// into a page because it is never read.
const publicAuthorColumns = [
  'authors.id',
  'authors.slug',
  'authors.name',
  'authors.bio',
  'authors.avatar_url',
  'authors.website',
] as const;

const summaryColumns = [
  'articles.id',
  'articles.slug',
  'articles.title',
  'articles.standfirst',
  'articles.published_at',
  'articles.updated_at',
  'articles.section_id',
] as const;

/** What narrows a list of published articles. */
export interface ListFilter {
  now: string;
  authorId?: number;
  tagId?: number;
  /** A section's page: the articles filed in any of these sections (itself and its children). */
  sectionIds?: readonly number[];
}

function published(db: Db, filter: ListFilter) {
  let query = db.selectFrom('articles').where((eb) => isVisibleArticle(eb, filter.now));
  if (filter.sectionIds !== undefined) query = query.where('articles.section_id', 'in', filter.sectionIds);
  if (filter.authorId !== undefined) {
    const authorId = filter.authorId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors')
          .select('article_authors.article_id')
          .whereRef('article_authors.article_id', '=', 'articles.id')
          .where('article_authors.author_id', '=', authorId),
      ),
    );
  }
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_tags')
          .select('article_tags.article_id')
          .whereRef('article_tags.article_id', '=', 'articles.id')
          .where('article_tags.tag_id', '=', tagId),
      ),
    );
  }
  return query;
}

/**
 * One author's or one tag's published articles, newest first, a page of their ids at a time, read
 * from the link's listing index (migration 0012): ten entries, however many articles there are.
 */
function linkedPage(db: Db, filter: ListFilter, limit: number, offset: number) {
  if (filter.authorId !== undefined && filter.tagId !== undefined) return undefined;
  const link =
    filter.tagId !== undefined
      ? ({ table: 'article_tags', key: 'tag_id', id: filter.tagId } as const)
      : filter.authorId !== undefined
        ? ({ table: 'article_authors', key: 'author_id', id: filter.authorId } as const)
        : undefined;
  if (!link) return undefined;
  // listed_at is the article's published_at while it is published, so `listed_at <= now` is the
  // reader rule (visibility.ts) read from the link.
  return db
    .selectFrom(link.table)
    .select('article_id')
    .where(db.dynamic.ref(link.key), '=', link.id)
    .where('listed_at', '<=', filter.now)
    .orderBy('listed_at', 'desc')
    .orderBy('article_id', 'desc')
    .limit(limit)
    .offset(offset);
}

/** A page of published articles newest first: all of them, or one author's or tag's. */
function newestFirst(db: Db, filter: ListFilter, limit: number, offset: number) {
  const page = linkedPage(db, filter, limit, offset);
  // The page's ids already hold only published articles. Asking again would let SQLite's planner
  // walk every published article to test each against the ten ids, rather than look the ten up.
  const query = page ? db.selectFrom('articles').where('articles.id', 'in', page) : published(db, filter);
  const ordered = query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc');
  return page ? ordered : ordered.limit(limit).offset(offset);
}

const publishedPage = preparedQuery(
  (
    db: Db,
    now: string,
    authorId: number | undefined,
    tagId: number | undefined,
    sectionIds: readonly number[] | undefined,
    limit: number,
    offset: number,
  ) =>
    newestFirst(
      db,
      {
        now,
        ...(authorId !== undefined && { authorId }),
        ...(tagId !== undefined && { tagId }),
        ...(sectionIds !== undefined && { sectionIds }),
      },
      limit,
      offset,
    ).select(summaryColumns),
);

/** One page of published articles, newest first, without bodies. */
export function listPublished(db: Db, filter: ListFilter & { limit: number; offset: number }) {
  return publishedPage(
    db,
    filter.now,
    filter.authorId,
    filter.tagId,
    filter.sectionIds,
    filter.limit,
    filter.offset,
  );
}

/** The published articles among these ids, in no particular order (the front page's lead and pins). */
export function listPublishedByIds(db: Db, args: { now: string; ids: readonly number[] }) {
  if (args.ids.length === 0) return Promise.resolve([]);
  return published(db, { now: args.now })
    .where('articles.id', 'in', args.ids)
    .select(summaryColumns)
    .execute();
}

/** How many published articles match. */
export async function countPublished(db: Db, filter: ListFilter): Promise<number> {
  const row = await published(db, filter)
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

const publishedBySlug = preparedQuery((db: Db, now: string, slug: string) =>
  published(db, { now })
    .where('articles.slug', '=', slug)
    .select([
      ...summaryColumns,
      'articles.body_html',
      'articles.body_format',
      'articles.comments_open',
      'articles.comments_close_after_days',
      'articles.update_note',
      'articles.update_noted_at',
    ]),
);

/** A published article with its body, or undefined. */
export async function findPublishedBySlug(db: Db, slug: string, now: string) {
  return (await publishedBySlug(db, now, slug))[0];
}

const uploadById = preparedQuery((db: Db, id: number) =>
  db
    .selectFrom('uploads')
    .where('id', '=', id)
    .select(['storage_key', 'mime_type', 'width', 'height', 'variants']),
);

/** An uploaded image's stored sizes, for an article's featured image. */
export async function findUpload(db: Db, id: number) {
  return (await uploadById(db, id))[0];
}

const featuredUploadsOf = preparedQuery((db: Db, now: string, articleIds: readonly number[]) =>
  db
    .selectFrom('articles')
    .innerJoin('uploads', 'uploads.id', 'articles.featured_image_id')
    .where('articles.id', 'in', articleIds)
    .where((eb) => isVisibleArticle(eb, now))
    .select([
      'articles.id as article_id',
      'articles.featured_image_alt',
      'uploads.storage_key',
      'uploads.width',
      'uploads.height',
      'uploads.variants',
    ]),
);

/**
 * The featured images of several articles in one query, for lists. Only articles readers may see
 * now answer, so a draft's picture never reaches a list even if a caller passes a draft's id.
 */
export function featuredUploadsFor(db: Db, args: { articleIds: readonly number[]; now: string }) {
  if (args.articleIds.length === 0) return Promise.resolve([]);
  return featuredUploadsOf(db, args.now, args.articleIds);
}

const bylinesOf = preparedQuery((db: Db, articleIds: readonly number[]) =>
  db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .where('article_authors.article_id', 'in', articleIds)
    .select(['article_authors.article_id', ...publicAuthorColumns])
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position'),
);

/** Bylines for several articles in one query, in byline order. */
export function bylinesFor(db: Db, articleIds: readonly number[]) {
  if (articleIds.length === 0) return Promise.resolve([]);
  return bylinesOf(db, articleIds);
}

const tagsOf = preparedQuery((db: Db, articleIds: readonly number[]) =>
  db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .where('article_tags.article_id', 'in', articleIds)
    .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name'])
    .orderBy('article_tags.article_id')
    .orderBy('article_tags.position'),
);

/** Tags for several articles in one query, in the order they were given. */
export function tagsFor(db: Db, articleIds: readonly number[]) {
  if (articleIds.length === 0) return Promise.resolve([]);
  return tagsOf(db, articleIds);
}

/** The stored row for a slug, whatever its status (for saving). */
export function findIdBySlug(db: Db, slug: string) {
  return db
    .selectFrom('articles')
    .where('slug', '=', slug)
    .select(['id', 'created_at', 'published_at', 'section_id', 'review_requested_at'])
    .executeTakeFirst();
}

/** Every article, drafts included, for the command line. */
export function listAll(db: Db) {
  return db
    .selectFrom('articles')
    .select(['id', 'slug', 'title', 'status', 'published_at', 'updated_at'])
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The columns saveArticle writes. */
export interface ArticleWrite {
  slug: string;
  title: string;
  standfirst: string;
  /** The body as the editor shows it: Dateline body HTML, as every save path stores it (0021-body-html). */
  body_markdown: string;
  /** 'html': Markdown is converted at save time. */
  body_format: BodyFormat;
  /** The same HTML as `body_markdown`. */
  body_html: string;
  /** The body's plain text (bodyText), which search indexes. */
  body_text: string;
  status: ArticleStatus;
  published_at: string | null;
  updated_at: string;
  comments_open: number;
  comments_close_after_days: number | null;
  /** The article's primary section (modules/sections, resolveSection). */
  section_id: number;
  /** When a draft was marked ready for review; null once it goes live. Written only when given. */
  review_requested_at?: string | null;
  /** Written only when given: a save without a picture keeps the article's. */
  featured_image_id?: number | null;
  featured_image_alt?: string | null;
}

/** Inserts an article and returns its id. */
export async function insertArticle(db: Db, values: ArticleWrite & { created_at: string }): Promise<number> {
  const row = await db.insertInto('articles').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces an article's columns, and moves its version on (the editor's optimistic lock). */
export async function updateArticle(db: Db, id: number, values: ArticleWrite): Promise<void> {
  await db
    .updateTable('articles')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** Replaces an article's bylines with these author ids, in order. */
export async function setBylines(db: Db, articleId: number, authorIds: readonly number[]): Promise<void> {
  await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  if (authorIds.length === 0) return;
  await db
    .insertInto('article_authors')
    .values(authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position })))
    .execute();
}

/** Replaces an article's tags with these tag ids, in order. */
export async function setTags(db: Db, articleId: number, tagIds: readonly number[]): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (tagIds.length === 0) return;
  await db
    .insertInto('article_tags')
    .values(tagIds.map((tag_id, position) => ({ article_id: articleId, tag_id, position })))
    .execute();
}

/** Published articles with their bodies, newest first, for feeds. */
export function listPublishedWithBodies(db: Db, filter: ListFilter & { limit: number }) {
  return newestFirst(db, filter, filter.limit, 0)
    .select([...summaryColumns, 'articles.body_html'])
    .execute();
}

/** The URLs a sitemap lists: slug and dates of published articles, oldest first, a slice at a time. */
export function listSitemapEntries(db: Db, args: { now: string; offset: number; limit: number }) {
  return published(db, { now: args.now })
    .select(['articles.slug', 'articles.title', 'articles.published_at', 'articles.updated_at'])
    .orderBy('articles.published_at')
    .orderBy('articles.id')
    .limit(args.limit)
    .offset(args.offset)
    .execute();
}

/** Published articles since a moment, newest first (the news sitemap's 48 hours). */
export function listPublishedSince(db: Db, args: { now: string; since: string; limit: number }) {
  return published(db, { now: args.now })
    .where('articles.published_at', '>=', args.since)
    .select(['articles.slug', 'articles.title', 'articles.published_at'])
    .orderBy('articles.published_at', 'desc')
    .limit(args.limit)
    .execute();
}

/** Where an article appears in lists right now: visibility, date, bylines and tags. */
export async function listingOf(db: Db, articleId: number, now: string): Promise<ArticleListing | null> {
  const [row, authors, tags] = await Promise.all([
    db
      .selectFrom('articles')
      .where('id', '=', articleId)
      .select(['status', 'published_at', 'section_id'])
      .executeTakeFirst(),
    db
      .selectFrom('article_authors')
      .where('article_id', '=', articleId)
      .select('author_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('article_tags')
      .where('article_id', '=', articleId)
      .select('tag_id')
      .orderBy('position')
      .execute(),
  ]);
  if (!row) return null;
  const section =
    row.section_id === null ? undefined : (await sectionsOf(db, [row.section_id])).get(row.section_id);
  return {
    isVisible: isVisibleRow(row, now),
    publishedAt: row.published_at,
    authorIds: authors.map((a) => a.author_id),
    tagIds: tags.map((t) => t.tag_id),
    sectionIds: section ? [section.id, ...(section.parent ? [section.parent.id] : [])] : [],
  };
}

/** Published articles whose time came within (after, upTo]: they have just become visible. */
export function listBecameVisible(db: Db, args: { after: string; upTo: string }) {
  return db
    .selectFrom('articles')
    .where((eb) => isVisibleArticle(eb, args.upTo))
    .where('articles.published_at', '>', args.after)
    .select(['articles.id', 'articles.slug'])
    .execute();
}
