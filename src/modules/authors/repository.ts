import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';

/**
 * The reader rule (articles/visibility.ts, isVisibleArticle), passed in by the composition root:
 * authors sit below articles, so they are told the rule rather than importing it.
 */
export type VisibilityRule = (
  eb: ExpressionBuilder<Database, 'articles'>,
  now: string,
) => Expression<SqlBool>;

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

/**
 * Authors readers may see: those an admin made public, and those with a visible article. A staff
 * account's profile (invited, admin-only, or not yet published) stays private until then.
 */
function publicAuthors(db: Db, isVisible: VisibilityRule, now: string) {
  return db.selectFrom('authors').where((eb) =>
    eb.or([
      eb('authors.is_public', '=', 1),
      eb.exists(
        eb
          .selectFrom('articles')
          .where((e) => isVisible(e as unknown as ExpressionBuilder<Database, 'articles'>, now))
          .innerJoin('article_authors', 'article_authors.article_id', 'articles.id')
          .whereRef('article_authors.author_id', '=', 'authors.id')
          .select('article_authors.article_id'),
      ),
    ]),
  );
}

/** A public author's public columns by slug. */
export function findPublicAuthorBySlug(
  db: Db,
  args: { slug: string; isVisible: VisibilityRule; now: string },
): Promise<PublicAuthor | undefined> {
  return publicAuthors(db, args.isVisible, args.now)
    .where('authors.slug', '=', args.slug)
    .select(publicColumns)
    .executeTakeFirst();
}

/** Every public author, public columns, by name. */
export function listPublicAuthors(
  db: Db,
  args: { isVisible: VisibilityRule; now: string },
): Promise<PublicAuthor[]> {
  return publicAuthors(db, args.isVisible, args.now)
    .select(publicColumns)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Whether an admin has made this profile public. */
export async function isMarkedPublic(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('authors').where('id', '=', id).select('is_public').executeTakeFirst();
  return row?.is_public === 1;
}

/** Ids for these slugs; missing slugs are simply absent. */
export function findAuthorIds(db: Db, slugs: readonly string[]) {
  if (slugs.length === 0) return Promise.resolve([]);
  return db.selectFrom('authors').where('slug', 'in', slugs).select(['id', 'slug']).execute();
}

/** Every author, public columns, by name: the newsroom's list (the editor's bylines), never a reader's. */
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

/** An author's public columns by id. */
export function findAuthorById(db: Db, id: number): Promise<PublicAuthor | undefined> {
  return db.selectFrom('authors').where('id', '=', id).select(publicColumns).executeTakeFirst();
}

/** Whether another author than `exceptId` has this slug. */
export async function isSlugTaken(db: Db, slug: string, exceptId: number): Promise<boolean> {
  const row = await db
    .selectFrom('authors')
    .where('slug', '=', slug)
    .where('id', '!=', exceptId)
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Writes an author's public profile. */
export async function updateAuthorProfile(
  db: Db,
  id: number,
  values: Pick<AuthorWrite, 'slug' | 'name' | 'bio' | 'website' | 'avatar_url'> & { is_public?: number },
  now: string,
): Promise<void> {
  await db
    .updateTable('authors')
    .set({ ...values, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** An author as the newsroom's list shows them, with the staff account that writes as them, if any. */
export interface AuthorListing extends PublicAuthor {
  account_name: string | null;
  account_role: string | null;
}

/** Every author by name, with their staff account. Newsroom only: never for a public page. */
export function listAuthorsWithAccounts(db: Db): Promise<AuthorListing[]> {
  return db
    .selectFrom('authors')
    .leftJoin('users', 'users.author_id', 'authors.id')
    .select([
      'authors.id',
      'authors.slug',
      'authors.name',
      'authors.bio',
      'authors.avatar_url',
      'authors.website',
      'users.name as account_name',
      'users.role as account_role',
    ])
    .orderBy('authors.name')
    .orderBy('authors.id')
    .execute();
}
