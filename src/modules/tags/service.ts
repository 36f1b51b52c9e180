import { cleanLabel } from '../../platform/text.ts';
import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import { slugify } from '../../platform/render/slug.ts';
import { recordAudit } from '../audit/index.ts';
import { redirects } from '../redirects/index.ts';
import {
  articleIdsWithTag,
  deleteSuggestion,
  deleteTag,
  findPublicTagBySlug,
  findSuggestion,
  findTagById,
  findTagBySlug,
  insertTag,
  linkTag,
  listPendingSuggestions,
  listPublicTags,
  listTags,
  listTagsWithUse,
  moveTagLinks,
  tagIdsByRef,
  tagPaths,
  updateTag,
  type TagRef,
  type VisibilityRule,
} from './repository.ts';

/** Who acts on the Tags screen. The route has checked 'tag.manage'. */
export interface TagActor {
  id: number;
  name: string;
}

/** Tag use cases. Only 'tag.manage' creates, renames, merges or deletes a tag. */
export interface TagService {
  /** A tag readers may see: one that a visible article carries. */
  findPublicBySlug(slug: string): ReturnType<typeof findTagBySlug>;
  /** Every tag readers may see, by name (sitemaps). */
  listPublic(): Promise<TagRef[]>;
  /** Any tag by slug, for the newsroom. */
  findBySlug(slug: string): ReturnType<typeof findTagBySlug>;
  /** Every tag, for the newsroom's editor and filters: never for a reader's page. */
  list(): Promise<TagRef[]>;
  /** The Tags screen: every tag with its use, and every pending suggestion. */
  overview(): Promise<{
    tags: Awaited<ReturnType<typeof listTagsWithUse>>;
    suggestions: Awaited<ReturnType<typeof listPendingSuggestions>>;
  }>;
  /** Adds a tag. VALIDATION_FAILED (name), SLUG_TAKEN. */
  create(args: { name: string; actor: TagActor | null }): Promise<TagRef>;
  /**
   * Renames a tag (`actor` null for the command line and tests); a new slug moves its page and feed, and the old addresses redirect (301).
   * VALIDATION_FAILED, SLUG_TAKEN (merge instead), NOT_FOUND.
   */
  rename(args: { id: number; name: string; slug?: string; actor: TagActor | null }): Promise<TagRef>;
  /**
   * Merges `id` into `intoId`: its articles carry the surviving tag, it is deleted, and its page
   * and feed redirect (301) to the survivor's, as do any addresses that redirected to them.
   */
  merge(args: { id: number; intoId: number; actor: TagActor | null }): Promise<TagRef>;
  /** Deletes a tag: articles lose it, and its page and feed answer 404. */
  remove(args: { id: number; actor: TagActor | null }): Promise<{ name: string }>;
  /** Makes a contributor's suggestion a tag of the article, creating the tag if needed. */
  approveSuggestion(args: { articleId: number; slug: string; actor: TagActor | null }): Promise<TagRef>;
  /** Drops a suggestion. */
  rejectSuggestion(args: { articleId: number; slug: string; actor: TagActor | null }): Promise<void>;
}

/** What the tag service needs: `isVisible` is the articles module's reader rule, passed in. */
export interface TagServiceDeps {
  db: Db;
  clock: Clock;
  events: Events;
  isVisible: VisibilityRule;
}

function checkName(name: string): { name: string; slug: string } {
  const clean = cleanLabel(name);
  if (clean === '' || clean.length > 80)
    throw new AppError('VALIDATION_FAILED', { fields: { name: 'must be 1 to 80 characters' } });
  const slug = slugify(clean);
  if (slug === '') throw new AppError('VALIDATION_FAILED', { fields: { name: 'needs a letter or digit' } });
  return { name: clean, slug };
}

/** Frees a tag's addresses for a live tag page: any redirect from them goes. */
async function claimPaths(db: Db, slug: string): Promise<void> {
  const paths = tagPaths(slug);
  await redirects.remove(db, paths.page);
  await redirects.remove(db, paths.feed);
}

