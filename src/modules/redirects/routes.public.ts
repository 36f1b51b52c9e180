import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../../platform/errors.ts';

/**
 * `/index.php`, which a WordPress site answered as its front page and its old query addresses
 * (`/index.php?p=123`). Dateline has no page there: the route only keeps the address from the
 * articles' `/:slug` → `/:slug/` redirect, so that its 404 asks the redirects table (redirectLookup),
 * which answers the row for `/?p=123`, or one stored for `/index.php` itself.
 */
export const oldAddressRoutes: FastifyPluginAsync = async (app) => {
  app.get('/index.php', { config: { permission: 'public' } }, async () => {
    throw notFound();
  });
};
