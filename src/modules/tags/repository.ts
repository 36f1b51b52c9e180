import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';

/** A tag as pages show it. */
export type TagRef = { id: number; slug: string; name: string };

/**
 * The reader rule (articles/visibility.ts, isVisibleArticle), passed in by the composition root:
 * tags sit below articles, so they are told the rule rather than importing it.
 */
export type VisibilityRule = (
  eb: ExpressionBuilder<Database, 'articles'>,
  now: string,
) => Expression<SqlBool>;

/** A tag's public addresses: its page and its feed. Renames and merges redirect both. */
export function tagPaths(slug: string): { page: string; feed: string } {
  return { page: `/tag/${slug}/`, feed: `/tag/${slug}/feed/` };
}

/** A tag by slug, whoever may see it: the newsroom's and the writers' lookup. */
export function findTagBySlug(db: Db, slug: string) {
  return db
    .selectFrom('tags')
    .where('slug', '=', slug)
    .select(['id', 'slug', 'name', 'description'])
    .executeTakeFirst();
}

/** A tag by id, whoever may see it. */
export function findTagById(db: Db, id: number) {
  return db
    .selectFrom('tags')
    .where('id', '=', id)
    .select(['id', 'slug', 'name', 'description'])
    .executeTakeFirst();
}

/** Tags that a visible article carries: the only tags readers may learn of. */
function publicTags(db: Db, isVisible: VisibilityRule, now: string) {
  return db.selectFrom('tags').where((eb) =>
    eb.exists(
      eb
        .selectFrom('articles')
        .where((e) => isVisible(e as unknown as ExpressionBuilder<Database, 'articles'>, now))
        .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
        .whereRef('article_tags.tag_id', '=', 'tags.id')
        .select('article_tags.article_id'),
    ),
  );
}

/** A tag by slug, only while a visible article carries it. */
export function findPublicTagBySlug(db: Db, args: { slug: string; isVisible: VisibilityRule; now: string }) {
  return publicTags(db, args.isVisible, args.now)
    .where('tags.slug', '=', args.slug)
    .select(['tags.id', 'tags.slug', 'tags.name', 'tags.description'])
    .executeTakeFirst();
}

/** Every tag a visible article carries, by name. */
export function listPublicTags(db: Db, args: { isVisible: VisibilityRule; now: string }): Promise<TagRef[]> {
  return publicTags(db, args.isVisible, args.now)
    .select(['tags.id', 'tags.slug', 'tags.name'])
    .orderBy('tags.name')
    .orderBy('tags.slug')
    .execute();
}

/** Every tag, by name: the newsroom's list, never a reader's. */
export function listTags(db: Db): Promise<TagRef[]> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).orderBy('name').execute();
}

/** Every tag with how many articles (of any status) carry it, for the Tags screen. */
export async function listTagsWithUse(db: Db) {
  const rows = await db
    .selectFrom('tags')
    .leftJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .groupBy(['tags.id', 'tags.slug', 'tags.name'])
    .select((eb) => [
      'tags.id',
      'tags.slug',
      'tags.name',
      eb.fn.count<number | string>('article_tags.article_id').as('article_count'),
    ])
    .orderBy('tags.name')
    .orderBy('tags.slug')
    .execute();
  return rows.map((row) => ({ ...row, article_count: Number(row.article_count) }));
}

/**
 * Tags for names as typed → ids, keyed by each ref's slug. The exact name wins over the slug: a tag
 * renamed without moving its address ("Climate crisis" at /tag/climate/) is still the tag the editor
 * shows by that name, not a new one.
 */
export async function tagIdsByRef(
  db: Db,
  refs: readonly { slug: string; name: string }[],
): Promise<Map<string, number>> {
  if (refs.length === 0) return new Map();
  const rows = await db
    .selectFrom('tags')
    .where((eb) =>
      eb.or([
        eb(
          'slug',
          'in',
          refs.map((r) => r.slug),
        ),
        eb(
          'name',
          'in',
          refs.map((r) => r.name),
        ),
      ]),
    )
    .select(['id', 'slug', 'name'])
    .execute();
  const ids = new Map<string, number>();
  for (const ref of refs) {
    const row = rows.find((t) => t.name === ref.name) ?? rows.find((t) => t.slug === ref.slug);
    if (row) ids.set(ref.slug, row.id);
  }
  return ids;
}

/** The names of tags with a comma in them, which a comma-separated field must keep whole. */
export async function tagNamesWithCommas(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('tags').where('name', 'like', '%,%').select('name').execute();
  return rows.map((r) => r.name);
}

