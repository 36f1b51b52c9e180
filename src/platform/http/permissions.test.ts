import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { requireRoutePermissions } from './permissions.ts';

describe('route permissions', () => {
  it('refuses to build an app with a route that declares no permission', async () => {
    const app = Fastify();
    requireRoutePermissions(app);
    const registering = app.register(async (scope) => {
      scope.get('/open', { config: { permission: 'public' } }, async () => 'ok');
      scope.get('/forgotten', async () => 'oops');
    });
    await expect(registering).rejects.toThrow(/GET \/forgotten declares no config.permission/);
  });

  it('builds when every route declares one', async () => {
    const app = Fastify();
    requireRoutePermissions(app);
    app.get('/open', { config: { permission: 'public' } }, async () => 'ok');
    await app.ready();
    expect((await app.inject('/open')).body).toBe('ok');
  });
});
