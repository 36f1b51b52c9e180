import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';
import { SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from './security-headers.ts';

/** Answers of every kind: pages, a cache hit, a 304, feeds, API JSON, errors, redirects, the newsroom. */
async function answers(t: TestApp, slug: string) {
  const page = await t.app.inject(`/${slug}/`);
  const hit = await t.app.inject(`/${slug}/`);
  expect(hit.headers['x-dateline-cache']).toBe('hit');
  const notModified = await t.app.inject({
    url: `/${slug}/`,
    headers: { 'if-none-match': String(page.headers.etag) },
  });
  expect(notModified.statusCode).toBe(304);
  return {
    page,
    hit,
    notModified,
    feed: await t.app.inject('/feed/'),
    api: await t.app.inject(`/api/v1/articles/${slug}`),
    apiError: await t.app.inject('/api/v1/articles/no-such-story'),
    notFound: await t.app.inject({ url: '/no-such-story/', headers: { accept: 'text/html' } }),
    redirect: await t.app.inject(`/${slug}`),
    signIn: await t.app.inject('/admin/sign-in'),
    health: await t.app.inject('/healthz'),
  };
}

describe.each(DIALECTS)('security headers on %s', (dialect) => {
  describe('over https', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect, { publicUrl: 'https://news.example' });
    });
    afterAll(async () => t?.close());

    it('sends HSTS, a Permissions-Policy and COOP on every answer', async () => {
      const { slug } = await buildArticle(t.services);
      for (const [kind, response] of Object.entries(await answers(t, slug))) {
        expect(response.headers['strict-transport-security'], kind).toBe(STRICT_TRANSPORT_SECURITY);
        expect(response.headers['cross-origin-opener-policy'], kind).toBe('same-origin');
        const policy = String(response.headers['permissions-policy']);
        for (const feature of ['camera', 'microphone', 'geolocation', 'browsing-topics', 'payment', 'usb'])
          expect(policy, kind).toContain(`${feature}=()`);
        for (const [name, value] of SECURITY_HEADERS)
          expect(response.headers[name], `${kind} ${name}`).toBe(value);
      }
    });
  });

  describe('over plain http', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect, { publicUrl: 'http://news.example' });
    });
    afterAll(async () => t?.close());

    it('sends no HSTS, which a browser would ignore or which would lock out an http site', async () => {
      const { slug } = await buildArticle(t.services);
      for (const [kind, response] of Object.entries(await answers(t, slug))) {
        expect(response.headers['strict-transport-security'], kind).toBeUndefined();
        expect(response.headers['cross-origin-opener-policy'], kind).toBe('same-origin');
        expect(response.headers['permissions-policy'], kind).toContain('camera=()');
      }
    });
  });
});
