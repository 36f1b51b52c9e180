import type { Db } from '../../platform/db/database.ts';

/** A tag as pages show it. */
export type TagRef = { id: number; slug: string; name: string };

/** A tag by slug. */
export function findTagBySlug(db: Db, slug: string) {
  return db
    .selectFrom('tags')
    .where('slug', '=', slug)
    .select(['id', 'slug', 'name', 'description'])
    .executeTakeFirst();
}

/** Every tag, by name. */
export function listTags(db: Db): Promise<TagRef[]> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).orderBy('name').execute();
}

/** Tags by slug, creating the missing ones. Returns ids in the order of `tags`. */
export async function ensureTags(db: Db, tags: readonly { slug: string; name: string }[]): Promise<number[]> {
  if (tags.length === 0) return [];
  const slugs = tags.map((t) => t.slug);
  const existing = await db.selectFrom('tags').where('slug', 'in', slugs).select(['id', 'slug']).execute();
  const ids = new Map(existing.map((t) => [t.slug, t.id]));
  for (const tag of tags) {
    if (ids.has(tag.slug)) continue;
    const row = await db
      .insertInto('tags')
      .values({ slug: tag.slug, name: tag.name, description: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(tag.slug, row.id);
  }
  return tags.map((t) => ids.get(t.slug) as number);
}

/** Sets a tag's display name. */
export async function renameTag(db: Db, id: number, name: string): Promise<void> {
  await db.updateTable('tags').set({ name }).where('id', '=', id).execute();
}
