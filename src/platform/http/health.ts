import type { FastifyPluginAsync } from 'fastify';

/** The health check: `GET /healthz` answers 200 when the database does, 503 when it does not. */
export const healthRoutes: FastifyPluginAsync<{ ping: () => Promise<void> }> = async (app, { ping }) => {
  app.get('/healthz', { config: { permission: 'public' } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await ping();
      return { status: 'ok' };
    } catch (error) {
      request.log.warn({ err: error }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable', error: { code: 'DATABASE_UNAVAILABLE' } });
    }
  });
};
