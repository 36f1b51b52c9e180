import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';

const PAGES = [
  '/',
  '/page/2/',
  '/story-one/',
  '/story-two/',
  '/story-three/',
  '/author/xena/',
  '/author/yuri/',
  '/tag/harbour/',
  '/tag/sport/',
  '/feed/',
  '/author/xena/feed/',
  '/tag/harbour/feed/',
  '/comments/feed/',
  '/story-three/feed/',
  '/sitemap.xml',
  '/sitemaps/articles-1.xml',
] as const;

describe.each(DIALECTS)('the page cache on %s', (dialect) => {
  let t: TestApp;
  let ids: Record<string, number>;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    await t.services.settings.update({ 'site.posts_per_page': 2, 'comments.flood_seconds': 0 });
    await buildAuthor(t.services, { name: 'Xena', slug: 'xena' });
    await buildAuthor(t.services, { name: 'Yuri', slug: 'yuri' });
    ids = {
      one: (
        await buildArticle(t.services, {
          slug: 'story-one',
          authors: ['xena'],
          tags: ['Harbour'],
          published_at: '2026-11-20T08:00:00.000Z',
        })
      ).id,
      two: (
        await buildArticle(t.services, {
          slug: 'story-two',
          authors: ['yuri'],
          tags: ['Sport'],
          published_at: '2026-11-19T08:00:00.000Z',
        })
      ).id,
      three: (
        await buildArticle(t.services, {
          slug: 'story-three',
          authors: ['xena', 'yuri'],
          tags: ['Harbour', 'Sport'],
          published_at: '2026-11-18T08:00:00.000Z',
        })
      ).id,
    };
    t.app.pageCache.clear();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  /** Requests every page once, so all are cached. */
  async function warm() {
    for (const url of PAGES) expect((await get(url)).statusCode, url).toBe(200);
    for (const url of PAGES) expect((await get(url)).headers['x-dateline-cache'], url).toBe('hit');
  }
  /** Which pages the last change dropped: their next request misses. */
  async function dropped() {
    const misses: string[] = [];
    for (const url of PAGES) if ((await get(url)).headers['x-dateline-cache'] !== 'hit') misses.push(url);
    return misses;
  }

  it('serves a cached page from memory, with validators, Surrogate-Key and compressed copies', async () => {
    const first = await get('/story-one/');
    expect(first.headers['x-dateline-cache']).toBe('miss');
    const second = await get('/story-one/');
    expect(second.headers['x-dateline-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['cache-control']).toBe(
      'public, max-age=0, s-maxage=300, stale-while-revalidate=60',
    );
    expect(second.headers['surrogate-key']).toContain(`article:${ids.one}`);
    expect(second.headers.vary).toBe('Accept-Encoding');
    expect((await get('/story-one/', { 'if-none-match': first.headers.etag as string })).statusCode).toBe(
      304,
    );
    expect(
      (await get('/story-one/', { 'if-modified-since': first.headers['last-modified'] as string }))
        .statusCode,
    ).toBe(304);
    const br = await get('/story-one/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(first.body);
    const gz = await get('/story-one/', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(first.body);
    expect(
      (await get('/story-one/', { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding'],
    ).toBe('gzip');
    const head = await t.app.inject({ method: 'HEAD', url: '/story-one/' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('never caches a signed preview, an error page or a 404', async () => {
    const post = await t.app.inject({
      method: 'POST',
      url: '/story-one/comments',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'comment=Held&author=Ann&email=ann@example.net',
    });
    const preview = post.headers.location as string;
    for (let i = 0; i < 2; i += 1) {
      const response = await get(preview);
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.headers['x-dateline-cache']).not.toBe('hit');
    }
    await get('/nowhere/');
    expect((await get('/nowhere/')).headers['x-dateline-cache']).not.toBe('hit');
  });

  it('drops only the pages that show an edited article', async () => {
    await warm();
    await buildArticle(t.services, {
      slug: 'story-two',
      title: 'Story two, corrected',
      authors: ['yuri'],
      tags: ['Sport'],
      published_at: '2026-11-19T08:00:00.000Z',
    });
    expect((await dropped()).sort()).toEqual(
      ['/', '/story-two/', '/author/yuri/', '/tag/sport/', '/feed/', '/sitemaps/articles-1.xml'].sort(),
    );
    expect((await get('/')).body).toContain('Story two, corrected');
  });

  it('drops the lists a newly published article joins', async () => {
    await warm();
    await buildArticle(t.services, {
      slug: 'story-four',
      authors: ['xena'],
      tags: ['Harbour'],
      published_at: '2026-11-21T08:00:00.000Z',
    });
    expect((await dropped()).sort()).toEqual(
      [
        '/',
        '/page/2/',
        '/author/xena/',
        '/tag/harbour/',
        '/feed/',
        '/author/xena/feed/',
        '/tag/harbour/feed/',
        '/sitemap.xml',
        '/sitemaps/articles-1.xml',
      ].sort(),
    );
    expect((await get('/')).body).toContain('story-four');
  });

  it('drops an unpublished article and the lists it leaves, nothing else', async () => {
    await warm();
    await buildArticle(t.services, {
      slug: 'story-one',
      authors: ['xena'],
      tags: ['Harbour'],
      status: 'draft',
    });
    expect((await dropped()).sort()).toEqual(
      [
        '/',
        '/page/2/',
        '/story-one/',
        '/author/xena/',
        '/tag/harbour/',
        '/feed/',
        '/author/xena/feed/',
        '/tag/harbour/feed/',
        '/sitemap.xml',
        '/sitemaps/articles-1.xml',
      ].sort(),
    );
    expect((await get('/story-one/')).statusCode).toBe(404);
  });

  it('drops the pages that show a comment’s article when it is approved, and nothing for a held one', async () => {
    await warm();
    const post = await t.app.inject({
      method: 'POST',
      url: '/story-three/comments',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'comment=Worth+reading&author=Ann&email=ann@example.net',
    });
    expect(post.statusCode).toBe(303);
    expect(await dropped()).toEqual([]);
    const id = Number(/#comment-(\d+)/.exec(post.headers.location as string)?.[1]);
    await t.services.comments.moderate([id], 'approve');
    expect((await dropped()).sort()).toEqual(
      [
        '/page/2/',
        '/story-three/',
        '/author/xena/',
        '/author/yuri/',
        '/tag/harbour/',
        '/tag/sport/',
        '/comments/feed/',
        '/story-three/feed/',
      ].sort(),
    );
    expect((await get('/story-three/')).body).toContain('Worth reading');
  });

  it('drops every page that shows an author when their bio changes', async () => {
    await warm();
    await buildAuthor(t.services, { name: 'Yuri', slug: 'yuri', bio: 'A new bio for Yuri.' });
    expect((await dropped()).sort()).toEqual(
      [
        '/',
        '/page/2/',
        '/story-two/',
        '/story-three/',
        '/author/yuri/',
        '/author/xena/',
        '/tag/harbour/',
        '/tag/sport/',
        '/feed/',
        '/author/xena/feed/',
        '/tag/harbour/feed/',
      ].sort(),
    );
    expect((await get('/story-three/')).body).toContain('A new bio for Yuri.');
  });

  it('drops every page that shows a tag when it is renamed', async () => {
    await warm();
    await t.services.tags.rename({ slug: 'sport', name: 'Sports' });
    expect((await dropped()).sort()).toEqual(
      [
        '/',
        '/page/2/',
        '/story-two/',
        '/story-three/',
        '/author/xena/',
        '/author/yuri/',
        '/tag/harbour/',
        '/tag/sport/',
        '/feed/',
        '/author/xena/feed/',
        '/tag/harbour/feed/',
      ].sort(),
    );
    expect((await get('/tag/sport/')).body).toContain('<h1>Sports</h1>');
  });

  it('drops everything when a setting changes', async () => {
    await warm();
    await t.services.settings.update({ 'site.title': 'The Renamed Times' });
    expect((await dropped()).sort()).toEqual(
      [...PAGES].filter((p) => p !== '/sitemap.xml' && p !== '/sitemaps/articles-1.xml').sort(),
    );
    expect((await get('/')).body).toContain('The Renamed Times');
  });

  it('shows a scheduled article in every list once its time comes', async () => {
    await buildArticle(t.services, {
      slug: 'story-later',
      authors: ['yuri'],
      tags: ['Sport'],
      published_at: '2026-11-26T12:30:00.000Z',
    });
    await warm();
    expect((await get('/')).body).not.toContain('story-later');
    const checkedUpTo = await t.services.articles.announceDue('2026-11-26T12:00:00.000Z');
    t.clock.set('2026-11-26T12:31:00.000Z');
    await t.services.articles.announceDue(checkedUpTo);
    expect(await dropped()).toEqual(expect.arrayContaining(['/', '/author/yuri/', '/tag/sport/', '/feed/']));
    expect((await get('/')).body).toContain('story-later');
  });

  it('can be turned off', async () => {
    const off = await buildTestApp(dialect, { pageCache: false });
    await buildArticle(off.services, { slug: 'uncached' });
    expect((await off.app.inject('/uncached/')).headers['x-dateline-cache']).toBeUndefined();
    expect((await off.app.inject('/uncached/')).headers['x-dateline-cache']).toBeUndefined();
    expect((await off.app.inject('/uncached/')).headers.etag).toBeDefined();
    await off.close();
  });
});
