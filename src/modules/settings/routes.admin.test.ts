import { load, type CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';
import { formBody, signedIn, type SignedIn } from '../../../test/staff.ts';
import { settingDefinitions } from './definitions.ts';

/** Every named control of the settings form with its current value, as a browser would send it. */
function formValues($: CheerioAPI): Record<string, string> {
  const values: Record<string, string> = {};
  $('form[action="/admin/settings"]')
    .find('input[name], textarea[name], select[name]')
    .each((_, el) => {
      const node = $(el);
      const name = node.attr('name')!;
      if (el.tagName === 'select') values[name] = node.find('option[selected]').attr('value') ?? '';
      else if (el.tagName === 'textarea') values[name] = node.text();
      else values[name] = node.attr('value') ?? '';
    });
  return values;
}

describe.each(DIALECTS)('site settings on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const auditRows = () =>
    t.database.db
      .selectFrom('audit_log')
      .select(['user_id', 'user_name', 'action', 'subject', 'detail'])
      .where('action', '=', 'setting.change')
      .orderBy('id')
      .execute();

  const submit = async (who: SignedIn, changes: Record<string, string>) => {
    const $ = load((await who.get('/admin/settings')).body);
    return who.post('/admin/settings', { ...formValues($), ...changes });
  };

  describe('who may change settings', () => {
    it('lets an admin open and save the page', async () => {
      const admin = await signedIn(t, 'admin');
      const page = await admin.get('/admin/settings');
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('private, no-store');
      const saved = await submit(admin, {});
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe('/admin/settings?saved');
    });

    it.each(['contributor', 'author', 'editor'] as const)('refuses an %s with 403', async (role) => {
      const who = await signedIn(t, role);
      expect((await who.get('/admin/settings')).statusCode).toBe(403);
      expect((await who.post('/admin/settings', { 'site.title': 'Taken over' })).statusCode).toBe(403);
      expect((await t.services.settings.all())['site.title']).toBe('Dateline');
      // The navigation does not offer it either.
      expect(load((await who.get('/admin/articles')).body)('a[href="/admin/settings"]')).toHaveLength(0);
    });

    it('sends a signed-out browser to sign in and answers 401 to a signed-out post', async () => {
      const get = await t.app.inject({ url: '/admin/settings', headers: { accept: 'text/html' } });
      expect(get.statusCode).toBe(303);
      expect(get.headers.location).toBe('/admin/sign-in?next=%2Fadmin%2Fsettings');
      const post = await t.app.inject({
        method: 'POST',
        url: '/admin/settings',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ 'site.title': 'Taken over' }),
      });
      expect(post.statusCode).toBe(401);
      expect((await t.services.settings.all())['site.title']).toBe('Dateline');
    });

    it('refuses a post without the session’s CSRF token with 403', async () => {
      const admin = await signedIn(t, 'admin');
      expect(
        (await admin.post('/admin/settings', { 'site.title': 'Forged', _csrf: 'nope' })).statusCode,
      ).toBe(403);
      const none = await admin.inject({
        method: 'POST',
        url: '/admin/settings',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ 'site.title': 'Forged' }),
      });
      expect(none.statusCode).toBe(403);
      expect((await t.services.settings.all())['site.title']).toBe('Dateline');
      expect(await auditRows()).toEqual([]);
    });
  });

  it('shows every setting with a visible label and hint, the comment rules in their own fieldset', async () => {
    const admin = await signedIn(t, 'admin');
    const $ = load((await admin.get('/admin/settings')).body);
    const labelOf = (key: string) => $(`label[for="${$(`[name="${key}"]`).attr('id')}"]`).text();
    expect(labelOf('site.title')).toBe('Title');
    expect(labelOf('site.description')).toBe('Description');
    expect(labelOf('site.language')).toBe('Language');
    expect(labelOf('site.timezone')).toBe('Timezone');
    expect(labelOf('site.posts_per_page')).toBe('Articles per page');
    for (const key of Object.keys(settingDefinitions)) {
      const control = $(`[name="${key}"]`);
      expect(control, key).toHaveLength(1);
      expect(labelOf(key), key).not.toBe('');
      const hint = $(`#${control.attr('aria-describedby')}`);
      expect(hint.text(), key).toContain(settingDefinitions[key as keyof typeof settingDefinitions].doc);
    }
    const rules = $('fieldset#comment-rules');
    expect(rules.find('legend').text()).toBe('Comment rules');
    const ruleKeys = Object.keys(settingDefinitions).filter((k) => k.startsWith('comments.'));
    expect(
      rules
        .find('[name]')
        .map((_, el) => $(el).attr('name'))
        .get(),
    ).toEqual(ruleKeys);
    expect(formValues($)).toMatchObject({
      'site.title': 'Dateline',
      'site.posts_per_page': '10',
      'comments.first_comment_held': 'true',
      'comments.block_words': '',
    });
  });

  it('changes the title on the public pages at once and audits each changed key', async () => {
    const admin = await signedIn(t, 'admin', { name: 'Ada Admin' });
    await buildArticle(t.services);
    const before = await t.app.inject({ url: '/' });
    expect(before.body).toContain('<title>Dateline');
    expect((await t.app.inject({ url: '/' })).headers['x-dateline-cache']).toBe('hit');

    const response = await submit(admin, {
      'site.title': 'The Harbour Gazette',
      'comments.block_words': 'casino\npills',
      'comments.first_comment_held': 'false',
    });
    expect(response.statusCode).toBe(303);
    const after = await t.app.inject({ url: '/' });
    expect(after.body).toContain('The Harbour Gazette');
    expect(after.body).not.toContain('<title>Dateline');
    const notice = load((await admin.get('/admin/settings?saved')).body);
    expect(notice('[role="status"]').text().trim()).toBe('Settings saved.');
    expect(notice('[name="site.title"]').attr('value')).toBe('The Harbour Gazette');

    const settings = await t.services.settings.all();
    expect(settings['comments.block_words']).toEqual(['casino', 'pills']);
    expect(settings['comments.first_comment_held']).toBe(false);
    // Only the three keys that changed are audited, each with who, from and to.
    const rows = await auditRows();
    expect(
      rows.map((r) => ({
        ...r,
        detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as unknown) : r.detail,
      })),
    ).toEqual([
      {
        user_id: admin.id,
        user_name: 'Ada Admin',
        action: 'setting.change',
        subject: 'setting:site.title',
        detail: { from: 'Dateline', to: 'The Harbour Gazette' },
      },
      {
        user_id: admin.id,
        user_name: 'Ada Admin',
        action: 'setting.change',
        subject: 'setting:comments.block_words',
        detail: { from: [], to: ['casino', 'pills'] },
      },
      {
        user_id: admin.id,
        user_name: 'Ada Admin',
        action: 'setting.change',
        subject: 'setting:comments.first_comment_held',
        detail: { from: true, to: false },
      },
    ]);

    // Saving again without a change writes nothing.
    await submit(admin, {});
    expect(await auditRows()).toHaveLength(3);
  });

  it('refuses bad values with 400, per-field errors and the typed values, and saves nothing', async () => {
    const admin = await signedIn(t, 'admin');
    const response = await submit(admin, {
      'site.title': '   ',
      'site.description': 'A description that was typed and must survive.',
      'site.timezone': 'Mars/Olympus',
      'site.posts_per_page': 'many',
      'comments.max_depth': '99',
    });
    expect(response.statusCode).toBe(400);
    const $ = load(response.body);
    expect($('[name="site.description"]').attr('value')).toBe(
      'A description that was typed and must survive.',
    );
    expect($('[name="site.timezone"]').attr('value')).toBe('Mars/Olympus');
    expect($('[name="site.posts_per_page"]').attr('value')).toBe('many');
    expect($('[name="comments.max_depth"]').attr('value')).toBe('99');
    for (const key of ['site.title', 'site.timezone', 'site.posts_per_page', 'comments.max_depth']) {
      const control = $(`[name="${key}"]`);
      expect(control.attr('aria-invalid'), key).toBe('true');
      const id = control.attr('id')!;
      expect($(`#error-${id}`).text(), key).not.toBe('');
      expect($(`.form-errors a[href="#${id}"]`), key).toHaveLength(1);
    }
    expect($('[name="site.description"]').attr('aria-invalid')).toBeUndefined();
    const settings = await t.services.settings.all();
    expect(settings['site.description']).toBe('Independent news, published with Dateline.');
    expect(settings['site.timezone']).toBe('UTC');
    expect(await auditRows()).toEqual([]);

    // Nonsense shapes are refused or ignored, never a 500.
    const odd: Record<string, string | string[]>[] = [
      { 'site.title': ['A', 'B'] },
      { 'site.posts_per_page': '1e3' },
      { unknown: 'x' },
    ];
    for (const body of odd) {
      const answer = await admin.post('/admin/settings', body);
      expect([303, 400], JSON.stringify(body)).toContain(answer.statusCode);
    }
  });

  it('audits a change from the dateline command with no signed-in person', async () => {
    await t.services.settings.update({ 'site.posts_per_page': '12' });
    const rows = await auditRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      user_id: null,
      user_name: 'dateline command',
      action: 'setting.change',
      subject: 'setting:site.posts_per_page',
    });
    expect((await t.services.settings.all())['site.posts_per_page']).toBe(12);
  });

  it('stores neither the change nor its audit line when either fails', async () => {
    // An actor that is no account breaks the audit line's reference: the change must not land alone.
    await expect(
      t.services.settings.update({ 'site.title': 'Half done' }, { actor: { id: 987_654, name: 'Ghost' } }),
    ).rejects.toThrow();
    expect((await t.services.settings.all())['site.title']).toBe('Dateline');
    expect(await auditRows()).toEqual([]);
  });

  it('is linked from the comments screen for an admin, as "Comment rules"', async () => {
    const admin = await signedIn(t, 'admin');
    const $ = load((await admin.get('/admin/comments')).body);
    expect($('a[href="/admin/settings#comment-rules"]').text()).toBe('Comment rules');
    const editor = await signedIn(t, 'editor');
    expect(load((await editor.get('/admin/comments')).body)('a[href^="/admin/settings"]')).toHaveLength(0);
  });
});
