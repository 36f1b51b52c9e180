import type { Db } from '../../platform/db/database.ts';

const publicColumns = ['id', 'slug', 'name', 'bio', 'avatar_url', 'website'] as const;

/** An author as public pages may show them: no email. */
export type PublicAuthor = {
  id: number;
  slug: string;
  name: string;
  bio: string;
  avatar_url: string | null;
  website: string | null;
};

/** An author's public columns by slug. */
export function findAuthorBySlug(db: Db, slug: string): Promise<PublicAuthor | undefined> {
  return db.selectFrom('authors').where('slug', '=', slug).select(publicColumns).executeTakeFirst();
}

/** Ids for these slugs; missing slugs are simply absent. */
export function findAuthorIds(db: Db, slugs: readonly string[]) {
  if (slugs.length === 0) return Promise.resolve([]);
  return db.selectFrom('authors').where('slug', 'in', slugs).select(['id', 'slug']).execute();
}

/** Every author, public columns, by name. */
export function listAuthors(db: Db): Promise<PublicAuthor[]> {
  return db.selectFrom('authors').select(publicColumns).orderBy('name').execute();
}

/** The columns an author save writes. */
export interface AuthorWrite {
  slug: string;
  name: string;
  bio: string;
  email: string | null;
  website: string | null;
  avatar_url: string | null;
}

/** Inserts the author, or updates the one with the same slug; returns the id and whether it was new. */
export async function upsertAuthor(
  db: Db,
  values: AuthorWrite,
  now: string,
): Promise<{ id: number; created: boolean }> {
  const existing = await db
    .selectFrom('authors')
    .where('slug', '=', values.slug)
    .select('id')
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('authors')
      .set({ ...values, updated_at: now })
      .where('id', '=', existing.id)
      .execute();
    return { id: existing.id, created: false };
  }
  const row = await db
    .insertInto('authors')
    .values({ ...values, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

/**
 * The author profile a new staff account writes as: the one with this email if there is one, else a
 * new profile named after the person, with a free slug. Runs inside the caller's transaction.
 */
export async function ensureAuthorProfile(
  db: Db,
  person: { name: string; email: string; slug: string },
  now: string,
): Promise<number> {
  const byEmail = await db
    .selectFrom('authors')
    .where('email', '=', person.email)
    .select('id')
    .executeTakeFirst();
  if (byEmail) return byEmail.id;
  let slug = person.slug || 'staff';
  for (
    let n = 2;
    await db.selectFrom('authors').where('slug', '=', slug).select('id').executeTakeFirst();
    n += 1
  )
    slug = `${person.slug || 'staff'}-${n}`;
  const row = await db
    .insertInto('authors')
    .values({ slug, name: person.name, bio: '', email: person.email, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
