import type { Db } from '../../platform/db/database.ts';

/** One redirect: a GET for `from_path` that would be a 404 answers `status` to `to_path`. */
export interface Redirect {
  from_path: string;
  to_path: string;
  status: number;
}

/** The redirect from this path, if any. */
export function findRedirect(db: Db, fromPath: string): Promise<Redirect | undefined> {
  return db
    .selectFrom('redirects')
    .where('from_path', '=', fromPath)
    .select(['from_path', 'to_path', 'status'])
    .executeTakeFirst();
}

/** Inserts the redirect, or replaces the one from the same path. */
export async function upsertRedirect(db: Db, redirect: Redirect, at: string): Promise<void> {
  const existing = await findRedirect(db, redirect.from_path);
  if (existing) {
    await db
      .updateTable('redirects')
      .set({ to_path: redirect.to_path, status: redirect.status })
      .where('from_path', '=', redirect.from_path)
      .execute();
  } else {
    await db
      .insertInto('redirects')
      .values({ ...redirect, created_at: at })
      .execute();
  }
}

/** Points every redirect that ends at `from` at `to` instead. */
export async function repointRedirects(db: Db, from: string, to: string): Promise<void> {
  await db.updateTable('redirects').set({ to_path: to }).where('to_path', '=', from).execute();
}

/** Deletes the redirect from this path; true when there was one. */
export async function deleteRedirect(db: Db, fromPath: string): Promise<boolean> {
  const result = await db.deleteFrom('redirects').where('from_path', '=', fromPath).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every redirect, by source path. */
export function listRedirects(db: Db): Promise<Redirect[]> {
  return db.selectFrom('redirects').select(['from_path', 'to_path', 'status']).orderBy('from_path').execute();
}

/** Deletes every redirect that ends at this path. */
export async function deleteRedirectsTo(db: Db, toPath: string): Promise<void> {
  await db.deleteFrom('redirects').where('to_path', '=', toPath).execute();
}
