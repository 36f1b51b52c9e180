import { randomBytes } from 'node:crypto';
import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cacheKeyFor } from '../../platform/http/cache-key.ts';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor, buildComment } from '../../../test/factories.ts';

describe('the page cache key', () => {
  it('keeps only the declared query parameters, in their declared order', () => {
    expect(cacheKeyFor('/story/', [])).toBe('/story/');
    expect(cacheKeyFor('/story/?z=1&utm_source=x', [])).toBe('/story/');
    expect(cacheKeyFor('/search?z=1&page=2&q=a+b', ['q', 'page'])).toBe('/search?q=a+b&page=2');
    expect(cacheKeyFor('/search?q=a%20b&page=2&z=9', ['q', 'page'])).toBe('/search?q=a+b&page=2');
    expect(cacheKeyFor('/search?z=1', ['q', 'page'])).toBe('/search');
  });
});

describe.each(DIALECTS)('the page cache against query strings on %s', (dialect) => {
  let t: TestApp;
  let articleId: number;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    await t.services.settings.update({ 'site.posts_per_page': 2 });
    const author = await buildAuthor(t.services);
    for (let i = 0; i < 3; i += 1)
      await buildArticle(t.services, { title: `Lifeboat launch ${i}`, authors: [author.slug] });
    articleId = (await buildArticle(t.services, { slug: 'story', authors: [author.slug] })).id;
    t.app.pageCache.clear();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const junk = () => randomBytes(6).toString('hex');

  it('answers 2,000 random ?z= from the entries it has, evicting no real page', async () => {
    const real = ['/story/', '/', '/feed/', '/search?q=lifeboat'];
    for (const url of real) expect((await get(url)).statusCode, url).toBe(200);
    const storyBody = (await get('/story/')).body;
    const before = t.app.pageCache.stats().entries;
    expect(before).toBe(real.length);

    for (let i = 0; i < 2000; i += 1) {
      const base = real[i % real.length] ?? '/';
      const url = `${base}${base.includes('?') ? '&' : '?'}z=${junk()}`;
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['x-dateline-cache'], url).toBe('hit');
    }
    expect(t.app.pageCache.stats().entries).toBe(before);
    for (const url of real) expect((await get(url)).headers['x-dateline-cache'], url).toBe('hit');

    // The same page, whose canonical link carries none of the junk.
    const junked = await get(`/story/?z=${junk()}&utm_source=feed`);
    expect(junked.body).toBe(storyBody);
    expect(load(junked.body)('link[rel="canonical"]').attr('href')).toBe('http://dateline.test/story/');
  });

  it('keys a page first reached with junk under its own URL', async () => {
    expect((await get(`/story/?z=${junk()}`)).headers['x-dateline-cache']).toBe('miss');
    expect((await get('/story/')).headers['x-dateline-cache']).toBe('hit');
    expect(t.app.pageCache.stats().entries).toBe(1);
  });

  it('keeps search pages apart by q and page, and ignores the rest', async () => {
    const first = await get('/search?q=lifeboat');
    const second = await get('/search?q=lifeboat&page=2');
    expect(second.statusCode).toBe(200);
    expect(second.body).not.toBe(first.body);
    expect((await get('/search?q=lifeboat&page=2')).headers['x-dateline-cache']).toBe('hit');
    const junked = await get(`/search?z=${junk()}&page=2&q=lifeboat`);
    expect(junked.headers['x-dateline-cache']).toBe('hit');
    expect(junked.body).toBe(second.body);
    expect(load(junked.body)('link[rel="canonical"]').attr('href')).toBe(
      'http://dateline.test/search?q=lifeboat&page=2',
    );
    expect(t.app.pageCache.stats().entries).toBe(2);
  });

  it('does not store empty searches', async () => {
    for (const url of ['/search', '/search?q=', '/search?q=%20%20', `/search?q=+&z=${junk()}`]) {
      for (let i = 0; i < 2; i += 1) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['x-dateline-cache'], url).not.toBe('hit');
      }
    }
    expect(t.app.pageCache.stats().entries).toBe(0);
  });

  it('stores a reply form only for a comment that is there, and never a preview attempt', async () => {
    const comment = await buildComment(t.services, articleId);
    for (const url of [
      `/story/?replytocom=${junk()}`,
      '/story/?replytocom=999999',
      `/story/?unapproved=1&moderation-hash=${junk()}`,
      `/story/?replytocom=${comment.id}&replytocom=${junk()}`,
    ]) {
      expect((await get(url)).statusCode, url).toBe(200);
      expect((await get(url)).headers['x-dateline-cache'], url).not.toBe('hit');
    }
    expect(t.app.pageCache.stats().entries).toBe(0);
    const replying = `/story/?replytocom=${comment.id}`;
    await get(replying);
    const hit = await get(`${replying}&z=${junk()}`);
    expect(hit.headers['x-dateline-cache']).toBe('hit');
    expect(load(hit.body)('#reply-title').text()).not.toBe(
      load((await get('/story/')).body)('#reply-title').text(),
    );
  });
});
