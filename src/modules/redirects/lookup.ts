import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import type { Redirect } from './repository.ts';
import {
  externalUrlProblem,
  OLD_QUERY_KEYS,
  oldQueryAddress,
  redirects,
  sitePathProblem,
} from './service.ts';

/** What a redirect answers: where to go and how, or that the address is gone (410). */
export type RedirectAnswer = { location: string; status: number } | { gone: true };

/** The paths a WordPress site answered its query addresses on (`/?p=123`, `/index.php?p=123`). */
const OLD_QUERY_PATHS = new Set(['/', '/index.php']);

/**
 * A stored row's answer, with `query` carried over to an on-site target that has none. The target is
 * checked again (an on-site path, or an http(s) URL on a row marked external), so that no row can make
 * this an open redirect; undefined when it fails.
 */
function answerOf(found: Redirect, query: string | undefined): RedirectAnswer | undefined {
  if (found.status === 410) return { gone: true };
  const isFit =
    found.is_external === 1
      ? externalUrlProblem(found.to_path) === undefined
      : sitePathProblem(found.to_path) === undefined;
  const location = query && !found.to_path.includes('?') ? `${found.to_path}?${query}` : found.to_path;
  // Rows are stored percent-encoded; one written some other way is not sent as a broken header.
  if (!isFit || !/^[\x21-\x7e]+$/.test(location)) return undefined;
  return { location, status: found.status === 302 ? 302 : 301 };
}

/** The redirect of the old WordPress address in a `/` or `/index.php` query, if the table has one. */
async function oldQueryRedirect(db: Db, path: string, query: string | undefined) {
  if (query === undefined || !OLD_QUERY_PATHS.has(path)) return undefined;
  const old = oldQueryAddress(query);
  const found = old === undefined ? undefined : await redirects.lookup(db, old);
  // The query was the old address itself: the new one is sent without it.
  return found && answerOf(found, undefined);
}

function splitUrl(url: string): [string, string | undefined] {
  const [path = '', query] = url.split(/\?(.*)/s, 2);
  return [path, query];
}

/**
 * For the error handler's 404: the redirect a GET or HEAD of this path has, if any, or `gone` for a
 * 410. The query string is kept. `/index.php?p=123` (no page of its own) answers the redirect stored
 * for `/?p=123` first, and its query is not kept: it was the old address.
 */
export function redirectLookup(db: Db) {
  return async (request: FastifyRequest): Promise<RedirectAnswer | undefined> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const [path, query] = splitUrl(request.url);
    if (path.length > 2000 || path.startsWith('/admin/') || path.startsWith('/api/')) return undefined;
    const old = await oldQueryRedirect(db, path, query);
    if (old) return old;
    const found = await redirects.lookup(db, path);
    return found && answerOf(found, query);
  };
}

/**
 * For the front page, which is never a 404: the old WordPress addresses a moved-in site's links name in
 * its query (`/?p=123`). `query` lists the parameters that name one, so that the front page asks the
 * table, and stays out of the page cache, only for a request that sends one; `lookup` answers such a
 * request's redirect, or undefined for the front page.
 */
export function oldQueryAddresses(db: Db) {
  return {
    query: OLD_QUERY_KEYS,
    lookup: async (request: FastifyRequest): Promise<RedirectAnswer | undefined> => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
      const [path, query] = splitUrl(request.url);
      return oldQueryRedirect(db, path, query);
    },
  };
}
