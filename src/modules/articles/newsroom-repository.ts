import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleStatus } from '../../platform/db/schema.ts';
import type { ArticleWrite } from './repository.ts';
import { isVisibleArticle } from './visibility.ts';

// The newsroom's queries: every status, revisions, uploads. Reader pages never call these.

/** What the editor writes, on top of what the command line writes. */
export interface EditorWrite extends ArticleWrite {
  update_note: string | null;
  update_noted_at: string | null;
  featured_image_id: number | null;
  featured_image_alt: string | null;
}

/** An article with every column the editor shows, whatever its status. */
export function findArticle(db: Db, id: number) {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The editor's version token: the article's `version`, which every write moves on. The form sends
 * back the one it loaded, and a save over another is refused (EDIT_CONFLICT).
 */
export async function versionOf(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('articles').where('id', '=', id).select('version').executeTakeFirst();
  return row ? String(row.version) : undefined;
}

/** Author ids on an article's byline, in order. */
export async function bylineIds(db: Db, articleId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('article_authors')
    .where('article_id', '=', articleId)
    .select('author_id')
    .orderBy('position')
    .execute();
  return rows.map((r) => r.author_id);
}

/** The article that has this slug, if any. */
export function findSlugOwner(db: Db, slug: string) {
  return db.selectFrom('articles').where('slug', '=', slug).select('id').executeTakeFirst();
}

/** An author profile's slug. */
export async function authorSlugOf(db: Db, authorId: number): Promise<string | undefined> {
  const row = await db.selectFrom('authors').where('id', '=', authorId).select('slug').executeTakeFirst();
  return row?.slug;
}

/** Inserts an article written in the editor and returns its id. */
export async function insertEditorArticle(
  db: Db,
  values: EditorWrite & { created_at: string; created_by: number },
): Promise<number> {
  const row = await db.insertInto('articles').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces the columns the editor writes, and moves the article's version on. */
export async function updateEditorArticle(db: Db, id: number, values: EditorWrite): Promise<void> {
  await db
    .updateTable('articles')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** Keeps one revision. */
export async function insertRevision(
  db: Db,
  values: {
    article_id: number;
    user_id: number | null;
    kind: 'save' | 'autosave';
    snapshot: string;
    created_at: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('article_revisions')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An article's autosaves, newest first: what thinning looks at. */
export function listAutosaves(db: Db, articleId: number) {
  return db
    .selectFrom('article_revisions')
    .where('article_id', '=', articleId)
    .where('kind', '=', 'autosave')
    .select(['id', 'created_at'])
    .orderBy('id', 'desc')
    .execute();
}

/** Deletes an article's autosaves by id; never a save, whatever the ids say. */
export async function deleteAutosaves(db: Db, articleId: number, ids: readonly number[]): Promise<void> {
  // In slices: SQLite caps the values one statement may bind.
  for (let from = 0; from < ids.length; from += 500) {
    await db
      .deleteFrom('article_revisions')
      .where('article_id', '=', articleId)
      .where('kind', '=', 'autosave')
      .where('id', 'in', ids.slice(from, from + 500))
      .execute();
  }
}

/** An article's revisions, newest first, with who made each. */
export function listRevisions(db: Db, articleId: number) {
  return db
    .selectFrom('article_revisions')
    .leftJoin('users', 'users.id', 'article_revisions.user_id')
    .where('article_revisions.article_id', '=', articleId)
    .select([
      'article_revisions.id',
      'article_revisions.kind',
      'article_revisions.snapshot',
      'article_revisions.created_at',
      'article_revisions.user_id',
      'users.name as user_name',
    ])
    .orderBy('article_revisions.id', 'desc')
    .execute();
}

/** One revision of one article. */
export function findRevision(db: Db, articleId: number, revisionId: number) {
  return db
    .selectFrom('article_revisions')
    .leftJoin('users', 'users.id', 'article_revisions.user_id')
    .where('article_revisions.article_id', '=', articleId)
    .where('article_revisions.id', '=', revisionId)
    .select([
      'article_revisions.id',
      'article_revisions.kind',
      'article_revisions.snapshot',
      'article_revisions.created_at',
      'users.name as user_name',
    ])
    .executeTakeFirst();
}

/** A person's autosave made after the article's last save, if there is one. */
export function newerAutosave(db: Db, articleId: number, userId: number) {
  return db
    .selectFrom('article_revisions')
    .where('article_id', '=', articleId)
    .where('user_id', '=', userId)
    .where('kind', '=', 'autosave')
    .where((eb) =>
      eb(
        'id',
        '>',
        eb
          .selectFrom('article_revisions as saves')
          .where('saves.article_id', '=', articleId)
          .where('saves.kind', '=', 'save')
          .select((e) => e.fn.coalesce(e.fn.max('saves.id'), sql.lit(0)).as('last')),
      ),
    )
    .select(['id', 'snapshot', 'created_at'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** What narrows the newsroom's article list. */
export interface DeskFilter {
  status?: ArticleStatus;
  /** Only drafts marked ready for review. */
  isReadyForReview?: boolean;
  authorSlug?: string;
  tagSlug?: string;
  /** Matched against title and slug, case-insensitively. */
  query?: string;
  /**
   * For someone who may not see every draft (no 'article.edit-any'): only the articles they created
   * or are on the byline of, and others' articles readers can see now (the reader rule).
   */
  seenBy?: { userId: number; authorId: number | null; now: string };
  limit: number;
  offset: number;
}

// LIKE treats % and _ as wildcards; a search for "50%" means the characters.
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A page of articles of every status, most recently changed first. */
export function listForDesk(db: Db, filter: DeskFilter) {
  let query = db
    .selectFrom('articles')
    .select([
      'articles.id',
      'articles.slug',
      'articles.title',
      'articles.status',
      'articles.published_at',
      'articles.updated_at',
      'articles.created_by',
      'articles.review_requested_at',
    ]);
  if (filter.status) query = query.where('articles.status', '=', filter.status);
  if (filter.isReadyForReview)
    query = query
      .where('articles.status', '=', 'draft')
      .where('articles.review_requested_at', 'is not', null);
  if (filter.seenBy) {
    const { userId, authorId, now } = filter.seenBy;
    query = query.where((eb) =>
      eb.or([
        eb('articles.created_by', '=', userId),
        ...(authorId === null
          ? []
          : [
              eb.exists(
                eb
                  .selectFrom('article_authors as own')
                  .whereRef('own.article_id', '=', 'articles.id')
                  .where('own.author_id', '=', authorId)
                  .select('own.article_id'),
              ),
            ]),
        isVisibleArticle(eb, now),
      ]),
    );
  }
  if (filter.authorSlug) {
    const slug = filter.authorSlug;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors')
          .innerJoin('authors', 'authors.id', 'article_authors.author_id')
          .whereRef('article_authors.article_id', '=', 'articles.id')
          .where('authors.slug', '=', slug)
          .select('article_authors.article_id'),
      ),
    );
  }
  if (filter.tagSlug) {
    const slug = filter.tagSlug;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .whereRef('article_tags.article_id', '=', 'articles.id')
          .where('tags.slug', '=', slug)
          .select('article_tags.article_id'),
      ),
    );
  }
  if (filter.query) {
    const pattern = likePattern(filter.query);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('articles.title')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('articles.slug')}) like ${pattern} escape '\\'`,
      ]),
    );
  }
  return query
    .orderBy('articles.updated_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

/** Deletes an article; its bylines, tags, comments and revisions go with it. */
export async function deleteArticle(db: Db, id: number): Promise<void> {
  await db.deleteFrom('articles').where('id', '=', id).execute();
}

/**
 * Publishes every scheduled article whose time has come, in one conditional UPDATE: a row another
 * process has published already no longer matches `status = 'scheduled'`, so no article is published
 * twice. Returns the rows this call published.
 */
export function publishScheduled(db: Db, now: string) {
  return db
    .updateTable('articles')
    .set({ status: 'published', updated_at: sql<string>`published_at`, version: sql<number>`version + 1` })
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', now)
    .returning(['id', 'slug'])
    .execute();
}
