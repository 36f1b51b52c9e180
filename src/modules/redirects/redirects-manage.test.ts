import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { load } from 'cheerio';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';
import { redirects } from './index.ts';

describe.each(DIALECTS)('redirects by hand and on a move, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const table = async () =>
    (await redirects.list(t.database.db)).map(
      (r) => `${r.from_path} -> ${r.to_path} ${r.status}${r.is_external ? ' ext' : ''}`,
    );
  const audit = () =>
    t.database.db
      .selectFrom('audit_log')
      .select(['action', 'subject', 'user_id'])
      .where('action', 'like', 'redirect.%')
      .orderBy('id')
      .execute();

  async function versionOf(staff: SignedIn, id: number): Promise<string> {
    const page = await staff.get(`/admin/articles/${id}/edit`);
    return load(page.body)('input[name=version]').val() as string;
  }
  async function save(staff: SignedIn, id: number | null, overrides: Record<string, string>) {
    const response = await staff.post(
      id === null ? '/admin/articles' : `/admin/articles/${id}`,
      editorForm(staff, { ...overrides, ...(id !== null && { version: await versionOf(staff, id) }) }),
    );
    expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
    return editedId(response.headers.location);
  }

  it('redirects a live article’s old page and comment feed when its slug changes, and a move back does not loop', async () => {
    const editor = await signedIn(t, 'editor');
    const id = await save(editor, null, { slug: 'ferry-times', action: 'publish' });
    expect((await t.app.inject('/ferry-times/')).statusCode).toBe(200);
    expect((await t.app.inject('/ferry-times/feed/')).statusCode).toBe(200);

    await save(editor, id, { slug: 'ferry-timetable', action: 'publish' });
    const page = await t.app.inject('/ferry-times/?ref=x');
    expect(page.statusCode).toBe(301);
    expect(page.headers.location).toBe('/ferry-timetable/?ref=x');
    const feed = await t.app.inject('/ferry-times/feed/');
    expect(feed.statusCode).toBe(301);
    expect(feed.headers.location).toBe('/ferry-timetable/feed/');
    expect((await t.app.inject('/ferry-timetable/')).statusCode).toBe(200);
    expect((await t.app.inject('/ferry-timetable/feed/')).statusCode).toBe(200);

    // Back to the first slug: that address is live again, and the second one redirects to it.
    await save(editor, id, { slug: 'ferry-times', action: 'publish' });
    expect(await table()).toEqual([
      '/ferry-timetable/ -> /ferry-times/ 301',
      '/ferry-timetable/feed/ -> /ferry-times/feed/ 301',
    ]);
    expect((await t.app.inject('/ferry-times/')).statusCode).toBe(200);
    expect((await t.app.inject('/ferry-timetable/')).headers.location).toBe('/ferry-times/');
    // A third slug: the chain collapses to one hop.
    await save(editor, id, { slug: 'ferry', action: 'publish' });
    expect(await table()).toEqual([
      '/ferry-times/ -> /ferry/ 301',
      '/ferry-times/feed/ -> /ferry/feed/ 301',
      '/ferry-timetable/ -> /ferry/ 301',
      '/ferry-timetable/feed/ -> /ferry/feed/ 301',
    ]);
  });

  it('leaves a draft’s old slug alone, and a new live article takes an address back from a redirect', async () => {
    const editor = await signedIn(t, 'editor');
    const id = await save(editor, null, { slug: 'secret-plan' });
    await save(editor, id, { slug: 'secret-plan-b' });
    // Never public: no redirect tells readers the draft's new address.
    expect(await table()).toEqual([]);
    await redirects.add(t.database.db, { from: '/harbour/', to: '/tag/harbour/', at: TEST_NOW });
    await save(editor, null, { title: 'Harbour', slug: 'harbour', action: 'publish' });
    expect(await table()).toEqual([]);
    expect((await t.app.inject('/harbour/')).statusCode).toBe(200);
  });

  it('answers 410 Gone with a small page and no Location, and only where the page would be a 404', async () => {
    await redirects.add(t.database.db, { from: '/withdrawn/', to: '', status: 410, at: TEST_NOW });
    const gone = await t.app.inject({ url: '/withdrawn/', headers: { accept: 'text/html' } });
    expect(gone.statusCode).toBe(410);
    expect(gone.headers.location).toBeUndefined();
    expect(gone.headers['cache-control']).toBe('no-store');
    expect(gone.body).toContain('removed');
    // A redirect to a gone address is not followed through it: it ends there, and answers 410 next.
    await redirects.add(t.database.db, { from: '/older/', to: '/withdrawn/', at: TEST_NOW });
    expect((await t.app.inject('/older/')).headers.location).toBe('/withdrawn/');
  });

  it('needs the external flag for another site, and refuses credentials, other schemes and control characters', async () => {
    const db = t.database.db;
    await expect(
      redirects.add(db, { from: '/out/', to: 'https://elsewhere.example/story', at: TEST_NOW }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { to: expect.stringMatching(/external/) as unknown },
    });
    for (const bad of [
      'https://user:pw@elsewhere.example/',
      'https://bank.example@evil.example/',
      'javascript:alert(1)//',
      'ftp://elsewhere.example/',
      'https://elsewhere.example/\u0000x',
      'https://elsewhere.example/a b',
      '//elsewhere.example/',
      '/on-site/',
      'https:/\\evil.example',
    ])
      await expect(
        redirects.add(db, { from: '/out/', to: bad, external: true, at: TEST_NOW }),
        bad,
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await redirects.add(db, {
      from: '/out/',
      to: 'https://elsewhere.example/story',
      external: true,
      at: TEST_NOW,
    });
    // A redirect to a path that leaves the site carries the intent along the chain.
    await redirects.add(db, { from: '/out-too/', to: '/out/', status: 302, at: TEST_NOW });
    expect(await table()).toEqual([
      '/out-too/ -> https://elsewhere.example/story 302 ext',
      '/out/ -> https://elsewhere.example/story 301 ext',
    ]);
    const response = await t.app.inject('/out/?a=1');
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('https://elsewhere.example/story?a=1');
    // Typed non-ASCII is stored as a browser sends it, and answered.
    await redirects.add(db, { from: '/café/', to: '/tag/café/', at: TEST_NOW });
    expect((await t.app.inject('/caf%C3%A9/')).headers.location).toBe('/tag/caf%C3%A9/');
  });

  it('lets editors add and delete on the Redirects screen, audited; contributors and authors get 403', async () => {
    for (const role of ['contributor', 'author'] as const) {
      const staff = await signedIn(t, role);
      expect((await staff.get('/admin/redirects')).statusCode).toBe(403);
      expect((await staff.post('/admin/redirects', { from: '/a/', to: '/b/' })).statusCode).toBe(403);
      expect((await staff.post('/admin/redirects/delete', { from: '/a/' })).statusCode).toBe(403);
      expect((await staff.get('/admin/articles')).body).not.toContain('href="/admin/redirects"');
    }
    expect(await table()).toEqual([]);
    const editor = await signedIn(t, 'editor');
    expect((await editor.get('/admin/articles')).body).toContain('href="/admin/redirects"');
    const added = await editor.post('/admin/redirects', {
      from: '/old-story/',
      to: '/new-story/',
      status: '302',
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/admin/redirects?done=added');
    const external = await editor.post('/admin/redirects', {
      from: '/partner/',
      to: 'https://partner.example/',
      external: 'yes',
    });
    expect(external.statusCode).toBe(303);
    expect(await table()).toEqual([
      '/old-story/ -> /new-story/ 302',
      '/partner/ -> https://partner.example/ 301 ext',
    ]);
    const screen = load((await editor.get('/admin/redirects?done=added')).body);
    expect(screen('table.redirects tbody tr')).toHaveLength(2);
    expect(screen('.notice').text()).toBe('Redirect saved.');

    // Refusals come back on the page with what was typed, never a 500.
    const hostile = '/<script>alert(1)</script> "quoted"';
    for (const [form, field] of [
      [{ from: '/x/', to: 'https://elsewhere.example/' }, 'to'],
      [{ from: '/x/', to: '/x/' }, 'to'],
      [{ from: 'no-slash', to: '/y/' }, 'from'],
      [{ from: '/x/', to: '/y/', status: '307' }, 'status'],
      [{ from: hostile, to: '/y/' }, 'from'],
    ] as const) {
      const refused = await editor.post('/admin/redirects', form);
      expect(refused.statusCode, JSON.stringify(form)).toBe(400);
      const $ = load(refused.body);
      expect($(`#error-${field}`).text()).not.toBe('');
      expect($('#field-from').val()).toBe(form.from);
    }
    expect((await editor.post('/admin/redirects', { from: hostile, to: '/y/' })).body).not.toContain(
      '<script>',
    );

    expect((await editor.post('/admin/redirects/delete', { from: '/old-story/' })).headers.location).toBe(
      '/admin/redirects?done=deleted',
    );
    expect((await editor.post('/admin/redirects/delete', { from: '/old-story/' })).statusCode).toBe(404);
    expect(await table()).toEqual(['/partner/ -> https://partner.example/ 301 ext']);
    expect(await audit()).toEqual([
      { action: 'redirect.add', subject: 'redirect:/old-story/', user_id: editor.id },
      { action: 'redirect.add', subject: 'redirect:/partner/', user_id: editor.id },
      { action: 'redirect.delete', subject: 'redirect:/old-story/', user_id: editor.id },
    ]);
  });

  it('pages the list, fifty at a time', async () => {
    for (let i = 0; i < 51; i += 1)
      await redirects.add(t.database.db, {
        from: `/old-${String(i).padStart(2, '0')}/`,
        to: '/new/',
        at: TEST_NOW,
      });
    const editor = await signedIn(t, 'editor');
    const first = load((await editor.get('/admin/redirects')).body);
    expect(first('table.redirects tbody tr')).toHaveLength(50);
    expect(first('a[href="/admin/redirects?page=2"]')).toHaveLength(1);
    const second = load((await editor.get('/admin/redirects?page=2')).body);
    expect(second('table.redirects tbody tr code').first().text()).toBe('/old-50/');
    expect((await editor.get('/admin/redirects?page=3')).statusCode).toBe(404);
  });

  it('answers a path that was a 404 as soon as a redirect is added: 404s are never cached', async () => {
    expect((await t.app.inject('/was-missing/')).statusCode).toBe(404);
    await t.services.redirects.create({ from: '/was-missing/', to: '/elsewhere/', actor: null });
    expect((await t.app.inject('/was-missing/')).statusCode).toBe(301);
  });
});
