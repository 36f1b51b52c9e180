import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses writes that a browser says came from another site. Pages are cached and shared, so forms
 * carry no per-reader token; instead the browser's own `Sec-Fetch-Site` and `Origin` headers decide.
 * A request with neither header (curl, a server-side client) is not a browser's cross-site request
 * and is left to the other rules.
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
    const origin = request.headers.origin;
    if (origin !== undefined && !isOwnOrigin(request, origin)) throw new AppError('CROSS_SITE_REQUEST');
  });
}
