import type { FastifyInstance } from 'fastify';

/**
 * Who may call a route. Every route must declare one; building the app fails otherwise, so forgetting
 * cannot leave a hole. 'public' is for readers; staff permissions arrive with the newsroom.
 */
export type Permission = 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route. Required on every route. */
    permission?: Permission;
  }
}

/** Refuses to register any route that does not declare `config.permission`. Register before any routes. */
export function requireRoutePermissions(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (permission === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no config.permission`);
    }
  });
}
