import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a Referer names, or 'null' for one that is not an absolute http(s) address. */
function refererOrigin(referer: string): string {
  try {
    const url = new URL(referer);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : 'null';
  } catch {
    return 'null';
  }
}

/**
 * Refuses writes that a browser says came from another site. Pages are cached and shared, so forms
 * carry no per-reader token; instead the browser's own `Sec-Fetch-Site` and `Origin` headers decide,
 * and, where a browser sent no Origin, the `Referer`: one naming another site refuses the write as an
 * Origin would. A request with none of them (curl, a server-side client) is not a browser's cross-site
 * request and is left to the other rules (the newsroom's CSRF token).
 */
export function refuseCrossSiteWrites(app: FastifyInstance, options: { publicUrl: string }): void {
  const publicOrigin = new URL(options.publicUrl).origin;
  const isOwnOrigin = (request: FastifyRequest, origin: string) =>
    origin === publicOrigin || origin === `${request.protocol}://${request.host}`;

  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      throw new AppError('CROSS_SITE_REQUEST');
    const { origin, referer } = request.headers;
    if (origin !== undefined) {
      if (!isOwnOrigin(request, origin)) throw new AppError('CROSS_SITE_REQUEST');
    } else if (referer !== undefined && !isOwnOrigin(request, refererOrigin(referer)))
      throw new AppError('CROSS_SITE_REQUEST');
  });
}
