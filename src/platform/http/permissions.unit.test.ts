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

describe('route permission checks', () => {
  it('asks the checker for every non-public route and never for public ones', async () => {
    const asked: string[] = [];
    const app = Fastify();
    requireRoutePermissions(app, {
      check: (request, _reply, permission) => {
        asked.push(`${request.url} ${permission}`);
        if (request.headers['x-let-in'] !== 'yes') throw new Error('refused');
      },
    });
    app.get('/open', { config: { permission: 'public' } }, async () => 'open');
    // A permission only the test registry knows, to stand for a staff action.
    app.get('/closed', { config: { permission: 'public-test-staff' as never } }, async () => 'closed');
    await app.ready();
    expect((await app.inject('/open')).body).toBe('open');
    expect((await app.inject('/closed')).statusCode).toBe(500);
    expect((await app.inject({ url: '/closed', headers: { 'x-let-in': 'yes' } })).body).toBe('closed');
    expect(asked).toEqual(['/closed public-test-staff', '/closed public-test-staff']);
  });

  it('refuses a non-public route when no checker is configured', async () => {
    const app = Fastify();
    requireRoutePermissions(app);
    app.get('/closed', { config: { permission: 'public-test-staff' as never } }, async () => 'closed');
    await app.ready();
    const response = await app.inject('/closed');
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('closed');
  });
});
