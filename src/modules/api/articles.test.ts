import type { Static } from 'typebox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PUBLIC_URL, buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';
import type { ErrorBody } from '../../../test/json.ts';
import { ARTICLE_FIELDS, type ArticleListSchema, type ArticleSchema } from './schemas.ts';

type ArticleList = Static<typeof ArticleListSchema>;

/** The path and query of an absolute `next` link, for inject(). */
function pathOf(url: string): string {
  expect(url.startsWith(`${TEST_PUBLIC_URL}/api/v1/`)).toBe(true);
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

describe.each(DIALECTS)('Content API articles on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });
  async function ok<T = ArticleList>(url: string) {
    const response = await get(url);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json<T>();
  }
  const slugs = (body: ArticleList) => body.articles.map((a) => a.slug);

  /** Walks a list from `url` through every `next`, returning each page. */
  async function walk(url: string) {
    const pages: ArticleList[] = [];
    let next: string | null = url;
    while (next !== null) {
      const page: ArticleList = await ok(next);
      pages.push(page);
      next = page.next === null ? null : pathOf(page.next);
      expect(pages.length).toBeLessThan(50);
    }
    return pages;
  }

  it('lists published articles newest first, every field but the body, with absolute links', async () => {
    await buildAuthor(t.services, { name: 'Aino Harju', slug: 'aino-harju' });
    await buildAuthor(t.services, { name: 'Bram de Wit', slug: 'bram-de-wit' });
    await buildArticle(t.services, {
      slug: 'older-story',
      authors: ['bram-de-wit'],
      published_at: '2026-11-19T08:00:00.000Z',
    });
    await buildArticle(t.services, {
      title: 'Ferry timetable changes for winter',
      slug: 'ferry-timetable-winter',
      standfirst: 'Fewer crossings from December.',
      authors: ['aino-harju', 'bram-de-wit'],
      tags: ['Transport', 'Harbour'],
      source: { name: 'Coastal Radio North', url: 'https://radio.example/ferries' },
      published_at: '2026-11-20T08:00:00.000Z',
      updated_at: '2026-11-21T09:30:00.000Z',
    });
    await buildArticle(t.services, { slug: 'a-draft', status: 'draft' });
    await buildArticle(t.services, { slug: 'a-future-one', published_at: '2026-12-01T00:00:00.000Z' });

    const response = await get('/api/v1/articles');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const body = response.json<ArticleList>();
    expect(slugs(body)).toEqual(['ferry-timetable-winter', 'older-story']);
    expect(body.next).toBeNull();
    expect(body.articles[0]).toEqual({
      slug: 'ferry-timetable-winter',
      title: 'Ferry timetable changes for winter',
      standfirst: 'Fewer crossings from December.',
      url: `${TEST_PUBLIC_URL}/ferry-timetable-winter/`,
      published_at: '2026-11-20T08:00:00.000Z',
      updated_at: '2026-11-21T09:30:00.000Z',
      authors: [
        { slug: 'aino-harju', name: 'Aino Harju', url: `${TEST_PUBLIC_URL}/author/aino-harju/` },
        { slug: 'bram-de-wit', name: 'Bram de Wit', url: `${TEST_PUBLIC_URL}/author/bram-de-wit/` },
      ],
      tags: [
        { slug: 'transport', name: 'Transport' },
        { slug: 'harbour', name: 'Harbour' },
      ],
      // Saved without a section, it went into the first one: News, made for it.
      section: { slug: 'news', name: 'News', url: `${TEST_PUBLIC_URL}/section/news/`, parent: null },
      source: { name: 'Coastal Radio North', url: 'https://radio.example/ferries' },
      sources: [{ name: 'Coastal Radio North', url: 'https://radio.example/ferries' }],
    });
    expect(body.articles[1]?.source).toBeNull();
    expect(body.articles[1]?.sources).toEqual([]);
  });

  it('names every source in order, `source` keeping the first for older clients', async () => {
    await buildArticle(t.services, {
      slug: 'two-outlets',
      sources: [
        { name: 'Harbour Post', url: 'https://post.example/quay' },
        { name: 'Valley Courier', url: null },
      ],
    });
    const article = await ok<Static<typeof ArticleSchema>>('/api/v1/articles/two-outlets');
    expect(article.sources).toEqual([
      { name: 'Harbour Post', url: 'https://post.example/quay' },
      { name: 'Valley Courier', url: null },
    ]);
    expect(article.source).toEqual({ name: 'Harbour Post', url: 'https://post.example/quay' });
    const list = await ok('/api/v1/articles?fields=slug,sources');
    expect(list.articles).toEqual([
      {
        slug: 'two-outlets',
        sources: [
          { name: 'Harbour Post', url: 'https://post.example/quay' },
          { name: 'Valley Courier', url: null },
        ],
      },
    ]);
  });

  it('answers one article with its body; drafts, scheduled and unknown slugs are 404 JSON', async () => {
    await buildArticle(t.services, {
      slug: 'with-body',
      body: 'The first paragraph.\n\n## Details\n\nThe second.',
    });
    await buildArticle(t.services, { slug: 'a-draft', status: 'draft' });
    await buildArticle(t.services, { slug: 'a-future-one', published_at: '2026-12-01T00:00:00.000Z' });

    const article = await ok<Static<typeof ArticleSchema>>('/api/v1/articles/with-body');
    expect(Object.keys(article)).toEqual([...ARTICLE_FIELDS]);
    expect(article.body_html).toContain('<h2>Details</h2>');

    for (const slug of ['a-draft', 'a-future-one', 'no-such-story']) {
      const response = await get(`/api/v1/articles/${slug}`);
      expect(response.statusCode, slug).toBe(404);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.json()).toEqual({
        error: { code: 'NOT_FOUND', message: expect.any(String) as string },
      });
    }
    t.clock.set('2026-12-01T00:00:00.000Z');
    expect((await get('/api/v1/articles/a-future-one')).statusCode).toBe(200);
  });

  it('filters by tag, by author and by since, alone and together', async () => {
    const aino = await buildAuthor(t.services, { slug: 'aino' });
    const bram = await buildAuthor(t.services, { slug: 'bram' });
    const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    await buildArticle(t.services, {
      slug: 'a1',
      authors: [aino.slug],
      tags: ['Ferries'],
      published_at: at(10),
    });
    await buildArticle(t.services, {
      slug: 'a2',
      authors: [aino.slug],
      tags: ['Council'],
      published_at: at(12),
    });
    await buildArticle(t.services, {
      slug: 'b1',
      authors: [bram.slug, aino.slug],
      tags: ['Ferries', 'Council'],
      published_at: at(14),
    });
    await buildArticle(t.services, {
      slug: 'b2',
      authors: [bram.slug],
      tags: ['Ferries'],
      published_at: at(16),
    });
    await buildArticle(t.services, {
      slug: 'b-draft',
      authors: [bram.slug],
      tags: ['Ferries'],
      status: 'draft',
    });

    const list = async (query: string) => slugs(await ok(`/api/v1/articles?${query}`));
    expect(await list('tag=ferries')).toEqual(['b2', 'b1', 'a1']);
    expect(await list('author=aino')).toEqual(['b1', 'a2', 'a1']);
    expect(await list('tag=ferries&author=aino')).toEqual(['b1', 'a1']);
    // At or after: the article published exactly then is included.
    expect(await list(`since=${at(12)}`)).toEqual(['b2', 'b1', 'a2']);
    expect(await list(`since=${encodeURIComponent('2026-11-12T12:00:00+02:00')}`)).toEqual([
      'b2',
      'b1',
      'a2',
    ]);
    expect(await list(`since=${at(13)}&tag=council`)).toEqual(['b1']);
    expect(await list('tag=no-such-tag')).toEqual([]);
    expect(await list('author=nobody')).toEqual([]);
    expect(await list('since=2027-01-01T00:00:00Z')).toEqual([]);
  });

  it('answers only the fields asked for, in the documented order, and the body only when asked', async () => {
    await buildArticle(t.services, { slug: 'fielded', body: 'Body *text*.' });
    const only = await ok('/api/v1/articles?fields=title,slug,slug');
    expect(only.articles).toEqual([{ slug: 'fielded', title: expect.any(String) as string }]);

    const withBody = await ok('/api/v1/articles?fields=slug,body_html');
    expect(withBody.articles).toEqual([{ slug: 'fielded', body_html: '<p>Body <em>text</em>.</p>' }]);

    const all = await ok(`/api/v1/articles?fields=${ARTICLE_FIELDS.join(',')}`);
    expect(Object.keys(all.articles[0]!)).toEqual([...ARTICLE_FIELDS]);

    const plain = await ok('/api/v1/articles');
    expect(plain.articles[0]).not.toHaveProperty('body_html');
  });

  it('walks every page with `next`: no duplicates, no gaps, filters and fields kept', async () => {
    const author = await buildAuthor(t.services);
    const made: { slug: string; id: number; published_at: string }[] = [];
    const times = [
      '2026-11-20T10:00:00.000Z',
      '2026-11-21T10:00:00.000Z',
      // Three in the same millisecond: the id breaks the tie.
      '2026-11-22T10:00:00.000Z',
      '2026-11-22T10:00:00.000Z',
      '2026-11-22T10:00:00.000Z',
      '2026-11-23T10:00:00.000Z',
      '2026-11-24T10:00:00.000Z',
    ];
    for (const published_at of times) {
      made.push(await buildArticle(t.services, { authors: [author.slug], tags: ['Paged'], published_at }));
    }
    await buildArticle(t.services, { authors: [author.slug], tags: ['Elsewhere'] });
    await buildArticle(t.services, { authors: [author.slug], tags: ['Paged'], status: 'draft' });
    const expected = [...made]
      .sort((a, b) => b.published_at.localeCompare(a.published_at) || b.id - a.id)
      .map((a) => a.slug);

    for (const limit of [1, 2, 3, 7, 100]) {
      const pages = await walk(`/api/v1/articles?tag=paged&fields=slug,published_at&limit=${limit}`);
      const seen = pages.flatMap(slugs);
      expect(seen, `limit=${limit}`).toEqual(expected);
      expect(pages.length).toBe(Math.ceil(expected.length / limit));
      for (const page of pages.slice(0, -1)) {
        const next = new URL(page.next as string);
        expect(next.searchParams.get('tag')).toBe('paged');
        expect(next.searchParams.get('fields')).toBe('slug,published_at');
        expect(next.searchParams.get('limit')).toBe(String(limit));
        expect(next.searchParams.get('cursor')).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(Object.keys(page.articles[0]!)).toEqual(['slug', 'published_at']);
      }
    }
  });

  it('keeps its place when an article is published between two pages', async () => {
    const author = await buildAuthor(t.services);
    for (let day = 10; day < 14; day += 1) {
      await buildArticle(t.services, {
        authors: [author.slug],
        published_at: `2026-11-${day}T10:00:00.000Z`,
      });
    }
    const first = await ok('/api/v1/articles?limit=2&fields=slug');
    await buildArticle(t.services, { slug: 'breaking', authors: [author.slug] });
    const second = await ok(pathOf(first.next as string));
    const all = [...slugs(first), ...slugs(second)];
    expect(new Set(all).size).toBe(4);
    expect(all).not.toContain('breaking');
    expect(second.next).toBeNull();
  });

  it('pages 20 at a time by default and up to 100 when asked', async () => {
    const author = await buildAuthor(t.services);
    for (let i = 0; i < 21; i += 1) await buildArticle(t.services, { authors: [author.slug] });
    const page = await ok('/api/v1/articles?fields=slug');
    expect(page.articles).toHaveLength(20);
    expect(new URL(page.next as string).searchParams.get('limit')).toBeNull();
    const rest = await ok(pathOf(page.next as string));
    expect(rest.articles).toHaveLength(1);
    expect(rest.next).toBeNull();
    expect((await ok('/api/v1/articles?limit=100&fields=slug')).articles).toHaveLength(21);
    expect((await ok('/api/v1/articles?limit=1&fields=slug')).articles).toHaveLength(1);
  });

  const tamperedCursor = Buffer.from('2026-11-20T10:00:00.000Z|1|x').toString('base64url');
  const nonsenseCursor = Buffer.from('nonsense').toString('base64url');
  const badTimeCursor = Buffer.from('2026-13-45T10:00:00.000Z|1').toString('base64url');
  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=101', 'limit'],
    ['limit=1.5', 'limit'],
    ['since=yesterday', 'since'],
    ['since=2026-11-20', 'since'],
    ['since=2026-02-30T10:00:00Z', 'since'],
    ['fields=password', 'fields'],
    ['fields=', 'fields'],
    ['fields=slug,email', 'fields'],
    ['cursor=!!!', 'cursor'],
    [`cursor=${nonsenseCursor}`, 'cursor'],
    [`cursor=${tamperedCursor}`, 'cursor'],
    [`cursor=${badTimeCursor}`, 'cursor'],
    ['tag=Not%20A%20Slug', 'tag'],
    ['author=%3Cscript%3E', 'author'],
  ])('answers ?%s with 400 JSON naming %s', async (query, field) => {
    const response = await get(`/api/v1/articles?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const body = response.json<ErrorBody>();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(body.error.fields ?? {})).toEqual([field]);
  });

  it('ignores query parameters it does not know', async () => {
    await buildArticle(t.services, { slug: 'still-here' });
    expect(slugs(await ok('/api/v1/articles?utm_source=x&_=123'))).toEqual(['still-here']);
  });

  it('answers HEAD like GET, without a body', async () => {
    await buildArticle(t.services);
    const response = await t.app.inject({ method: 'HEAD', url: '/api/v1/articles' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.body).toBe('');
  });
});
