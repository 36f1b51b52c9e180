import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import {
  deleteRedirect,
  deleteRedirectsTo,
  findRedirect,
  listRedirects,
  repointRedirects,
  upsertRedirect,
  type Redirect,
} from './repository.ts';

/** The statuses a redirect may answer. */
export type RedirectStatus = 301 | 302;

/** How many hops a chain may have when a target is resolved; the table never holds chains. */
const MAX_HOPS = 20;

/**
 * Why `path` cannot be a redirect's end, or undefined when it can: an on-site absolute path only.
 * No scheme, no `//host` (a protocol-relative URL is another site), no backslash (browsers read
 * `/\host` as `//host`), no control characters or spaces, no `..` segments.
 */
export function sitePathProblem(path: string): string | undefined {
  if (path.length === 0 || path.length > 2000) return 'must be 1 to 2000 characters';
  if (!path.startsWith('/')) return 'must be a path on this site, starting with /';
  if (path.startsWith('//')) return 'must be a path on this site, not another address';
  if (path.includes('\\')) return 'must not contain a backslash';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(path)) return 'must not contain spaces or control characters';
  if (
    path
      .split(/[?#]/)[0]!
      .split('/')
      .some((segment) => segment === '..' || segment === '.')
  )
    return 'must not contain . or .. segments';
  return undefined;
}

export function checkPath(field: 'from' | 'to', path: string): void {
  const problem = sitePathProblem(path);
  if (problem) throw new AppError('VALIDATION_FAILED', { fields: { [field]: problem } });
  if (field === 'from' && /[?#]/.test(path))
    throw new AppError('VALIDATION_FAILED', { fields: { from: 'must be a path without ? or #' } });
}

/** Where `path` ends after following the table, or `path` itself. */
async function resolve(db: Db, path: string): Promise<string> {
  let current = path;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const next = await findRedirect(db, current);
    if (!next) return current;
    current = next.to_path;
  }
  return current;
}

/**
 * Redirect use cases. Each takes the caller's transaction (or the database), so that a tag merge, a
 * section's move or the redirects screen writes its redirects in the same transaction as its change.
 */
export const redirects = {
  /**
   * Adds (or replaces) `from → to`. Chains and loops collapse on write: a `to` that is itself
   * redirected is followed to its end, every redirect that ended at `from` now ends there too, and a
   * redirect that would point at itself is dropped. Throws VALIDATION_FAILED for an off-site path
   * or a redirect to itself.
   */
  async add(db: Db, args: { from: string; to: string; status?: RedirectStatus; at: string }) {
    checkPath('from', args.from);
    checkPath('to', args.to);
    const target = await resolve(db, args.to);
    if (target === args.from)
      throw new AppError('VALIDATION_FAILED', { fields: { to: 'leads back to the same address' } });
    await repointRedirects(db, args.from, target);
    // Anything that now points at itself was a loop through `from`.
    await db.deleteFrom('redirects').whereRef('from_path', '=', 'to_path').execute();
    await upsertRedirect(db, { from_path: args.from, to_path: target, status: args.status ?? 301 }, args.at);
    return { from: args.from, to: target };
  },
  /** The redirect from `path`, if any. */
  lookup: (db: Db, path: string): Promise<Redirect | undefined> => findRedirect(db, path),
  /**
   * Deletes the redirect from `path`; true when there was one. Call it too when a live page takes an
   * address that used to redirect (a tag renamed back): the page answers now.
   */
  remove: (db: Db, path: string) => deleteRedirect(db, path),
  /** Deletes every redirect that ends at `path`: what was there is gone, and they would lead to a 404. */
  removeTo: (db: Db, path: string) => deleteRedirectsTo(db, path),
  list: (db: Db) => listRedirects(db),
};
