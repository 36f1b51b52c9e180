// A hostile Host or X-Forwarded-Host never reaches what the site writes: feeds, sitemaps, robots.txt,
// canonical and Open Graph links and the API all name the configured PUBLIC_URL, behind a trusted
// proxy too, and a page cached after a hostile request is served clean to the next reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../build-test-app.ts';
import { DIALECTS } from '../databases.ts';
import { buildArticle, buildComment } from '../factories.ts';

const HOSTILE = 'evil.example';

describe.each(DIALECTS)('Host-header poisoning on %s', (dialect) => {
  describe.each(['', '127.0.0.1'])('trusting the proxies "%s"', (proxies) => {
    let t: TestApp;
    let urls: string[];

    beforeAll(async () => {
      t = await buildTestApp(dialect, proxies ? { trustProxy: proxies } : {});
      const article = await buildArticle(t.services, { tags: ['Harbour'] });
      await buildComment(t.services, article.id);
      const index = await t.app.inject('/sitemap.xml');
      const files = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) =>
        m[1]!.replace(TEST_PUBLIC_URL, ''),
      );
      expect(files.length).toBeGreaterThan(0);
      urls = [
        '/',
        `/${article.slug}/`,
        `/author/${article.authors[0]!}/`,
        '/tag/harbour/',
        '/search?q=harbour',
        '/feed/',
        '/feed/atom/',
        '/feed.json',
        '/comments/feed/',
        '/tag/harbour/feed/',
        '/sitemap.xml',
        ...files,
        '/news-sitemap.xml',
        '/robots.txt',
        '/api/v1/articles',
        `/api/v1/articles/${article.slug}`,
      ];
      t.app.pageCache.clear();
    }, 60_000);
    afterAll(async () => t?.close());

    it('names only PUBLIC_URL, whatever Host the request claims, and caches nothing poisoned', async () => {
      const hostile = [
        { host: HOSTILE },
        { host: `${HOSTILE}:8080` },
        { 'x-forwarded-host': HOSTILE, 'x-forwarded-proto': 'https' },
        { host: 'dateline.test', 'x-forwarded-host': `${HOSTILE}, dateline.test` },
        { forwarded: `host=${HOSTILE};proto=https` },
      ];
      let checked = 0;
      for (const url of urls) {
        for (const headers of hostile) {
          const response = await t.app.inject({ url, headers });
          if (response.statusCode === 404) continue;
          expect([url, headers, response.statusCode]).toEqual([url, headers, 200]);
          expect([url, headers, response.body.includes(HOSTILE)]).toEqual([url, headers, false]);
          for (const value of Object.values(response.headers))
            expect([url, String(value).includes(HOSTILE)]).toEqual([url, false]);
          checked += 1;
        }
        // The next, ordinary reader gets what the cache kept from the hostile requests.
        const clean = await t.app.inject(url);
        expect([url, clean.body.includes(HOSTILE)]).toEqual([url, false]);
      }
      expect(checked).toBeGreaterThanOrEqual(urls.length * hostile.length - hostile.length * 2);
      const page = await t.app.inject({ url: urls[1]!, headers: { host: HOSTILE } });
      expect(page.body).toContain(`<link rel="canonical" href="${TEST_PUBLIC_URL}/`);
    });
  });
});
