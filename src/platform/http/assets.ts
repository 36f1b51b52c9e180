import type { FastifyPluginAsync } from 'fastify';
import { assets } from '../render/assets.ts';
import { notFound } from '../errors.ts';

/** Serves the theme's hashed assets, cached for a year: a change makes a new name. */
export const assetRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { file: string } }>(
    '/assets/:file',
    { config: { permission: 'public' } },
    async (request, reply) => {
      const asset = assets.get(`/assets/${request.params.file}`);
      if (!asset) throw notFound();
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .type(asset.contentType)
        .send(asset.body);
    },
  );
};