/** Adds a tag and returns its id. */
export async function insertTag(db: Db, tag: { slug: string; name: string }): Promise<number> {
  const row = await db
    .insertInto('tags')
    .values({ slug: tag.slug, name: tag.name, description: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Sets a tag's display name and slug. */
export async function updateTag(db: Db, id: number, values: { name: string; slug: string }): Promise<void> {
  await db.updateTable('tags').set(values).where('id', '=', id).execute();
}

/** Deletes a tag; its article links go with it. */
export async function deleteTag(db: Db, id: number): Promise<void> {
  await db.deleteFrom('tags').where('id', '=', id).execute();
}

/** The articles that carry a tag. */
export async function articleIdsWithTag(db: Db, tagId: number): Promise<number[]> {
  const rows = await db.selectFrom('article_tags').where('tag_id', '=', tagId).select('article_id').execute();
  return rows.map((r) => r.article_id);
}

/**
 * Moves every article link from one tag to another. An article that carries both keeps the
 * surviving tag where it was; the merged one's link is dropped.
 */
export async function moveTagLinks(db: Db, fromId: number, intoId: number): Promise<void> {
  await db
    .updateTable('article_tags')
    .set({ tag_id: intoId })
    .where('tag_id', '=', fromId)
    .where((eb) =>
      eb(
        'article_id',
        'not in',
        eb.selectFrom('article_tags as kept').where('kept.tag_id', '=', intoId).select('kept.article_id'),
      ),
    )
    .execute();
  await db.deleteFrom('article_tags').where('tag_id', '=', fromId).execute();
}

/** Adds a tag at the end of an article's tags, unless it is there already. */
export async function linkTag(db: Db, articleId: number, tagId: number): Promise<void> {
  const links = await db
    .selectFrom('article_tags')
    .where('article_id', '=', articleId)
    .select(['tag_id', 'position'])
    .execute();
  if (links.some((l) => l.tag_id === tagId)) return;
  const position = links.reduce((max, l) => Math.max(max, l.position + 1), 0);
  await db.insertInto('article_tags').values({ article_id: articleId, tag_id: tagId, position }).execute();
}

/** One tag a contributor suggested for an article. */
export interface TagSuggestion {
  article_id: number;
  slug: string;
  name: string;
}

/** The suggestions on these articles, in the order they were made. */
export function suggestionsFor(db: Db, articleIds: readonly number[]): Promise<TagSuggestion[]> {
  if (articleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('article_tag_suggestions')
    .where('article_id', 'in', articleIds)
    .select(['article_id', 'slug', 'name'])
    .orderBy('article_id')
    .orderBy('created_at')
    .orderBy('slug')
    .execute();
}

/** Every pending suggestion with its article's title, for the Tags screen. */
export function listPendingSuggestions(db: Db) {
  return db
    .selectFrom('article_tag_suggestions')
    .innerJoin('articles', 'articles.id', 'article_tag_suggestions.article_id')
    .leftJoin('users', 'users.id', 'article_tag_suggestions.suggested_by')
    .select([
      'article_tag_suggestions.article_id',
      'article_tag_suggestions.slug',
      'article_tag_suggestions.name',
      'article_tag_suggestions.created_at',
      'articles.title as article_title',
      'users.name as suggested_by_name',
    ])
    .orderBy('article_tag_suggestions.created_at')
    .orderBy('article_tag_suggestions.article_id')
    .limit(500)
    .execute();
}

/** One suggestion, if it is still pending. */
export function findSuggestion(db: Db, articleId: number, slug: string) {
  return db
    .selectFrom('article_tag_suggestions')
    .where('article_id', '=', articleId)
    .where('slug', '=', slug)
    .select(['article_id', 'slug', 'name'])
    .executeTakeFirst();
}

/** Removes one suggestion. */
export async function deleteSuggestion(db: Db, articleId: number, slug: string): Promise<void> {
  await db
    .deleteFrom('article_tag_suggestions')
    .where('article_id', '=', articleId)
    .where('slug', '=', slug)
    .execute();
}

/**
 * Makes an article's suggestions exactly `tags`: those not listed go, new ones are kept with who
 * suggested them; one already pending keeps its first spelling and time.
 */
export async function replaceSuggestions(
  db: Db,
  args: {
    articleId: number;
    tags: readonly { slug: string; name: string }[];
    userId: number | null;
    at: string;
  },
): Promise<void> {
  const current = await suggestionsFor(db, [args.articleId]);
  const wanted = new Set(args.tags.map((t) => t.slug));
  const gone = current.filter((s) => !wanted.has(s.slug)).map((s) => s.slug);
  if (gone.length > 0)
    await db
      .deleteFrom('article_tag_suggestions')
      .where('article_id', '=', args.articleId)
      .where('slug', 'in', gone)
      .execute();
  const have = new Set(current.map((s) => s.slug));
  const fresh = args.tags.filter((t) => !have.has(t.slug));
  if (fresh.length > 0)
    await db
      .insertInto('article_tag_suggestions')
      .values(
        fresh.map((t) => ({
          article_id: args.articleId,
          slug: t.slug,
          name: t.name,
          suggested_by: args.userId,
          created_at: args.at,
        })),
      )
      .execute();
}
