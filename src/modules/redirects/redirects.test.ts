import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { AppError } from '../../platform/errors.ts';
import { redirects, sitePathProblem } from './index.ts';

describe.each(DIALECTS)('the redirects table on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const add = (from: string, to: string, status?: 301 | 302) =>
    redirects.add(t.database.db, { from, to, at: TEST_NOW, ...(status && { status }) });
  const table = async () =>
    (await redirects.list(t.database.db)).map((r) => `${r.from_path} -> ${r.to_path} ${r.status}`);

  it('collapses chains on write, both ways', async () => {
    await add('/a/', '/b/');
    // B moves to C: A now points at C directly.
    await add('/b/', '/c/');
    expect(await table()).toEqual(['/a/ -> /c/ 301', '/b/ -> /c/ 301']);
    // D points at A, which redirects: D goes straight to C.
    await add('/d/', '/a/', 302);
    expect(await table()).toEqual(['/a/ -> /c/ 301', '/b/ -> /c/ 301', '/d/ -> /c/ 302']);
  });

  it('refuses a loop, and drops one that a move back would make', async () => {
    await add('/a/', '/b/');
    await expect(add('/b/', '/a/')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // The page came back at /a/: it is live, so its redirect goes, and then B may point at it.
    await redirects.remove(t.database.db, '/a/');
    await add('/b/', '/a/');
    expect(await table()).toEqual(['/b/ -> /a/ 301']);
    await expect(add('/x/', '/x/')).rejects.toBeInstanceOf(AppError);
  });

  it('takes on-site paths only: no open redirect', async () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example/',
      'javascript:alert(1)',
      '/a b/',
      '/a/../../etc',
      '',
      'relative/path',
    ]) {
      expect(sitePathProblem(bad), bad).toBeDefined();
      await expect(add('/from/', bad), bad).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(sitePathProblem('/tag/harbour/')).toBeUndefined();
    expect(await table()).toEqual([]);
  });

  it('answers a GET or HEAD that would be a 404, keeping the query, and nothing else', async () => {
    await add('/old-story/', '/tag/harbour/');
    const get = await t.app.inject('/old-story/?utm_source=x');
    expect(get.statusCode).toBe(301);
    expect(get.headers.location).toBe('/tag/harbour/?utm_source=x');
    expect((await t.app.inject({ method: 'HEAD', url: '/old-story/' })).statusCode).toBe(301);
    // A POST to it is still a 404; so is any other address.
    expect((await t.app.inject({ method: 'POST', url: '/old-story/' })).statusCode).toBe(404);
    expect((await t.app.inject('/no-such-story/')).statusCode).toBe(404);
    // A row that somehow points off the site is never followed.
    await t.database.db
      .insertInto('redirects')
      .values({ from_path: '/sneaky/', to_path: '//evil.example/', status: 301, created_at: TEST_NOW })
      .execute();
    expect((await t.app.inject('/sneaky/')).statusCode).toBe(404);
  });
});
