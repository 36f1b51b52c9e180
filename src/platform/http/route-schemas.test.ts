import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';

// Ids and page numbers that name nothing. 9999999999 has ten digits, as an id pattern allowed before,
// and is past PostgreSQL's integer: it must be refused before it reaches a query.
const BAD = ['0', '-1', 'abc', '1e3', '9999999999', '99999999999999999999'];

describe.each(DIALECTS)('route schemas on %s', (dialect) => {
  let t: TestApp;
  let admin: SignedIn;
  let authorSlug: string;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    admin = await signedIn(t, 'admin');
    const article = await buildArticle(t.services, { tags: ['Harbour'] });
    authorSlug = article.authors[0] ?? '';
  });
  afterAll(async () => t?.close());

  it.each(BAD)('answers id %s on newsroom screens with a 404 page, never a 500', async (id) => {
    for (const url of [
      `/admin/articles/${id}/edit`,
      `/admin/articles/${id}/revisions`,
      `/admin/articles/1/revisions/${id}`,
      `/admin/comments/${id}/edit`,
      `/admin/authors/${id}/edit`,
    ]) {
      const response = await admin.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
    }
    for (const url of [`/admin/articles/${id}/delete`, `/admin/comments/${id}/approve`]) {
      expect((await admin.post(url)).statusCode, url).toBe(404);
    }
  });

  it.each(BAD)('answers page %s of a reader list with 404, never a 500', async (n) => {
    for (const url of [
      `/page/${n}/`,
      `/tag/harbour/page/${n}/`,
      `/author/${authorSlug}/page/${n}/`,
      `/search?q=harbour&page=${n}`,
    ]) {
      expect((await t.app.inject(url)).statusCode, url).toBe(404);
    }
  });

  it.each(BAD)('shows a newsroom list from its start for cursor %s', async (id) => {
    for (const url of [
      `/admin/audit?before=${id}`,
      `/admin/uploads?before=${id}`,
      `/admin/comments?page=${id}`,
    ]) {
      expect((await admin.get(url)).statusCode, url).toBe(200);
    }
  });

  it('answers the API in JSON whatever Accept says, naming the field by its path', async () => {
    const response = await t.app.inject({
      url: '/api/v1/articles?limit=0',
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const { error } = response.json<{ error: { code: string; fields: Record<string, string> } }>();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(error.fields)).toEqual(['limit']);
    const tag = await t.app.inject('/api/v1/articles?tag=Not%20a%20slug');
    expect(tag.json<{ error: { fields: Record<string, string> } }>().error.fields).toEqual({
      tag: 'must be a tag slug (lowercase letters, digits and hyphens)',
    });
  });

  it('answers a page in HTML, or in JSON to a client that asks for it', async () => {
    const page = await t.app.inject({ url: '/page/0/', headers: { accept: 'text/html' } });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const json = await admin.get('/admin/articles/0/edit', { accept: 'application/json' });
    expect(json.statusCode).toBe(404);
    expect(json.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  });

  it('declares a params schema on every route whose path has a parameter', async () => {
    await t.app.ready();
    const withParams = t.app.declaredRoutes.filter((route) => route.url.includes('/:'));
    expect(withParams.length).toBeGreaterThan(20);
    const unchecked = withParams.filter((route) => !route.schemas.params).map((r) => `${r.method} ${r.url}`);
    expect(unchecked).toEqual([]);
  });

  it.each(['/admin/users/0/disable', '/admin/users/abc/sign-out', '/admin/users/99999999999/role'])(
    'answers %s with a 404 before the account action runs',
    async (url) => {
      const response = await admin.post(url, {});
      expect(response.statusCode).toBe(404);
    },
  );
});
