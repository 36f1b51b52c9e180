// Every way a forged write arrives, refused: the newsroom's session token (missing, wrong, another
// session's) and the browser's own headers (a cross-site Origin or Referer, `Origin: null`,
// Sec-Fetch-Site), on a newsroom form and on the public comment form, and no GET changes anything.
import { load } from 'cheerio';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../build-test-app.ts';
import { DIALECTS } from '../databases.ts';
import { buildArticle, buildComment } from '../factories.ts';
import { formBody, signedIn, type SignedIn } from '../staff.ts';

const EVIL = 'https://evil.example';

describe.each(DIALECTS)('forged writes on %s', (dialect) => {
  let t: TestApp;
  let admin: SignedIn;
  let other: SignedIn;
  let form: Record<string, string>;
  let slug: string;
  let commentId: number;

  const title = async () => (await t.services.settings.all())['site.title'];
  const counts = async () => {
    const out: Record<string, unknown> = {};
    for (const table of ['articles', 'comments', 'users', 'settings', 'audit_log'] as const)
      out[table] = (await sql`select * from ${sql.table(table)}`.execute(t.database.db)).rows
        .map((r) => JSON.stringify(r))
        .sort();
    // Sessions note when they were last used; which ones exist is what a forged sign-out would change.
    out.sessions = (
      await sql<{ n: number }>`select count(*) as n from sessions`.execute(t.database.db)
    ).rows.map((r) => Number(r.n));
    return out;
  };

  /** Posts the settings form as `admin`, with `_csrf` and the headers given. */
  const postSettings = (csrf: string | undefined, headers: Record<string, string> = {}) =>
    admin.inject({
      method: 'POST',
      url: '/admin/settings',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
      payload: formBody({ ...form, 'site.title': 'Forged', ...(csrf !== undefined && { _csrf: csrf }) }),
    });

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    admin = await signedIn(t, 'admin');
    other = await signedIn(t, 'admin');
    const $ = load((await admin.get('/admin/settings')).body);
    form = {};
    $('form[action="/admin/settings"]')
      .find('input[name], textarea[name], select[name]')
      .each((_, el) => {
        const node = $(el);
        const name = node.attr('name')!;
        if (el.tagName === 'select') form[name] = node.find('option[selected]').attr('value') ?? '';
        else if (el.tagName === 'textarea') form[name] = node.text();
        else form[name] = node.attr('value') ?? '';
      });
    delete form._csrf;
    const article = await buildArticle(t.services);
    slug = article.slug;
    commentId = (await buildComment(t.services, article.id, { status: 'pending' })).id;
  }, 60_000);
  afterAll(async () => t?.close());

  it('refuses every forged variant of a newsroom write, and the genuine one passes', async () => {
    const same = { origin: TEST_PUBLIC_URL };
    const variants: [string, string | undefined, Record<string, string>, string][] = [
      ['no token', undefined, same, 'FORM_EXPIRED'],
      ['a wrong token', 'x'.repeat(admin.csrfToken.length), same, 'FORM_EXPIRED'],
      ['another session’s token', other.csrfToken, same, 'FORM_EXPIRED'],
      ['no token, and no Origin or Referer', undefined, {}, 'FORM_EXPIRED'],
      ['a cross-site Origin', admin.csrfToken, { origin: EVIL }, 'CROSS_SITE_REQUEST'],
      ['a cross-site Referer and no Origin', admin.csrfToken, { referer: `${EVIL}/x` }, 'CROSS_SITE_REQUEST'],
      ['a Referer that is no address', admin.csrfToken, { referer: 'about:blank' }, 'CROSS_SITE_REQUEST'],
      ['Origin: null', admin.csrfToken, { origin: 'null' }, 'CROSS_SITE_REQUEST'],
      [
        'a cross-site Origin over a same-site Referer',
        admin.csrfToken,
        { origin: EVIL, referer: `${TEST_PUBLIC_URL}/admin/settings` },
        'CROSS_SITE_REQUEST',
      ],
      [
        'Sec-Fetch-Site: cross-site',
        admin.csrfToken,
        { 'sec-fetch-site': 'cross-site' },
        'CROSS_SITE_REQUEST',
      ],
    ];
    const before = await counts();
    for (const [name, csrf, headers, code] of variants) {
      const response = await postSettings(csrf, { ...headers, accept: 'application/json' });
      expect([name, response.statusCode]).toEqual([name, 403]);
      expect([name, response.json<{ error: { code: string } }>().error.code]).toEqual([name, code]);
    }
    expect(await counts()).toEqual(before);
    expect(await title()).toBe('Dateline');

    // The control: the same form with the session's token from the site itself is saved, whether
    // the browser sent an Origin, only a Referer, or (a client that is not a browser) neither.
    const genuine: Record<string, string>[] = [same, { referer: `${TEST_PUBLIC_URL}/admin/settings` }, {}];
    for (const headers of genuine) {
      const response = await postSettings(admin.csrfToken, headers);
      expect(response.statusCode).toBe(303);
      expect(await title()).toBe('Forged');
      await t.services.settings.update({ 'site.title': 'Dateline' });
    }
  });

  it('refuses a public comment whose Referer names another site when no Origin was sent', async () => {
    const post = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/${slug}/comments`,
        remoteAddress: '198.51.100.23',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: formBody({ comment: 'Forged words', author: 'Ola', email: 'ola@example.net' }),
      });
    const comments = () => t.database.db.selectFrom('comments').select('id').execute();
    const before = (await comments()).length;
    for (const referer of [`${EVIL}/trap`, 'http://dateline.test.evil.example/', 'null'])
      expect([referer, (await post({ referer })).statusCode]).toEqual([referer, 403]);
    expect((await comments()).length).toBe(before);
    expect((await post({ referer: `${TEST_PUBLIC_URL}/${slug}/` })).statusCode).toBe(303);
    expect((await comments()).length).toBe(before + 1);
  });

  it('changes nothing on a GET, whatever it asks for', async () => {
    const before = await counts();
    const writes = t.app.declaredRoutes.filter((r) => r.method === 'POST' && r.url.startsWith('/admin'));
    expect(writes.length).toBeGreaterThan(20);
    for (const route of writes) {
      const url = route.url.replace(':id', String(commentId)).replace(':rev', '1');
      const query = new URLSearchParams({
        _csrf: admin.csrfToken,
        'site.title': 'Forged',
        action: 'publish',
        role: 'contributor',
        ids: String(commentId),
      });
      const response = await admin.get(`${url}?${query.toString()}`);
      // The GET twin of a form page (it shows, saves nothing), an expired-link page, or no such route.
      expect([url, response.statusCode]).toEqual([url, expect.toBeOneOf([200, 303, 404, 405, 410])]);
      if (response.statusCode === 303) expect(String(response.headers.location)).not.toMatch(/saved/);
    }
    expect(await counts()).toEqual(before);
    const comment = await t.database.db
      .selectFrom('comments')
      .select('status')
      .where('id', '=', commentId)
      .executeTakeFirstOrThrow();
    expect(comment.status).toBe('pending');
  });
});
