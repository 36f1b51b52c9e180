import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerPageCache } from '../../platform/http/page-cache.ts';
import { addSecurityHeaders, SECURITY_HEADERS } from '../../platform/http/security-headers.ts';
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

/** Headers each answer gets afresh, or that say hit or miss: everything else must match. */
const PER_ANSWER = ['date', 'connection', 'keep-alive', 'x-dateline-cache', 'content-length'];
const lasting = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_ANSWER.includes(name)));

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request over a real socket, so that the server's own request listener answers it. */
function overHttp(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

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
    await t.services.tags.rename({
      id: (await t.services.tags.findBySlug('sport'))!.id,
      name: 'Sports',
      actor: null,
    });
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

  /** Every page that draws the layout or lists `settings`: what a change to the menus drops. */
  const everyPage = [...PAGES].filter((p) => p !== '/sitemap.xml' && p !== '/sitemaps/articles-1.xml').sort();

  it('drops every page at once when a menu changes, and shows the change everywhere', async () => {
    await warm();
    await t.services.menus.add({
      menu: 'header',
      kind: 'url',
      label: 'Tide tables',
      target: '/tides/',
      actor: null,
    });
    expect((await dropped()).sort()).toEqual(everyPage);
    for (const url of ['/', '/story-one/', '/tag/harbour/'])
      expect((await get(url)).body, url).toContain('<a href="/tides/">Tide tables</a>');
    // Reset to the default: everything goes again, and the link with it.
    await warm();
    await t.services.menus.reset({ menu: 'header', actor: null });
    expect((await dropped()).sort()).toEqual(everyPage);
    expect((await get('/story-one/')).body).not.toContain('/tides/');
  });

  it('drops every page when a section changes: the default header lists the sections', async () => {
    await t.services.sections.save({ name: 'Harbour desk', slug: 'harbour-desk' });
    await warm();
    await t.services.sections.save({ name: 'Quayside', slug: 'harbour-desk' });
    // The sitemap index lists the sections' sitemap too.
    expect((await dropped()).sort()).toEqual([...everyPage, '/sitemap.xml'].sort());
    expect((await get('/tag/harbour/')).body).toContain('<a href="/section/harbour-desk/">Quayside</a>');
  });

  it('drops every page when a tag the header links to is renamed, and not otherwise', async () => {
    const sport = (await t.services.tags.findBySlug('sport'))!;
    await t.services.menus.add({
      menu: 'header',
      kind: 'tag',
      label: '',
      target: String(sport.id),
      actor: null,
    });
    await warm();
    expect((await get('/')).body).toContain('<a href="/tag/sport/">Sport</a>');
    await t.services.tags.rename({ id: sport.id, name: 'Sports', actor: null });
    expect((await dropped()).sort()).toEqual(everyPage);
    expect((await get('/story-one/')).body).toContain('<a href="/tag/sport/">Sports</a>');
    // A tag the menus do not link to drops only its own pages, as before.
    await warm();
    const harbour = (await t.services.tags.findBySlug('harbour'))!;
    await t.services.tags.rename({ id: harbour.id, name: 'The Harbour', actor: null });
    expect(await dropped()).not.toContain('/story-two/');
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

  it('answers a hit with every header its miss carried, security headers included', async () => {
    const miss = await get('/story-one/');
    expect(miss.headers['x-dateline-cache']).toBe('miss');
    const hit = await get('/story-one/');
    expect(hit.headers['x-dateline-cache']).toBe('hit');
    expect(lasting(hit.headers)).toEqual(lasting(miss.headers));
    for (const [name, value] of SECURITY_HEADERS) expect(hit.headers[name], name).toBe(value);
    expect(hit.headers['content-length']).toBe(String(Buffer.byteLength(miss.body)));
    const notModified = await get('/story-one/', { 'if-none-match': miss.headers.etag as string });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    for (const name of ['etag', 'last-modified', 'cache-control', 'surrogate-key', 'vary'])
      expect(notModified.headers[name], name).toBe(miss.headers[name]);
    for (const [name, value] of SECURITY_HEADERS) expect(notModified.headers[name], name).toBe(value);
  });

  it('answers hits from the server’s own request listener, before Fastify, with the same headers', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const miss = await overHttp(base, '/story-two/');
    expect(miss.status).toBe(200);
    expect(miss.headers['x-dateline-cache']).toBe('miss');
    const before = t.app.pageCache.stats();
    const hit = await overHttp(base, '/story-two/');
    expect(hit.headers['x-dateline-cache']).toBe('hit');
    expect(t.app.pageCache.stats()).toMatchObject({
      hits: before.hits + 1,
      hitsBeforeFastify: before.hitsBeforeFastify + 1,
    });
    expect(hit.body.equals(miss.body)).toBe(true);
    expect(lasting(hit.headers)).toEqual(lasting(miss.headers));
    for (const [name, value] of SECURITY_HEADERS) expect(hit.headers[name], name).toBe(value);
    expect(hit.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(hit.headers['surrogate-key']).toContain(`article:${ids.two}`);
    expect(hit.headers.vary).toBe('Accept-Encoding');
    expect(hit.headers['content-length']).toBe(String(miss.body.length));

    const notModified = await overHttp(base, '/story-two/', {
      headers: { 'if-none-match': `W/${hit.headers.etag as string}` },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    for (const name of ['etag', 'cache-control', 'surrogate-key', 'vary', 'content-security-policy'])
      expect(notModified.headers[name], name).toBe(hit.headers[name]);
    const since = await overHttp(base, '/story-two/', {
      headers: { 'if-modified-since': hit.headers['last-modified'] as string },
    });
    expect(since.status).toBe(304);

    const br = await overHttp(base, '/story-two/', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-length']).toBe(String(br.body.length));
    expect(brotliDecompressSync(br.body).equals(miss.body)).toBe(true);
    const gz = await overHttp(base, '/story-two/', { headers: { 'accept-encoding': 'br;q=0, gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(miss.body)).toBe(true);
    const head = await overHttp(base, '/story-two/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(miss.body.length));
    expect(head.body.length).toBe(0);

    // A change drops the page for the fast path too, and what is not cached still reaches Fastify.
    await buildArticle(t.services, {
      slug: 'story-two',
      title: 'Story two, corrected',
      authors: ['yuri'],
      tags: ['Sport'],
      published_at: '2026-11-19T08:00:00.000Z',
    });
    const edited = await overHttp(base, '/story-two/');
    expect(edited.headers['x-dateline-cache']).toBe('miss');
    expect(edited.body.toString()).toContain('Story two, corrected');
    const post = await overHttp(base, '/story-two/comments', { method: 'POST' });
    expect(post.headers['x-dateline-cache']).toBeUndefined();
    expect((await overHttp(base, '/nowhere/')).status).toBe(404);
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

describe('the page cache’s rules for what it stores', () => {
  it('never stores a page that sets a cookie, and stores headers later hooks add', async () => {
    const app = Fastify({ logger: false });
    registerPageCache(app, { isEnabled: true, maxBytes: 1024 * 1024, sharedMaxAge: 300 });
    addSecurityHeaders(app);
    app.addHook('onSend', async (_request, reply) => {
      reply.header('x-added-late', 'yes');
    });
    app.get('/shared', async (_request, reply) => reply.cacheable({ tags: ['a'] }).send('shared page'));
    app.get('/own', async (_request, reply) =>
      reply
        .cacheable({ tags: ['a'] })
        .header('set-cookie', 'who=me')
        .send('someone’s own page'),
    );
    await app.ready();
    await app.inject('/shared');
    const hit = await app.inject('/shared');
    expect(hit.headers['x-dateline-cache']).toBe('hit');
    expect(hit.headers['x-added-late']).toBe('yes');
    await app.inject('/own');
    const again = await app.inject('/own');
    expect(again.headers['x-dateline-cache']).toBe('miss');
    expect(again.headers['set-cookie']).toBe('who=me');
    await app.close();
  });
});