/** Redirects a tag's old addresses to another slug's, collapsing chains. */
async function redirectPaths(db: Db, fromSlug: string, toSlug: string, at: string): Promise<void> {
  const from = tagPaths(fromSlug);
  const to = tagPaths(toSlug);
  await redirects.add(db, { from: from.page, to: to.page, at });
  await redirects.add(db, { from: from.feed, to: to.feed, at });
}

/**
 * Tag names for an article → tag ids, in order. Known names (by exact name, then by slug) are linked; unknown ones are created
 * only when `mayCreate` (tag.manage, or the command line's --new-tags), otherwise returned as
 * `unknown`, for the caller to keep as suggestions or refuse; `only` limits creation to these slugs.
 * Runs inside the caller's transaction.
 */
export async function resolveTags(
  db: Db,
  tags: readonly { slug: string; name: string }[],
  options: { mayCreate: boolean; only?: ReadonlySet<string> },
): Promise<{ ids: number[]; unknown: { slug: string; name: string }[] }> {
  const ids = await tagIdsByRef(db, tags);
  const unknown: { slug: string; name: string }[] = [];
  const result: number[] = [];
  for (const tag of tags) {
    let id = ids.get(tag.slug);
    if (id === undefined && options.mayCreate && (options.only?.has(tag.slug) ?? true)) {
      id = await insertTag(db, tag);
      await claimPaths(db, tag.slug);
      ids.set(tag.slug, id);
    }
    if (id === undefined) unknown.push(tag);
    // Two spellings may name one tag (its name and its slug's): the article carries it once.
    else if (!result.includes(id)) result.push(id);
  }
  return { ids: result, unknown };
}

