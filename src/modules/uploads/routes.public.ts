import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { notFound } from '../../platform/errors.ts';
import { isValidStorageKey, type FileStorage } from '../../platform/storage.ts';

/**
 * Uploaded files at `/uploads/<key>`. Keys carry a hash of the content and are never reused, so
 * browsers and CDNs may keep a file for a year. Only exact keys are served: no listing, no paths
 * outside the folder.
 */
export const uploadFileRoutes: FastifyPluginAsync<{ storage: FileStorage }> = async (app, { storage }) => {
  app.get<{ Params: { '*': string } }>(
    '/uploads/*',
    // The schema bounds the key; isValidStorageKey decides whether it is one.
    {
      config: { permission: 'public' },
      schema: { params: Type.Object({ '*': Type.String({ maxLength: 300 }) }) },
    },
    async (request, reply) => {
      const key = request.params['*'];
      if (!isValidStorageKey(key)) throw notFound();
      const file = await storage.get(key);
      if (!file) throw notFound();
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.size))
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(file.body);
    },
  );
};
