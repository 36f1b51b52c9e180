import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { assets } from '../render/assets.ts';
import { notFound } from '../errors.ts';

/** An asset's hashed file name: anything else is a 404 before the lookup. */
const AssetParamsSchema = Type.Object({ file: Type.String({ minLength: 1, maxLength: 200 }) });

/** Serves the theme's hashed assets, cached for a year: a change makes a new name. */
export const assetRoutes: FastifyPluginAsync = async (scope) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/assets/:file',
    { config: { permission: 'public' }, schema: { params: AssetParamsSchema } },
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