/** Builds the tag service. */
export function createTagService(deps: TagServiceDeps): TagService {
  const { db, clock, events, isVisible } = deps;
  const now = () => clock.now().toISOString();
  const announce = (tagIds: number[], articleIds: number[], listChanged = true) =>
    events.emit('tagsChanged', { tagIds, articleIds, listChanged });

  return {
    findPublicBySlug: (slug) => findPublicTagBySlug(db, { slug, isVisible, now: now() }),
    listPublic: () => listPublicTags(db, { isVisible, now: now() }),
    findBySlug: (slug) => findTagBySlug(db, slug),
    list: () => listTags(db),
    async overview() {
      const [tags, suggestions] = await Promise.all([listTagsWithUse(db), listPendingSuggestions(db)]);
      return { tags, suggestions };
    },

    async create({ name, actor }) {
      const tag = checkName(name);
      const at = now();
      const id = await transact(db, async (trx) => {
        if (await findTagBySlug(trx, tag.slug))
          throw new AppError('SLUG_TAKEN', { fields: { name: 'a tag with this name exists already' } });
        const id = await insertTag(trx, tag);
        await claimPaths(trx, tag.slug);
        await recordAudit(trx, { actor, action: 'tag.create', subject: `tag:${id}`, detail: tag, at });
        return id;
      });
      // A new tag is on no article, so no page shows it; the newsroom reads it uncached.
      return { id, ...tag };
    },

    async rename({ id, name, slug, actor }) {
      const wanted = checkName(name);
      const at = now();
      let newSlug = '';
      let slugChanged = false;
      await transact(db, async (trx) => {
        const before = await findTagById(trx, id);
        if (!before) throw notFound();
        // No slug given keeps the address; an empty one is made from the new name.
        newSlug = slug === undefined ? before.slug : slug.trim() === '' ? wanted.slug : slugify(slug);
        if (newSlug === '')
          throw new AppError('VALIDATION_FAILED', { fields: { slug: 'needs a letter or digit' } });
        if (newSlug !== before.slug) {
          if (await findTagBySlug(trx, newSlug))
            throw new AppError('SLUG_TAKEN', {
              fields: { slug: 'another tag has this slug; merge the two tags instead' },
            });
          await claimPaths(trx, newSlug);
        }
        await updateTag(trx, id, { name: wanted.name, slug: newSlug });
        slugChanged = newSlug !== before.slug;
        if (slugChanged) await redirectPaths(trx, before.slug, newSlug, at);
        await recordAudit(trx, {
          actor,
          action: 'tag.rename',
          subject: `tag:${id}`,
          detail: { name: [before.name, wanted.name], slug: [before.slug, newSlug] },
          at,
        });
      });
      // Every page that shows the tag carries its key; the lists change only with its address.
      announce([id], [], slugChanged);
      return { id, slug: newSlug, name: wanted.name };
    },

    async merge({ id, intoId, actor }) {
      if (id === intoId)
        throw new AppError('VALIDATION_FAILED', { fields: { into: 'choose another tag to merge into' } });
      const at = now();
      const result = await transact(db, async (trx) => {
        const [from, into] = [await findTagById(trx, id), await findTagById(trx, intoId)];
        if (!from) throw notFound();
        if (!into) throw new AppError('VALIDATION_FAILED', { fields: { into: 'no such tag' } });
        const articleIds = await articleIdsWithTag(trx, id);
        await moveTagLinks(trx, id, intoId);
        await deleteTag(trx, id);
        await redirectPaths(trx, from.slug, into.slug, at);
        await recordAudit(trx, {
          actor,
          action: 'tag.merge',
          subject: `tag:${intoId}`,
          detail: {
            merged: { id, slug: from.slug, name: from.name },
            into: into.slug,
            articles: articleIds.length,
          },
          at,
        });
        return { into, articleIds };
      });
      announce([id, intoId], result.articleIds);
      return { id: result.into.id, slug: result.into.slug, name: result.into.name };
    },

    async remove({ id, actor }) {
      const at = now();
      const result = await transact(db, async (trx) => {
        const tag = await findTagById(trx, id);
        if (!tag) throw notFound();
        const articleIds = await articleIdsWithTag(trx, id);
        await deleteTag(trx, id);
        // Addresses that redirected here would now lead to a 404: they answer 404 themselves.
        const paths = tagPaths(tag.slug);
        await redirects.removeTo(trx, paths.page);
        await redirects.removeTo(trx, paths.feed);
        await recordAudit(trx, {
          actor,
          action: 'tag.delete',
          subject: `tag:${id}`,
          detail: { slug: tag.slug, name: tag.name, articles: articleIds.length },
          at,
        });
        return { tag, articleIds };
      });
      announce([id], result.articleIds);
      return { name: result.tag.name };
    },

    async approveSuggestion({ articleId, slug, actor }) {
      const at = now();
      const tag = await transact(db, async (trx) => {
        const suggestion = await findSuggestion(trx, articleId, slug);
        if (!suggestion) throw notFound();
        const {
          ids: [tagId],
        } = await resolveTags(trx, [{ slug: suggestion.slug, name: suggestion.name }], { mayCreate: true });
        if (tagId === undefined) throw new Error('an approved tag was not created');
        await linkTag(trx, articleId, tagId);
        await deleteSuggestion(trx, articleId, slug);
        await recordAudit(trx, {
          actor,
          action: 'tag.approve',
          subject: `tag:${tagId}`,
          detail: { article: articleId, name: suggestion.name },
          at,
        });
        const tag = await findTagById(trx, tagId);
        if (!tag) throw new Error('an approved tag is missing');
        return tag;
      });
      announce([tag.id], [articleId]);
      return { id: tag.id, slug: tag.slug, name: tag.name };
    },

    async rejectSuggestion({ articleId, slug, actor }) {
      await transact(db, async (trx) => {
        const suggestion = await findSuggestion(trx, articleId, slug);
        if (!suggestion) throw notFound();
        await deleteSuggestion(trx, articleId, slug);
        await recordAudit(trx, {
          actor,
          action: 'tag.reject',
          subject: `article:${articleId}`,
          detail: { name: suggestion.name },
          at: now(),
        });
      });
    },
  };
}
