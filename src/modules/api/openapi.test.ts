// The API tested against its own OpenAPI document: every answer the routes give, errors included,
// must validate against the schema the document declares for that path and status.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PUBLIC_URL, buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';
import type { ErrorBody } from '../../../test/json.ts';
import { FIELDS_PATTERN } from './schemas.ts';

// ajv-formats is CommonJS with a default export; the ESM view of it differs between Node and Vite.
const addFormats = ((ajvFormats as unknown as { default?: unknown }).default ?? ajvFormats) as (
  ajv: Ajv2020,
) => Ajv2020;

/** As much of an OpenAPI document as these tests read. */
interface OpenApiDocument {
  openapi: string;
  info: { title: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
}
interface Operation {
  operationId?: string;
  parameters?: { in: string; name: string; required?: boolean; schema: Record<string, unknown> }[];
  responses: Record<string, { description: string; content: Record<string, { schema: object }> }>;
}

const API_PATHS = ['/articles', '/articles/{slug}', '/authors', '/authors/{slug}', '/tags', '/search'];

describe.each(DIALECTS)('Content API against its OpenAPI document on %s', (dialect) => {
  let t: TestApp;
  let doc: OpenApiDocument;
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  const validators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const author = await buildAuthor(t.services, {
      slug: 'contract-author',
      website: 'https://author.example/',
      avatar_url: '/media/a.png',
    });
    // Public without an article: an admin made the profile public.
    const early = await buildAuthor(t.services, { slug: 'no-articles-yet' });
    await t.database.db.updateTable('authors').set({ is_public: 1 }).where('id', '=', early.id).execute();
    await buildArticle(t.services, {
      slug: 'contract-story',
      title: 'Harbour dredging begins',
      authors: [author.slug],
      tags: ['Harbour', 'Works'],
      source: { name: 'Coastal Radio North', url: 'https://radio.example/x' },
    });
    for (let i = 0; i < 3; i += 1) await buildArticle(t.services, { authors: [author.slug] });
    await buildArticle(t.services, { slug: 'a-draft', status: 'draft' });
    doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  });
  afterAll(async () => t?.close());

  /** The GET operation of a path; fails the test when the document has none. */
  function operationOf(path: string): Operation {
    const operation = doc.paths[path]?.get;
    expect(operation, `the document has GET ${path}`).toBeDefined();
    return operation!;
  }

  /** The document's schema for one answer, compiled once. */
  function validatorFor(path: string, status: number): ValidateFunction {
    const key = `${path} ${status}`;
    let validate = validators.get(key);
    if (!validate) {
      const response = operationOf(path).responses[String(status)];
      expect(response, `the document declares ${status} for GET ${path}`).toBeDefined();
      const schema = response!.content['application/json']!.schema;
      validate = ajv.compile(schema);
      validators.set(key, validate);
    }
    return validate;
  }

  /** Calls the API and checks the answer against the document. */
  async function conforms<T = unknown>(path: string, url: string, status: number) {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1${url}` });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(status);
    expect(response.headers['content-type']).toContain('application/json');
    const body = response.json<T>();
    const validate = validatorFor(path, status);
    expect(validate(body), `${url}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    return body;
  }

  it('is an OpenAPI 3.1 document of the API and nothing else', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(String(doc.openapi).startsWith('3.1')).toBe(true);
    expect(doc.info.title).toEqual(expect.any(String));
    expect(doc.servers).toEqual([{ url: `${TEST_PUBLIC_URL}/api/v1` }]);
    expect(Object.keys(doc.paths).sort()).toEqual([...API_PATHS].sort());
    for (const path of API_PATHS) {
      const operation = operationOf(path);
      expect(Object.keys(doc.paths[path]!), path).toEqual(['get']);
      expect(operation.operationId, path).toEqual(expect.any(String));
      expect(operation.responses['200']?.content['application/json']?.schema, path).toBeDefined();
    }
  });

  it('describes the parameters the routes validate, from the same schemas', () => {
    const params = (path: string) =>
      Object.fromEntries((operationOf(path).parameters ?? []).map((p) => [`${p.in} ${p.name}`, p]));
    const list = params('/articles');
    expect(Object.keys(list).sort()).toEqual(
      ['author', 'cursor', 'fields', 'limit', 'since', 'tag'].map((n) => `query ${n}`),
    );
    expect(list['query limit']?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    expect(list['query since']?.schema).toMatchObject({ type: 'string', format: 'date-time' });
    expect(list['query fields']?.schema.pattern).toBe(FIELDS_PATTERN);
    expect(params('/articles/{slug}')['path slug']?.required).toBe(true);
    expect(params('/search')['query q']?.required).toBe(true);
  });

  it('answers every endpoint as the document says', async () => {
    const page = await conforms<{ next: string | null }>('/articles', '/articles?limit=2', 200);
    expect(page.next).toEqual(expect.any(String));
    await conforms(
      '/articles',
      new URL(page.next as string).pathname.replace('/api/v1', '') + new URL(page.next as string).search,
      200,
    );
    await conforms('/articles', '/articles?fields=slug,body_html&tag=harbour', 200);
    await conforms('/articles', '/articles?author=contract-author&since=2026-01-01T00:00:00Z', 200);
    await conforms('/articles', '/articles?tag=nothing-here', 200);
    await conforms('/articles/{slug}', '/articles/contract-story', 200);
    await conforms('/authors', '/authors', 200);
    await conforms('/authors/{slug}', '/authors/contract-author', 200);
    await conforms('/authors/{slug}', '/authors/no-articles-yet', 200);
    await conforms('/tags', '/tags', 200);
    await conforms('/search', '/search?q=harbour', 200);
    await conforms('/search', '/search?q=zzzzqqq', 200);
  });

  it('answers errors as the document says', async () => {
    for (const url of [
      '/articles?limit=0',
      '/articles?since=yesterday',
      '/articles?fields=password',
      '/articles?cursor=abc',
    ]) {
      const body = await conforms<ErrorBody>('/articles', url, 400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
    }
    await conforms('/articles/{slug}', '/articles/a-draft', 404);
    await conforms('/authors/{slug}', '/authors/nobody', 404);
    await conforms('/search', '/search?q=', 400);
  });
});
