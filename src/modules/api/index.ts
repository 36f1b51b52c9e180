// STUB: replaced by the Content API module's real implementation.
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../../app.tsx';

export const apiRoutes: FastifyPluginAsync<{ services: Services; publicUrl: string }> = async () => {};
