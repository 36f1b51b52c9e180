import type { Db } from '../../platform/db/database.ts';

/**
 * One redirect: a GET for `from_path` that would be a 404 answers `status` to `to_path`, an on-site
 * path, or (`is_external` 1) an absolute http(s) URL someone asked for as external. A 410 row has an
 * empty `to_path`: the address is gone.
 */
export interface Redirect {
  from_path: string;
  to_path: string;
  status: number;
  is_external: number;
}

const columns = ['from_path', 'to_path', 'status', 'is_external'] as const;

/** The redirect from this path, if any. */
export function findRedirect(db: Db, fromPath: string): Promise<Redirect | undefined> {
  return db.selectFrom('redirects').where('from_path', '=', fromPath).select(columns).executeTakeFirst();
}

/** Inserts the redirect, or replaces the one from the same path. */
export async function upsertRedirect(db: Db, redirect: Redirect, at: string): Promise<void> {
  const existing = await findRedirect(db, redirect.from_path);
  if (existing) {
    await db
      .updateTable('redirects')
      .set({ to_path: redirect.to_path, status: redirect.status, is_external: redirect.is_external })
      .where('from_path', '=', redirect.from_path)
      .execute();
  } else {
    await db
      .insertInto('redirects')
      .values({ ...redirect, created_at: at })
      .execute();
  }
}

/** Points every on-site redirect that ends at `from` at `to` instead (a URL when `isExternal`). */
export async function repointRedirects(db: Db, from: string, to: string, isExternal = false): Promise<void> {
  await db
    .updateTable('redirects')
    .set({ to_path: to, ...(isExternal && { is_external: 1 }) })
    .where('to_path', '=', from)
    .where('is_external', '=', 0)
    .execute();
}

/**
 * Deletes the on-site redirect from `path` to itself, if any. After `repointRedirects(from, to)` only a
 * row that now ends at `to` can point at itself, and only the one from `to`: one indexed row, not a scan
 * of the table (an import adds a hundred thousand redirects one by one).
 */
export async function deleteSelfRedirect(db: Db, path: string): Promise<void> {
  await db
    .deleteFrom('redirects')
    .where('from_path', '=', path)
    .where('to_path', '=', path)
    .where('is_external', '=', 0)
    .execute();
}

/** Deletes the redirect from this path; true when there was one. */
export async function deleteRedirect(db: Db, fromPath: string): Promise<boolean> {
  const result = await db.deleteFrom('redirects').where('from_path', '=', fromPath).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every redirect, by source path. */
export function listRedirects(db: Db): Promise<Redirect[]> {
  return db.selectFrom('redirects').select(columns).orderBy('from_path').execute();
}

/** One page of redirects by source path, and one more row to tell whether a next page exists. */
export async function pageOfRedirects(
  db: Db,
  args: { page: number; perPage: number },
): Promise<{ items: (Redirect & { created_at: string })[]; hasNext: boolean; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('redirects')
      .select([...columns, 'created_at'])
      .orderBy('from_path')
      .limit(args.perPage + 1)
      .offset((args.page - 1) * args.perPage)
      .execute(),
    db
      .selectFrom('redirects')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.slice(0, args.perPage), hasNext: rows.length > args.perPage, total: Number(count.n) };
}

/** Deletes every redirect that ends at this path. */
export async function deleteRedirectsTo(db: Db, toPath: string): Promise<void> {
  await db.deleteFrom('redirects').where('to_path', '=', toPath).where('is_external', '=', 0).execute();
}
