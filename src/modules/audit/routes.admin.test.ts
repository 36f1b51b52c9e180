import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { signedIn } from '../../../test/staff.ts';
import { recordAudit } from './repository.ts';

describe.each(DIALECTS)('the audit log screen on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  async function record(count: number, actor: { id: number; name: string } | null) {
    for (let i = 1; i <= count; i += 1)
      await recordAudit(t.database.db, {
        actor,
        action: i % 2 ? 'article.publish' : 'setting.change',
        subject: i % 2 ? `article:${i}` : 'setting:site.title',
        detail: { note: `entry ${i}`, from: '<b>Old</b>' },
        at: new Date(Date.parse(TEST_NOW) + i * 1000).toISOString(),
      });
  }

  it('shows admins who did what to which thing, and when, newest first', async () => {
    await recordAudit(t.database.db, {
      actor: null,
      action: 'article.publish',
      subject: 'article:9',
      at: TEST_NOW,
    });
    // Adding the admin records a line of its own.
    const admin = await signedIn(t, 'admin');
    await record(3, { id: admin.id, name: admin.name });
    const page = await admin.get('/admin/audit');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    const $ = load(page.body);
    const rows = $('table.audit tbody tr');
    expect(rows).toHaveLength(5);
    const first = rows.first().find('td');
    expect(first.eq(0).text()).toBe('2026-11-26 12:00:03 UTC');
    expect(first.eq(1).text()).toBe(admin.name);
    expect(first.eq(2).text()).toBe('article.publish');
    expect(first.eq(3).find('a').attr('href')).toBe('/admin/articles/3/edit');
    expect(first.eq(4).text()).toContain('entry 3');
    // Detail is text, never markup.
    expect(first.eq(4).find('b')).toHaveLength(0);
    expect(first.eq(4).text()).toContain('<b>Old</b>');
    expect(rows.eq(1).find('td').eq(3).text()).toBe('setting:site.title');
    expect(rows.last().find('td').eq(1).text()).toBe('dateline command');
    expect($('a[aria-current=page]').text()).toBe('Audit log');
  });

  it('pages through older entries', async () => {
    const admin = await signedIn(t, 'admin');
    await record(55, { id: admin.id, name: admin.name });
    const $ = load((await admin.get('/admin/audit')).body);
    expect($('table.audit tbody tr')).toHaveLength(50);
    expect($('table.audit tbody tr').first().text()).toContain('entry 55');
    const older = $('a[rel=next]').attr('href');
    expect(older).toMatch(/^\/admin\/audit\?before=\d+$/);
    const $2 = load((await admin.get(older!)).body);
    // Five older entries, and the line that adding the admin recorded.
    expect($2('table.audit tbody tr')).toHaveLength(6);
    expect($2('table.audit tbody tr').first().text()).toContain('entry 5');
    expect($2('table.audit tbody tr').eq(4).text()).toContain('entry 1');
    expect($2('a[rel=next]')).toHaveLength(0);
    // A nonsense cursor starts from the newest entry rather than failing.
    expect((await admin.get('/admin/audit?before=-1%27%20or%201=1')).statusCode).toBe(200);
  });

  it('is for admins only', async () => {
    for (const role of ['contributor', 'author', 'editor'] as const) {
      const person = await signedIn(t, role);
      expect((await person.get('/admin/audit')).statusCode, role).toBe(403);
      // Nor is it offered to them.
      expect(load((await person.get('/admin/profile')).body)('a[href="/admin/audit"]'), role).toHaveLength(0);
    }
    const signedOut = await t.app.inject({
      method: 'GET',
      url: '/admin/audit',
      headers: { accept: 'text/html' },
    });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/admin/sign-in?next=%2Fadmin%2Faudit');
    const asJson = await t.app.inject({
      method: 'GET',
      url: '/admin/audit',
      headers: { accept: 'application/json' },
    });
    expect(asJson.statusCode).toBe(401);
  });
});
