import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';
import { signedIn } from '../../../test/staff.ts';
import { redirectsFromCsv, redirectsToCsv, sourcePathProblem } from './index.ts';

// A moved-in WordPress site's links name its pages in the front page's query: /?p=123 (issue #16).
describe.each(DIALECTS)("a WordPress site's old query addresses on %s", (dialect) => {
  let t: TestApp;
  let frontTitle: string;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    frontTitle = (await buildArticle(t.services, { title: 'Night ferry returns' })).title;
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const add = (from: string, to: string, status: 301 | 302 | 410 = 301) =>
    t.services.redirects.create({ from, to, status, actor: null });
  const isFrontPage = (body: string) => load(body)('main').text().includes(frontTitle);

  it('are added through the service, listed, and answered at / and /index.php', async () => {
    await add('/?p=5', '/new/');
    await add('/?page_id=7', '/about/', 302);
    await add('/?cat=8', '/section/town/');
    await add('/?p=6', '', 410);
    expect((await t.services.redirects.list()).map((r) => r.from_path)).toEqual([
      '/?cat=8',
      '/?p=5',
      '/?p=6',
      '/?page_id=7',
    ]);

    const post = await get('/?p=5&utm_source=x');
    expect(post.statusCode).toBe(301);
    // The query was the old address: it is not carried to the new one.
    expect(post.headers.location).toBe('/new/');
    expect((await t.app.inject({ method: 'HEAD', url: '/?p=5' })).statusCode).toBe(301);
    const page = await get('/index.php?page_id=7');
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/about/');
    // p wins over the others; a key without an id is passed over; leading zeros are WordPress's too.
    expect((await get('/?cat=8&p=5')).headers.location).toBe('/new/');
    expect((await get('/?p=abc&page_id=7')).headers.location).toBe('/about/');
    expect((await get('/index.php?utm_medium=mail&p=05')).headers.location).toBe('/new/');
    expect((await get('/?cat=8')).headers.location).toBe('/section/town/');
    // A trashed post's address is gone.
    expect((await get('/?p=6')).statusCode).toBe(410);
    expect((await get('/index.php?p=6')).statusCode).toBe(410);
  });

  it('leave / the front page and /index.php not found when nothing is stored, and refuse a malformed one', async () => {
    await add('/?p=5', '/new/');
    for (const url of ['/?p=999', '/?p=abc', '/?page_id=', '/?author=2&utm_source=x']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(isFrontPage(response.body), url).toBe(true);
    }
    for (const url of ['/index.php', '/index.php?p=999', '/index.php?utm_source=x', '/index.php/'])
      expect((await get(url)).statusCode, url).toBe(404);
    // Only a POST's or a GET's own path counts: a POST to / is not redirected.
    expect((await t.app.inject({ method: 'POST', url: '/?p=5' })).statusCode).not.toBe(301);

    for (const bad of ['/?p=abc', '/?p=5&utm_source=x', '/index.php?p=5', '/?s=ferry'])
      expect(sourcePathProblem(bad), bad).toBeDefined();
    await expect(add('/?p=abc', '/x/')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { from: expect.stringMatching(/\/\?p=123/) as string },
    });
    await expect(add('/old/?ref=x', '/x/')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('go through the CSV file and the Redirects screen', async () => {
    const rows = redirectsFromCsv('from,to\r\n/?p=5,/new/\r\n/?attachment_id=67,/uploads/ferry.jpg,302\r\n');
    expect(await t.services.redirects.importRows({ rows, actor: null })).toBe(2);
    const csv = redirectsToCsv(await t.services.redirects.list());
    expect(csv).toContain('/?attachment_id=67,/uploads/ferry.jpg,302,no');
    expect(csv).toContain('/?p=5,/new/,301,no');
    expect(() => redirectsFromCsv('/?p=abc,/new/\n')).toThrow();

    const editor = await signedIn(t, 'editor');
    const added = await editor.post('/admin/redirects', { from: '/?author=2', to: '/author/maeve/' });
    expect(added.statusCode).toBe(303);
    const screen = load((await editor.get('/admin/redirects')).body);
    expect(
      screen('table.redirects tbody tr code')
        .toArray()
        .map((c) => screen(c).text()),
    ).toEqual(expect.arrayContaining(['/?author=2', '/?attachment_id=67', '/?p=5']));
    const refused = await editor.post('/admin/redirects', { from: '/?p=abc', to: '/x/' });
    expect(refused.statusCode).toBe(400);
    expect((await get('/?author=2')).headers.location).toBe('/author/maeve/');
  });

  it('are never answered from the cached front page, nor stored as it', async () => {
    await add('/?p=5', '/new/');
    expect((await get('/')).headers['x-dateline-cache']).toBe('miss');
    expect((await get('/')).headers['x-dateline-cache']).toBe('hit');
    // The front page is stored; an old address still asks the table.
    for (const url of ['/?p=5', '/?p=5&utm_source=x', '/?utm_source=x&p=5', '/index.php?p=5']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(301);
      expect(response.headers.location, url).toBe('/new/');
      expect(response.headers['x-dateline-cache'], url).toBeUndefined();
    }
    // Other parameters still share the stored front page.
    expect((await get('/?utm_source=x')).headers['x-dateline-cache']).toBe('hit');
    // An address with nothing stored is shown the front page, never from or into the cache ...
    for (let i = 0; i < 2; i += 1) {
      const unknown = await get('/?p=999');
      expect(unknown.statusCode).toBe(200);
      expect(isFrontPage(unknown.body)).toBe(true);
      expect(unknown.headers['x-dateline-cache']).toBeUndefined();
    }
    expect(t.app.pageCache.stats().entries).toBe(1);
    // ... so a redirect added later answers at once, with no purge.
    await add('/?p=999', '/later/');
    expect((await get('/?p=999')).headers.location).toBe('/later/');

    // The other way round: old addresses first leave nothing for / to be answered from.
    t.app.pageCache.clear();
    expect((await get('/?p=5')).statusCode).toBe(301);
    expect((await get('/?p=1000')).statusCode).toBe(200);
    expect(t.app.pageCache.stats().entries).toBe(0);
    const front = await get('/');
    expect(front.statusCode).toBe(200);
    expect(front.headers['x-dateline-cache']).toBe('miss');
    expect((await get('/?p=5')).statusCode).toBe(301);
    expect((await get('/')).headers['x-dateline-cache']).toBe('hit');
  });
});
