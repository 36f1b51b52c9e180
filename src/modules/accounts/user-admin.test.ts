// Managing accounts in the newsroom: disable, enable, role, sign out everywhere; the last admin;
// idle sessions; pruning; and the password rules on every form that sets a password.
import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { formBody, signedIn, type SignedIn } from '../../../test/staff.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const HOUR = 3_600_000;

describe.each(DIALECTS)('managing accounts on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());
  beforeEach(() => t.reset());

  const signIn = (email: string, password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/admin/sign-in',
      headers: form,
      payload: formBody({ email, password }),
    });
  const isSignedIn = async (who: SignedIn) => (await who.get('/admin/password')).statusCode === 200;
  const audit = () =>
    t.database.db
      .selectFrom('audit_log')
      .select(['action', 'subject', 'user_name', 'detail'])
      .orderBy('id')
      .execute();

  it('disables an account, ending its sessions at once, and enables it again', async () => {
    const admin = await signedIn(t, 'admin');
    const author = await signedIn(t, 'author');
    const disabled = await admin.post(`/admin/users/${author.id}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.body).toContain('is disabled and signed out everywhere');
    const row = load(disabled.body)(`form[action="/admin/users/${author.id}/enable"]`).closest('tr');
    expect(row.text()).toContain('Disabled');
    expect(await isSignedIn(author)).toBe(false);
    expect((await signIn(author.email, author.password)).statusCode).toBe(401);

    expect((await admin.post(`/admin/users/${author.id}/enable`)).statusCode).toBe(200);
    expect((await signIn(author.email, author.password)).statusCode).toBe(303);
    expect(
      (await audit())
        .filter((a) => a.subject === `user:${author.id}` && a.action !== 'user.add')
        .map((a) => [a.action, a.user_name]),
    ).toEqual([
      ['user.disable', admin.name],
      ['user.enable', admin.name],
    ]);
  });

  it('changes a role, which open sessions carry from their next request', async () => {
    const admin = await signedIn(t, 'admin');
    const author = await signedIn(t, 'author');
    expect((await author.get('/admin/comments')).statusCode).toBe(403);
    const changed = await admin.post(`/admin/users/${author.id}/role`, { role: 'editor' });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('is now an editor');
    expect((await author.get('/admin/comments')).statusCode).toBe(200);
    const [line] = (await audit()).filter((a) => a.action === 'user.role');
    expect(JSON.parse(line!.detail)).toMatchObject({ from: 'author', to: 'editor' });

    const bad = await admin.post(`/admin/users/${author.id}/role`, { role: 'owner' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('contributor, author, editor or admin');
    for (const url of [
      '/admin/users/999999/role',
      '/admin/users/99999999999/disable',
      '/admin/users/x/enable',
    ])
      expect((await admin.post(url, { role: 'editor' })).statusCode, url).toBe(404);
  });

  it('signs an account out of every browser', async () => {
    const admin = await signedIn(t, 'admin');
    const editor = await signedIn(t, 'editor');
    expect((await signIn(editor.email, editor.password)).statusCode).toBe(303);
    const page = load((await admin.get('/admin/users')).body);
    expect(page(`form[action="/admin/users/${editor.id}/sign-out"]`).closest('tr').text()).toContain(
      '2 browsers',
    );
    const ended = await admin.post(`/admin/users/${editor.id}/sign-out`);
    expect(ended.body).toContain('signed out of 2 browsers');
    expect(await isSignedIn(editor)).toBe(false);
    expect(await isSignedIn(admin)).toBe(true);
    expect((await audit()).map((a) => a.action)).toContain('user.sign-out');
  });

  it('keeps the last admin who can sign in an admin, and enabled', async () => {
    const admin = await signedIn(t, 'admin');
    for (const [url, body] of [
      [`/admin/users/${admin.id}/disable`, {}],
      [`/admin/users/${admin.id}/role`, { role: 'editor' }],
    ] as const) {
      const refused = await admin.post(url, body);
      expect(refused.statusCode, url).toBe(409);
      expect(refused.body).toContain('last admin');
    }
    expect(await isSignedIn(admin)).toBe(true);
    // An invited admin who has no password yet is no one to hand over to.
    await t.services.accounts.addUser({ email: 'later@example.com', name: 'Later', role: 'admin' });
    expect((await admin.post(`/admin/users/${admin.id}/role`, { role: 'editor' })).statusCode).toBe(409);
    // With a second admin, the first may step down.
    await signedIn(t, 'admin');
    expect((await admin.post(`/admin/users/${admin.id}/role`, { role: 'editor' })).statusCode).toBe(200);
    expect((await admin.get('/admin/users')).statusCode).toBe(403);
  });

  it('lets only admins manage accounts, and only with the form token', async () => {
    const admin = await signedIn(t, 'admin');
    const editor = await signedIn(t, 'editor');
    expect((await editor.post(`/admin/users/${admin.id}/disable`)).statusCode).toBe(403);
    expect((await editor.post(`/admin/users/${editor.id}/role`, { role: 'admin' })).statusCode).toBe(403);
    const forged = await admin.post(`/admin/users/${editor.id}/disable`, { _csrf: 'not-it' });
    expect(forged.statusCode).toBe(403);
    expect(await isSignedIn(editor)).toBe(true);
  });

  it('ends a session after the idle timeout, counted from its last use, and within 14 days anyway', async () => {
    const staff = await signedIn(t, 'editor');
    t.clock.advance(11 * HOUR);
    expect(await isSignedIn(staff)).toBe(true);
    t.clock.advance(11 * HOUR);
    expect(await isSignedIn(staff)).toBe(true);
    t.clock.advance(12 * HOUR + 60_000);
    expect(await isSignedIn(staff)).toBe(false);

    // The setting shortens it.
    await t.services.settings.update({ 'staff.session_idle_hours': 1 });
    const other = await signedIn(t, 'author');
    t.clock.advance(HOUR / 2);
    expect(await isSignedIn(other)).toBe(true);
    t.clock.advance(HOUR + 60_000);
    expect(await isSignedIn(other)).toBe(false);

    // Used every few hours, a session still ends 14 days after sign-in.
    await t.services.settings.update({ 'staff.session_idle_hours': 12 });
    const busy = await signedIn(t, 'author');
    for (let hours = 0; hours < 14 * 24 - 6; hours += 6) {
      t.clock.advance(6 * HOUR);
      expect(await isSignedIn(busy), `after ${hours + 6} hours`).toBe(true);
    }
    t.clock.advance(12 * HOUR);
    expect(await isSignedIn(busy)).toBe(false);
  });

  it('prunes expired and idle sessions and sign-in attempts older than a day', async () => {
    const fresh = await signedIn(t, 'editor');
    await signedIn(t, 'author');
    await signIn('nobody@example.com', 'a wrong guess');
    t.clock.advance(13 * HOUR);
    expect(await isSignedIn(fresh)).toBe(false);
    const kept = await signedIn(t, 'author');
    await signIn('nobody@example.com', 'a later wrong guess');
    t.clock.advance(11.5 * HOUR);
    expect(await isSignedIn(kept)).toBe(true);
    const pruned = await t.services.accounts.prune();
    expect(pruned).toEqual({ sessions: 2, attempts: 2 });
    expect(await t.database.db.selectFrom('sessions').select('user_id').execute()).toEqual([
      { user_id: kept.id },
    ]);
    expect(await t.database.db.selectFrom('sign_in_attempts').select('key').execute()).toHaveLength(2);
  });

  it('asks every new password for 12 characters and no common password, keeping what was typed', async () => {
    const owner = await t.services.accounts.ownerLinkIfNoUsers();
    for (const [password, problem] of [
      ['eleven char', 'at least 12 characters'],
      ['LeaveMeAlone', 'common passwords'],
    ] as const) {
      const response = await t.app.inject({
        method: 'POST',
        url: owner!,
        headers: form,
        payload: formBody({ name: 'Ada Owner', email: 'ada@example.com', password }),
      });
      expect(response.statusCode, password).toBe(400);
      expect(response.body).toContain(problem);
      expect(response.body).toContain('value="Ada Owner"');
      expect(response.body).toContain('value="ada@example.com"');
      expect(response.body).not.toContain(password);
    }
    const staff = await signedIn(t, 'author');
    const common = await staff.post('/admin/password', {
      current_password: staff.password,
      new_password: 'qwerty123456',
    });
    expect(common.statusCode).toBe(400);
    expect(common.body).toContain('common passwords');
    await expect(
      t.services.accounts.addUser({
        email: 'x@example.com',
        name: 'X',
        role: 'author',
        password: 'ten chars!',
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { password: expect.stringContaining('12') as string },
    });
  });
});
