import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * The permissions a route can declare. 'public' is for readers. Modules add their own by declaration
 * merging (the accounts module adds 'signed-in' and every staff action), so the platform stays free
 * of domain names while a typo in a route's permission is still a type error.
 */
export interface PermissionRegistry {
  public: true;
}

/** Who may call a route. Every route must declare one; building the app fails otherwise. */
export type Permission = keyof PermissionRegistry;

/** A registered route and the permission it declares. */
export interface DeclaredRoute {
  method: string;
  url: string;
  permission: Permission;
  /** Which parts of the request the route declares a schema for (a route-schema test reads these). */
  schemas: { params: boolean; querystring: boolean; body: boolean };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route. Required on every route. */
    permission?: Permission;
  }
  interface FastifyInstance {
    /**
     * Every route registered after requireRoutePermissions, with its permission: what the app lets
     * whom do, read from the routes themselves (the security tests walk it, so it cannot go stale).
     */
    declaredRoutes: readonly DeclaredRoute[];
  }
}

/**
 * Decides whether a request may call a route that declares `permission`; 'public' never asks. It
 * throws to refuse, or answers itself (a redirect to sign in) and returns the reply.
 */
export type PermissionCheck = (
  request: FastifyRequest,
  reply: FastifyReply,
  permission: Permission,
) => unknown;

/**
 * Refuses to register any route that does not declare `config.permission`, and checks every
 * non-public route's permission on every request with `check`. Register before any routes.
 */
export function requireRoutePermissions(
  app: FastifyInstance,
  options: { check?: PermissionCheck } = {},
): void {
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (permission === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no config.permission`);
    }
    const schemas = {
      params: route.schema?.params !== undefined,
      querystring: route.schema?.querystring !== undefined,
      body: route.schema?.body !== undefined,
    };
    for (const method of [route.method].flat())
      declared.push({ method, url: route.url, permission, schemas });
  });
  const { check } = options;
  // onRequest, before the body is read or validated: a refused caller learns nothing about the input.
  app.addHook('onRequest', async (request, reply) => {
    const permission = request.routeOptions.config.permission;
    if (permission === undefined || permission === 'public') return;
    // A route with a staff permission and no checker would be open to anyone: refuse instead.
    if (!check) throw new AppError('FORBIDDEN');
    const answered = await check(request, reply, permission);
    if (answered === reply) return reply;
  });
}
