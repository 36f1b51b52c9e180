import type { Static } from 'typebox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PUBLIC_URL, buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';
import type { ErrorBody } from '../../../test/json.ts';
import { AppError } from '../../platform/errors.ts';
import type { SearchService } from '../search/index.ts';
import type { AuthorListSchema, SearchResponseSchema, TagListSchema } from './schemas.ts';

describe.each(DIALECTS)('Content API authors, tags, search and errors on %s', (dialect) => {
  let t: TestApp;
  let realSearch: SearchService;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    realSearch = t.services.search;
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());
  afterEach(() => {
    t.services.search = realSearch;
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });
  async function ok<T>(url: string) {
    const response = await get(url);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    return response.json<T>();
  }

  it('lists every author by name, and one author, without their email', async () => {
    await buildAuthor(t.services, {
      name: 'Noor Haddad',
      slug: 'noor-haddad',
      bio: 'Noor writes about schools.',
      email: 'noor@example.com',
      website: 'https://noor.example/',
      avatar_url: '/media/noor.jpg',
    });
    await buildAuthor(t.services, { name: 'Aino Harju', slug: 'aino-harju', email: 'aino@example.com' });
    // Authors are public through a published article (or an admin's switch): give each one.
    await buildArticle(t.services, { authors: ['noor-haddad'] });
    await buildArticle(t.services, { authors: ['aino-harju'] });

    const list = await ok<Static<typeof AuthorListSchema>>('/api/v1/authors');
    expect(list.authors.map((a) => a.slug)).toEqual(['aino-harju', 'noor-haddad']);
    const noor = {
      slug: 'noor-haddad',
      name: 'Noor Haddad',
      bio: 'Noor writes about schools.',
      website: 'https://noor.example/',
      avatar_url: `${TEST_PUBLIC_URL}/media/noor.jpg`,
      url: `${TEST_PUBLIC_URL}/author/noor-haddad/`,
    };
    expect(list.authors[1]).toEqual(noor);
    expect(list.authors[0]).toMatchObject({ website: null, avatar_url: null });
    expect(await ok('/api/v1/authors/noor-haddad')).toEqual(noor);

    const missing = await get('/api/v1/authors/nobody');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorBody>().error.code).toBe('NOT_FOUND');
  });

  it('lists the tags published articles carry, with counts of published articles only', async () => {
    await buildArticle(t.services, { tags: ['Harbour', 'Ferries'] });
    await buildArticle(t.services, { tags: ['Harbour'] });
    await buildArticle(t.services, { tags: ['Harbour', 'Embargoed'], status: 'draft' });
    await buildArticle(t.services, { tags: ['Harbour', 'Later'], published_at: '2026-12-01T00:00:00.000Z' });

    const { tags } = await ok<Static<typeof TagListSchema>>('/api/v1/tags');
    expect(tags).toEqual([
      { slug: 'ferries', name: 'Ferries', article_count: 1, url: `${TEST_PUBLIC_URL}/tag/ferries/` },
      { slug: 'harbour', name: 'Harbour', article_count: 2, url: `${TEST_PUBLIC_URL}/tag/harbour/` },
    ]);
    t.clock.set('2026-12-01T00:00:00.000Z');
    const later = await ok<Static<typeof TagListSchema>>('/api/v1/tags');
    expect(later.tags.map((tag) => [tag.slug, tag.article_count])).toEqual([
      ['ferries', 1],
      ['harbour', 3],
      ['later', 1],
    ]);
  });

  it('searches with the real search service: shape and status, and relevance when it finds anything', async () => {
    await buildArticle(t.services, {
      slug: 'lighthouse-keeper',
      title: 'The last lighthouse keeper retires',
      body: 'After forty years the lighthouse on the point goes automatic.',
    });
    await buildArticle(t.services, { slug: 'council-budget', title: 'Council sets its budget' });

    const body = await ok<Static<typeof SearchResponseSchema>>('/api/v1/search?q=lighthouse');
    expect(body).toMatchObject({ query: 'lighthouse', page: 1, next: null });
    expect(body.total_pages).toBeGreaterThanOrEqual(1);
    expect(Array.isArray(body.results)).toBe(true);
    const direct = await realSearch.search({ q: 'lighthouse', page: 1, perPage: 20 });
    if (direct.items.length > 0) {
      expect(body.total).toBe(direct.total);
      expect(body.results[0]).toMatchObject({
        slug: 'lighthouse-keeper',
        url: `${TEST_PUBLIC_URL}/lighthouse-keeper/`,
        title: 'The last lighthouse keeper retires',
      });
      expect(body.results.map((r) => r.slug)).not.toContain('council-budget');
    }

    for (const url of [
      '/api/v1/search',
      '/api/v1/search?q=',
      '/api/v1/search?q=x&limit=51',
      '/api/v1/search?q=x&page=0',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json<ErrorBody>().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('maps search hits to plain snippets with highlights, hides anything not published, and links the next page', async () => {
    const shown = await buildArticle(t.services, { slug: 'shown' });
    const draft = await buildArticle(t.services, { slug: 'hidden-draft', status: 'draft' });
    const asked: unknown[] = [];
    t.services.search = {
      async search(args) {
        asked.push(args);
        const hit = (id: number, slug: string) => ({
          id,
          slug,
          title: `Title of ${slug}`,
          standfirst: 'Standfirst.',
          publishedAt: '2026-11-20T08:00:00.000Z',
          snippet: [
            { text: 'The ', isMatch: false },
            { text: 'ferry', isMatch: true },
            { text: ' ', isMatch: true },
            { text: 'timetable', isMatch: true },
            { text: ' changes.', isMatch: false },
          ],
          featuredImage: null,
        });
        // A stale index might still hold a draft; the API must not show it.
        return {
          query: args.q,
          pages: [],
          items: [hit(shown.id, 'shown'), hit(draft.id, 'hidden-draft')],
          total: 7,
          page: args.page,
          totalPages: 4,
        };
      },
    };
    const body = await ok('/api/v1/search?q=ferry%20timetable&page=2&limit=2');
    expect(asked).toEqual([{ q: 'ferry timetable', page: 2, perPage: 2 }]);
    expect(body).toEqual({
      query: 'ferry timetable',
      // The hidden draft is not counted either.
      total: 6,
      page: 2,
      total_pages: 4,
      results: [
        {
          slug: 'shown',
          title: 'Title of shown',
          standfirst: 'Standfirst.',
          url: `${TEST_PUBLIC_URL}/shown/`,
          published_at: '2026-11-20T08:00:00.000Z',
          snippet: 'The ferry timetable changes.',
          highlights: [{ start: 4, end: 19 }],
        },
      ],
      next: `${TEST_PUBLIC_URL}/api/v1/search?q=ferry+timetable&page=3&limit=2`,
    });
  });

  it('answers a search the service refuses with 400 and its field, and a failure with a bare 500', async () => {
    t.services.search = {
      async search() {
        throw new AppError('VALIDATION_FAILED', { fields: { q: 'Type at least one word.' } });
      },
    };
    const refused = await get('/api/v1/search?q=%21%21%21');
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: expect.any(String) as string,
        fields: { q: 'Type at least one word.' },
      },
    });

    t.services.search = {
      async search() {
        throw new Error('relation "articles_fts" does not exist at /srv/secret/path.ts:12');
      },
    };
    const failed = await get('/api/v1/search?q=anything');
    expect(failed.statusCode).toBe(500);
    expect(failed.headers['content-type']).toContain('application/json');
    expect(failed.json()).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) as string } });
    expect(failed.body).not.toMatch(/articles_fts|secret|\.ts|stack/);
  });

  it('answers every API error as JSON whatever Accept says, with CORS headers', async () => {
    for (const accept of [undefined, 'text/html', '*/*']) {
      for (const [method, url] of [
        ['GET', '/api/v1/no-such-thing'],
        ['GET', '/api/v1/articles/one/two'],
        ['GET', '/api/v1'],
        ['POST', '/api/v1/articles'],
        ['DELETE', '/api/v1/articles/x'],
      ] as const) {
        const response = await t.app.inject({
          method,
          url,
          headers: {
            ...(accept && { accept }),
            ...(method === 'GET' && { origin: 'https://elsewhere.example' }),
          },
        });
        expect(response.statusCode, `${method} ${url}`).toBe(404);
        expect(response.headers['content-type']).toContain('application/json');
        expect(response.headers['access-control-allow-origin']).toBe('*');
        expect(response.json<ErrorBody>().error.code).toBe('NOT_FOUND');
      }
    }
    // A browser's cross-site write is refused before routing, and still answered in JSON.
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/articles',
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json<ErrorBody>().error.code).toBe('CROSS_SITE_REQUEST');
    // The site's own pages keep their HTML error pages.
    const page = await get('/no-such-story/');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('lets any origin read, and answers preflights for GET only', async () => {
    await buildArticle(t.services);
    for (const url of ['/api/v1/articles', '/api/v1/authors', '/api/v1/tags', '/api/v1/openapi.json']) {
      const response = await get(url, { origin: 'https://reader.example' });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    }
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/articles?tag=x',
      headers: { origin: 'https://reader.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    const methods = String(preflight.headers['access-control-allow-methods']).split(/,\s*/);
    expect(methods.sort()).toEqual(['GET', 'HEAD', 'OPTIONS']);
    // CORS stays inside the API: the site's pages send no such header.
    const home = await get('/', { origin: 'https://reader.example' });
    expect(home.headers['access-control-allow-origin']).toBeUndefined();
  });
});
