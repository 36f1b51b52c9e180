import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';
import { formBody, signedIn } from '../../../test/staff.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());
  beforeEach(() => t.reset());

  const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/admin/sign-in',
      headers: { ...form, ...headers },
      payload: formBody({ email, password }),
    });

  describe('a new install', () => {
    it('has no usable account until the owner uses the one-time link, which works once', async () => {
      expect(await t.services.accounts.countUsers()).toBe(0);
      expect((await signIn('admin@example.com', 'admin')).statusCode).toBe(401);
      const path = await t.services.accounts.ownerLinkIfNoUsers();
      expect(path).toMatch(/^\/admin\/welcome\/[\w-]{40,}$/);
      const page = await t.app.inject({ url: path!, headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Create the owner account');

      const short = await t.app.inject({
        method: 'POST',
        url: path!,
        headers: form,
        payload: formBody({ name: 'Ada Owner', email: 'owner@example.com', password: 'short' }),
      });
      expect(short.statusCode).toBe(400);
      // What was typed survives the error (the password is never echoed).
      expect(short.body).toContain('value="Ada Owner"');
      expect(short.body).toContain('value="owner@example.com"');

      const created = await t.app.inject({
        method: 'POST',
        url: path!,
        headers: form,
        payload: formBody({
          name: 'Ada Owner',
          email: 'owner@example.com',
          password: 'a long enough secret',
        }),
      });
      expect(created.statusCode).toBe(303);
      expect(String(created.headers['set-cookie'])).toContain('dateline_session=');
      const users = await t.services.accounts.listUsers();
      expect(users.map((u) => [u.email, u.role])).toEqual([['owner@example.com', 'admin']]);

      const again = await t.app.inject({
        method: 'POST',
        url: path!,
        headers: form,
        payload: formBody({ name: 'Mallory', email: 'm@example.com', password: 'another long secret' }),
      });
      expect(again.statusCode).toBe(410);
      expect(await t.services.accounts.countUsers()).toBe(1);
      expect(await t.services.accounts.ownerLinkIfNoUsers()).toBeUndefined();
      expect((await signIn('owner@example.com', 'a long enough secret')).statusCode).toBe(303);
    });

    it('retires the previous owner link when a new one is made', async () => {
      const first = await t.services.accounts.ownerLinkIfNoUsers();
      const second = await t.services.accounts.ownerLinkIfNoUsers();
      expect((await t.app.inject({ url: first!, headers: { accept: 'text/html' } })).statusCode).toBe(410);
      expect((await t.app.inject({ url: second!, headers: { accept: 'text/html' } })).statusCode).toBe(200);
    });
  });

  describe('invitations', () => {
    it('makes an account that cannot sign in until its link sets a password', async () => {
      const added = await t.services.accounts.addUser({
        email: 'New.Reporter@Example.com',
        name: 'New Reporter',
        role: 'contributor',
      });
      expect(added.invitationPath).toMatch(/^\/admin\/welcome\//);
      expect((await signIn('new.reporter@example.com', '')).statusCode).toBe(401);
      const set = await t.app.inject({
        method: 'POST',
        url: added.invitationPath!,
        headers: form,
        payload: formBody({ password: 'my own long password' }),
      });
      expect(set.statusCode).toBe(303);
      expect((await signIn('new.reporter@example.com', 'my own long password')).statusCode).toBe(303);
      // The account writes as an author profile of its own: private until it has published work
      // (public-authors.test.ts), and then it shows no email in public.
      const [user] = await t.services.accounts.listUsers();
      expect((await t.app.inject(`/author/${user!.author_slug}/`)).statusCode).toBe(404);
      await buildArticle(t.services, { authors: [user!.author_slug] });
      const authorPage = await t.app.inject(`/author/${user!.author_slug}/`);
      expect(authorPage.statusCode).toBe(200);
      expect(authorPage.body).not.toContain('new.reporter@example.com');
    });
  });

  describe('sign-in', () => {
    it('sets an HttpOnly, SameSite=Lax session cookie scoped to /admin that expires', async () => {
      const staff = await signedIn(t, 'editor');
      const response = await signIn(staff.email, staff.password);
      const cookie = String(response.headers['set-cookie']);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\/admin/);
      expect(cookie).toMatch(/Max-Age=\d+/);
      expect(cookie).not.toMatch(/Secure/);
    });

    it('answers a wrong password and an unknown account alike', async () => {
      const staff = await signedIn(t, 'author');
      const wrong = await signIn(staff.email, 'not the password');
      const unknown = await signIn('nobody@example.com', 'not the password');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      const strip = (body: string, email: string) => body.replaceAll(email, 'EMAIL');
      expect(strip(wrong.body, staff.email)).toBe(strip(unknown.body, 'nobody@example.com'));
      expect(wrong.headers['set-cookie']).toBeUndefined();
      // The email typed is kept for another try.
      expect(wrong.body).toContain(`value="${staff.email}"`);
    });

    it('throttles one account after five failures, even with the right password', async () => {
      const staff = await signedIn(t, 'author');
      for (let i = 0; i < 5; i += 1) expect((await signIn(staff.email, `guess ${i}`)).statusCode).toBe(401);
      const blocked = await signIn(staff.email, staff.password);
      expect(blocked.statusCode).toBe(429);
      // The window passes and the account opens again.
      t.clock.advance(16 * 60_000);
      expect((await signIn(staff.email, staff.password)).statusCode).toBe(303);
    });

    it('throttles one IP guessing across many accounts, known or not', async () => {
      const staff = await signedIn(t, 'author');
      for (let i = 0; i < 20; i += 1) await signIn(`someone${i}@example.com`, 'guess');
      expect((await signIn(staff.email, staff.password)).statusCode).toBe(429);
    });

    it('sends a signed-out browser to the sign-in page and back, never to another site', async () => {
      const page = await t.app.inject({ url: '/admin/users', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toBe('/admin/sign-in?next=%2Fadmin%2Fusers');
      const api = await t.app.inject({ url: '/admin/users', headers: { accept: 'application/json' } });
      expect(api.statusCode).toBe(401);
      const staff = await signedIn(t, 'admin');
      for (const [next, expected] of [
        ['/admin/users', '/admin/users'],
        ['//evil.example/admin', '/admin/articles'],
        ['https://evil.example/', '/admin/articles'],
        ['/admin/../../x', '/admin/../../x'],
      ] as const) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/admin/sign-in',
          headers: form,
          payload: formBody({ email: staff.email, password: staff.password, next }),
        });
        expect(response.headers.location).toBe(expected);
      }
    });

    it('refuses a sign-in posted from another site', async () => {
      const staff = await signedIn(t, 'admin');
      const response = await signIn(staff.email, staff.password, { origin: 'https://evil.example' });
      expect(response.statusCode).toBe(403);
      expect(response.headers['set-cookie']).toBeUndefined();
    });

    it('ends a session when it expires', async () => {
      const staff = await signedIn(t, 'editor');
      expect((await staff.get('/admin/password')).statusCode).toBe(200);
      t.clock.advance(15 * 24 * 3_600_000);
      expect((await staff.get('/admin/password')).statusCode).toBe(303);
    });
  });

  describe('signed in', () => {
    it('keeps every newsroom page out of shared caches and search engines', async () => {
      const staff = await signedIn(t, 'admin');
      for (const url of ['/admin/password', '/admin/users', '/admin/sign-in']) {
        const response = await staff.get(url);
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['cache-control'], url).toBe('private, no-store');
        expect(response.headers['x-robots-tag'], url).toBe('noindex');
      }
    });

    it('signs out only with the form’s token, and the session is gone afterwards', async () => {
      const staff = await signedIn(t, 'contributor');
      const forged = await staff.post('/admin/sign-out', { _csrf: 'not-the-token' });
      expect(forged.statusCode).toBe(403);
      expect((await staff.get('/admin/password')).statusCode).toBe(200);
      const out = await staff.post('/admin/sign-out');
      expect(out.statusCode).toBe(303);
      expect(out.headers.location).toBe('/admin/sign-in?signed_out');
      expect((await staff.get('/admin/password')).statusCode).toBe(303);
    });

    it('changes the password, signing out the other browsers', async () => {
      const staff = await signedIn(t, 'author');
      const other = await signIn(staff.email, staff.password);
      const otherCookie = /dateline_session=[^;]+/.exec(String(other.headers['set-cookie']))![0];
      const wrong = await staff.post('/admin/password', {
        current_password: 'not it',
        new_password: 'a brand new password',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('is not your current password');
      const ok = await staff.post('/admin/password', {
        current_password: staff.password,
        new_password: 'a brand new password',
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('Your password is changed.');
      expect((await staff.get('/admin/password')).statusCode).toBe(200);
      const otherPage = await t.app.inject({
        url: '/admin/password',
        headers: { cookie: otherCookie, accept: 'text/html' },
      });
      expect(otherPage.statusCode).toBe(303);
      expect((await signIn(staff.email, 'a brand new password')).statusCode).toBe(303);
      expect((await signIn(staff.email, staff.password)).statusCode).toBe(401);
    });
  });

  describe('the users screen', () => {
    it('is for admins only', async () => {
      for (const role of ['contributor', 'author', 'editor'] as const) {
        const staff = await signedIn(t, role);
        expect((await staff.get('/admin/users')).statusCode, role).toBe(403);
        expect(
          (await staff.post('/admin/users', { name: 'X', email: 'x@example.com', role: 'admin' })).statusCode,
          role,
        ).toBe(403);
      }
      expect(await t.services.accounts.listUsers()).toHaveLength(3);
    });

    it('invites someone and shows the one-time link, keeping the typed values on an error', async () => {
      const admin = await signedIn(t, 'admin');
      const invited = await admin.post('/admin/users', {
        name: 'Rui Desk',
        email: 'rui@example.com',
        role: 'editor',
      });
      expect(invited.statusCode).toBe(200);
      expect(invited.body).toMatch(/http:\/\/dateline\.test\/admin\/welcome\/[\w-]+/);
      const duplicate = await admin.post('/admin/users', {
        name: 'Rui Again',
        email: 'rui@example.com',
        role: 'author',
      });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.body).toContain('value="Rui Again"');
      const bad = await admin.post('/admin/users', { name: 'Nobody', email: 'not an email', role: 'owner' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('value="not an email"');
      const rows = await t.database.db.selectFrom('audit_log').select(['action', 'user_name']).execute();
      expect(rows).toContainEqual({ action: 'user.add', user_name: admin.name });
    });

    it('refuses a write without the CSRF token', async () => {
      const admin = await signedIn(t, 'admin');
      const response = await admin.inject({
        method: 'POST',
        url: '/admin/users',
        headers: form,
        payload: formBody({ name: 'Sneaky', email: 'sneaky@example.com', role: 'admin' }),
      });
      expect(response.statusCode).toBe(403);
      expect((await t.services.accounts.listUsers()).map((u) => u.email)).not.toContain('sneaky@example.com');
    });
  });

  describe('the Content-Security-Policy', () => {
    it('is on reader pages (cached too), newsroom pages and error pages, without unsafe-inline', async () => {
      const article = await buildArticle(t.services);
      const staff = await signedIn(t, 'admin');
      const responses = [
        await t.app.inject(`/${article.slug}/`),
        await t.app.inject(`/${article.slug}/`),
        await t.app.inject('/'),
        await t.app.inject('/no-such-page/'),
        await t.app.inject('/feed/'),
        await staff.get('/admin/users'),
        await t.app.inject('/admin/sign-in'),
      ];
      expect(responses[1]!.headers['x-dateline-cache']).toBe('hit');
      for (const response of responses) {
        const csp = String(response.headers['content-security-policy']);
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("style-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toContain('unsafe-inline');
      }
      // And the pages hold nothing that such a policy would block.
      for (const response of [responses[0]!, responses[5]!]) {
        expect(response.body).not.toMatch(/<script(?![^>]*(src=|type="application\/ld\+json"))/);
        expect(response.body).not.toMatch(/<style|style="|\son[a-z]+=/);
      }
    });
  });
});

describe('over https', () => {
  it('marks the session cookie Secure', async () => {
    const t = await buildTestApp('sqlite', { publicUrl: 'https://news.example' });
    try {
      await t.services.accounts.addUser({
        email: 'e@example.com',
        name: 'E',
        role: 'editor',
        password: 'a long password here',
      });
      const response = await t.app.inject({
        method: 'POST',
        url: '/admin/sign-in',
        headers: form,
        payload: formBody({ email: 'e@example.com', password: 'a long password here' }),
      });
      expect(response.statusCode).toBe(303);
      expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await t.close();
    }
  });
});
