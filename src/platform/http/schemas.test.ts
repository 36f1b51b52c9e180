import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldPath } from '../validation.ts';
import { registerErrorHandling, type ErrorHandlingOptions } from './error-handler.ts';
import {
  dropUnfitQuery,
  IdParamsSchema,
  IdSchema,
  PageParamsSchema,
  readId,
  readPageNumber,
} from './schemas.ts';

// No database: a bare Fastify app with the shared schemas and the one error handler, as app.tsx wires
// them. Reader routes declare 'public', as in the app; the others stand for newsroom routes.
async function buildApp(options: ErrorHandlingOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandling(app, options);
  app.get('/admin/things/:id', { schema: { params: IdParamsSchema } }, (request) => ({
    id: request.params.id,
    type: typeof request.params.id,
  }));
  app.get(
    '/page/:n/',
    { config: { permission: 'public' }, schema: { params: PageParamsSchema } },
    (request) => ({
      page: request.params.n,
    }),
  );
  const ListQuery = Type.Object({
    before: Type.Optional(IdSchema),
    q: Type.Optional(Type.String({ maxLength: 5 })),
  });
  app.get(
    '/admin/list',
    { schema: { querystring: ListQuery }, preValidation: dropUnfitQuery(ListQuery) },
    (request) => ({ query: request.query }),
  );
  app.get(
    '/reader-search',
    { config: { permission: 'public' }, schema: { querystring: ListQuery } },
    (request) => ({
      query: request.query,
    }),
  );
  app.post(
    '/admin/things',
    {
      schema: {
        body: Type.Object({
          title: Type.String({ minLength: 1 }),
          source: Type.Object({ url: Type.String({ pattern: '^https?://' }) }),
          tags: Type.Array(Type.String({ maxLength: 3 })),
        }),
      },
    },
    () => ({ ok: true }),
  );
  await app.ready();
  return app;
}

const page: ErrorHandlingOptions = {
  format: 'negotiate',
  isProduction: true,
  renderPage: (_request, { status, code }) => `<!doctype html><title>${status}</title><h1>${code}</h1>`,
};

// Each is a way to write a number that is not a plain id: none may reach a query, and none may be a 500.
const notIds = [
  '0',
  '-1',
  'abc',
  '1e3',
  '0x10',
  '012',
  '+5',
  '1.5',
  '%2012',
  '99999999999999999999',
  '2147483648',
];

describe('the shared id and page-number schemas', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(page);
  });
  afterAll(async () => app.close());

  it('read a plain id as a number', async () => {
    const response = await app.inject('/admin/things/2147483647');
    expect(response.json()).toEqual({ id: 2_147_483_647, type: 'number' });
  });

  it.each(notIds)('answer id %s with a 404 page, never a 500', async (id) => {
    const response = await app.inject({ url: `/admin/things/${id}`, headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('NOT_FOUND');
  });

  it.each(notIds)('answer page %s of a reader list with 404', async (n) => {
    expect((await app.inject(`/page/${n}/`)).statusCode).toBe(404);
  });

  it('read page 1,000,000 and no further', async () => {
    expect((await app.inject('/page/1000000/')).json()).toEqual({ page: 1_000_000 });
    expect((await app.inject('/page/1000001/')).statusCode).toBe(404);
  });

  it('agree with the readers of ids and page numbers in form fields', () => {
    expect(readId('42')).toBe(42);
    expect(readId('2147483647')).toBe(2_147_483_647);
    expect(readPageNumber('1000000')).toBe(1_000_000);
    for (const text of [...notIds, '', ' 1'].map(decodeURIComponent))
      expect(readId(text), text).toBeUndefined();
    expect(readPageNumber('1000001')).toBeUndefined();
  });

  it('drop a newsroom list filter that does not fit, and keep the rest typed', async () => {
    expect((await app.inject('/admin/list?before=0&q=ok')).json()).toEqual({ query: { q: 'ok' } });
    expect((await app.inject('/admin/list?before=12&q=too-long')).json()).toEqual({ query: { before: 12 } });
    expect((await app.inject('/admin/list?before=1&before=2')).json()).toEqual({ query: {} });
  });

  it('answer a reader page whose query string names no page with 404', async () => {
    expect((await app.inject('/reader-search?before=1e3')).statusCode).toBe(404);
    expect((await app.inject('/reader-search?before=3')).json()).toEqual({ query: { before: 3 } });
  });
});

describe('a request that fails its schema', () => {
  // Ajv stops at the first problem (allErrors would let one request cost the server a lot), so each
  // body here has one, at a different depth.
  const valid = { title: 'A title', source: { url: 'https://example.org/' }, tags: ['ok'] };
  const cases: [string, Record<string, unknown>, string][] = [
    ['a top-level field', { ...valid, title: '' }, 'title'],
    ['a nested field', { ...valid, source: { url: 'ftp://x' } }, 'source.url'],
    ['an array item', { ...valid, tags: ['ok', 'long'] }, 'tags[1]'],
    ['a missing nested object', { title: 'x', tags: [] }, 'source'],
  ];
  const post = (app: FastifyInstance, payload: object, accept: string) =>
    app.inject({ method: 'POST', url: '/admin/things', headers: { accept }, payload });
  const fieldsOf = (response: { json<T>(): T }) =>
    response.json<{ error: { code: string; fields: Record<string, string> } }>().error;

  it.each(cases)(
    'is JSON in an API whatever Accept says, naming %s by its path',
    async (_what, body, path) => {
      const app = await buildApp({ format: 'json' });
      const response = await post(app, body, 'text/html');
      await app.close();
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(fieldsOf(response).code).toBe('VALIDATION_FAILED');
      expect(Object.keys(fieldsOf(response).fields)).toEqual([path]);
    },
  );

  it.each(cases)(
    'is an HTML page for a browser, and JSON naming %s for a client that asks',
    async (_what, body, path) => {
      const app = await buildApp(page);
      const asPage = await post(app, body, 'text/html');
      const asJson = await post(app, body, 'application/json');
      await app.close();
      expect(asPage.statusCode).toBe(400);
      expect(asPage.headers['content-type']).toMatch(/^text\/html/);
      expect(asPage.body).toContain('VALIDATION_FAILED');
      expect(asJson.statusCode).toBe(400);
      expect(Object.keys(fieldsOf(asJson).fields)).toEqual([path]);
    },
  );

  it('says what a failed pattern wants instead of quoting it', async () => {
    const app = await buildApp({ format: 'json' });
    const response = await post(app, { ...valid, source: { url: 'ftp://x' } }, 'application/json');
    await app.close();
    expect(fieldsOf(response).fields['source.url']).toBe('is not in the expected form');
  });
});

describe('a field path', () => {
  it.each([
    ['/title', '', 'title'],
    ['/source/url', '', 'source.url'],
    ['/tags/0', '', 'tags[0]'],
    ['/authors/0/slug', 'articles[3]', 'articles[3].authors[0].slug'],
    ['', 'settings', 'settings'],
    ['/a~1b', '', 'a/b'],
  ])('%s under "%s" is %s', (pointer, base, expected) => {
    expect(fieldPath(pointer, base)).toBe(expected);
  });
});
