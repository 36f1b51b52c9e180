import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { load } from 'cheerio';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';
import { signedIn } from '../../../test/staff.ts';

describe.each(DIALECTS)('the Sections screen, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const slugs = async () =>
    (await t.services.sections.list()).map((s) => (s.parent ? `${s.parent.slug}/` : '') + s.slug);

  it('adds a top-level section and one under it, which then have public pages', async () => {
    const editor = await signedIn(t, 'editor');
    const news = await editor.post('/admin/sections', {
      name: 'News',
      slug: 'news',
      description: 'Town news',
    });
    expect(news.statusCode, news.body.slice(0, 300)).toBe(303);
    expect(news.headers.location).toBe('/admin/sections?done=saved');
    const politics = await editor.post('/admin/sections', {
      name: 'Politics',
      slug: 'politics',
      parent: 'news',
    });
    expect(politics.statusCode).toBe(303);
    expect(await slugs()).toEqual(['news', 'news/politics']);
    expect((await t.app.inject('/section/politics/')).statusCode).toBe(200);

    const screen = load((await editor.get('/admin/sections?done=saved')).body);
    expect(screen('[role=status], .notice').text()).toContain('Section saved.');
    expect(
      screen('table.sections th[scope=row]')
        .map((_, e) => screen(e).text())
        .get(),
    ).toEqual(['News', 'News › Politics']);
    // Only top-level sections are offered as parents: sections nest one level.
    expect(
      screen('#section-parent option')
        .map((_, e) => screen(e).attr('value'))
        .get(),
    ).toEqual(['', 'news']);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('action', 'like', 'section.%')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'section.create', user_id: editor.id },
      { action: 'section.create', user_id: editor.id },
    ]);
  });

  it('keeps what was typed when a section is refused, and says why beside the field', async () => {
    const editor = await signedIn(t, 'editor');
    await editor.post('/admin/sections', { name: 'News', slug: 'news' });
    await editor.post('/admin/sections', { name: 'Politics', slug: 'politics', parent: 'news' });
    const typed = {
      name: 'Council <meetings> & votes',
      slug: 'Council Meetings',
      parent: 'news',
      description: 'Every vote, every week.',
    };
    const refused = await editor.post('/admin/sections', typed);
    expect(refused.statusCode).toBe(400);
    const $ = load(refused.body);
    expect($('#section-name').val()).toBe(typed.name);
    expect($('#section-slug').val()).toBe(typed.slug);
    expect($('#section-description').text()).toBe(typed.description);
    expect($('#section-parent option[selected]').attr('value')).toBe('news');
    expect(refused.body).toContain('lowercase letters');
    // Nesting under a child is refused, naming the rule.
    const deep = await editor.post('/admin/sections', { name: 'Wards', slug: 'wards', parent: 'politics' });
    expect(deep.statusCode).toBe(400);
    expect(deep.body).toContain('nest one level');
    expect(await slugs()).toEqual(['news', 'news/politics']);
  });

  it('deletes only an empty section, and refuses one that holds articles or sections', async () => {
    const editor = await signedIn(t, 'editor');
    await editor.post('/admin/sections', { name: 'News', slug: 'news' });
    await editor.post('/admin/sections', { name: 'Sport', slug: 'sport' });
    await editor.post('/admin/sections', { name: 'Rowing', slug: 'rowing', parent: 'sport' });
    await buildArticle(t.services, { slug: 'regatta-day', section: 'rowing' });

    const withChild = await editor.post('/admin/sections/delete', { slug: 'sport' });
    expect(withChild.statusCode).toBe(400);
    expect(withChild.body).toContain('has sections under it');
    const withArticle = await editor.post('/admin/sections/delete', { slug: 'rowing' });
    expect(withArticle.statusCode).toBe(400);
    expect(withArticle.body).toContain('still holds 1 article');
    const missing = await editor.post('/admin/sections/delete', { slug: 'weather' });
    expect(missing.statusCode).toBe(404);

    const empty = await editor.post('/admin/sections/delete', { slug: 'news' });
    expect(empty.statusCode).toBe(303);
    expect(await slugs()).toEqual(['sport', 'sport/rowing']);
    expect((await t.app.inject('/section/news/')).statusCode).toBe(404);
  });

  it('is open to editors and admins only', async () => {
    for (const role of ['contributor', 'author'] as const) {
      const staff = await signedIn(t, role);
      expect((await staff.get('/admin/sections')).statusCode).toBe(403);
      expect((await staff.post('/admin/sections', { name: 'Sneaky', slug: 'sneaky' })).statusCode).toBe(403);
      expect(load((await staff.get('/admin/articles')).body)('a[href="/admin/sections"]').length).toBe(0);
    }
    expect(await slugs()).toEqual([]);
    const admin = await signedIn(t, 'admin');
    expect((await admin.get('/admin/sections')).statusCode).toBe(200);
    expect(load((await admin.get('/admin/articles')).body)('a[href="/admin/sections"]').length).toBe(1);
  });
});
