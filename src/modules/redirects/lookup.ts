import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { redirects, sitePathProblem } from './service.ts';

/**
 * For the error handler's 404: the redirect a GET or HEAD of this path has, if any. The query
 * string is kept; the target is checked again as an on-site path, so that no row can make this an
 * open redirect.
 */
export function redirectLookup(db: Db) {
  return async (request: FastifyRequest): Promise<{ location: string; status: number } | undefined> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const [path = '', query] = request.url.split(/\?(.*)/s, 2);
    if (path.length > 2000 || path.startsWith('/admin/') || path.startsWith('/api/')) return undefined;
    const found = await redirects.lookup(db, path);
    if (!found || sitePathProblem(found.to_path)) return undefined;
    const location = query && !found.to_path.includes('?') ? `${found.to_path}?${query}` : found.to_path;
    return { location, status: found.status === 302 ? 302 : 301 };
  };
}
