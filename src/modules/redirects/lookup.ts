import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { externalUrlProblem, redirects, sitePathProblem } from './service.ts';

/**
 * For the error handler's 404: the redirect a GET or HEAD of this path has, if any, or `gone` for a
 * 410. The query string is kept; the target is checked again (an on-site path, or an http(s) URL on
 * a row marked external), so that no row can make this an open redirect.
 */
export function redirectLookup(db: Db) {
  return async (
    request: FastifyRequest,
  ): Promise<{ location: string; status: number } | { gone: true } | undefined> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const [path = '', query] = request.url.split(/\?(.*)/s, 2);
    if (path.length > 2000 || path.startsWith('/admin/') || path.startsWith('/api/')) return undefined;
    const found = await redirects.lookup(db, path);
    if (!found) return undefined;
    if (found.status === 410) return { gone: true };
    const isFit =
      found.is_external === 1
        ? externalUrlProblem(found.to_path) === undefined
        : sitePathProblem(found.to_path) === undefined;
    const location = query && !found.to_path.includes('?') ? `${found.to_path}?${query}` : found.to_path;
    // Rows are stored percent-encoded; one written some other way is not sent as a broken header.
    if (!isFit || !/^[\x21-\x7e]+$/.test(location)) return undefined;
    return { location, status: found.status === 302 ? 302 : 301 };
  };
}
