import { load } from 'cheerio';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';
import { multipartBody } from '../../../test/multipart.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';

const profile = (overrides: Record<string, string> = {}) => ({
  name: 'Ada Quill',
  slug: 'ada-quill',
  bio: 'Ada covers the courts.',
  website: 'https://ada.example/',
  avatar_url: '',
  ...overrides,
});

describe.each(DIALECTS)('author profiles on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const authorRow = (id: number) =>
    t.database.db.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('shows the owner their profile form with every label', async () => {
    const me = await signedIn(t, 'contributor');
    const page = await me.get('/admin/profile');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    const $ = load(page.body);
    for (const [id, label] of [
      ['field-name', 'Name'],
      ['field-slug', 'Slug'],
      ['field-bio', 'Bio'],
      ['field-website', 'Website'],
      ['field-avatar_url', 'Avatar URL'],
    ])
      expect($(`label[for=${id}]`).text(), id).toBe(label);
    expect($('#field-name').val()).toBe(me.name);
    // Contributors upload images too (issue #17), so they are offered the file input.
    expect($('#field-avatar')).toHaveLength(1);
    expect($('a[aria-current=page]').text()).toBe('Profile');
  });

  it('saves the owner’s profile and drops the cached author page and article pages', async () => {
    const me = await signedIn(t, 'author');
    const article = await buildArticle(t.services, { authors: [me.authorSlug] });
    // Warm the cache: both pages now come from memory until something drops them.
    expect((await t.app.inject(`/author/${me.authorSlug}/`)).statusCode).toBe(200);
    expect((await t.app.inject(`/${article.slug}/`)).statusCode).toBe(200);
    expect((await t.app.inject(`/${article.slug}/`)).headers['x-dateline-cache']).toBe('hit');
    expect((await t.app.inject(`/author/${me.authorSlug}/`)).headers['x-dateline-cache']).toBe('hit');

    const saved = await me.post(
      '/admin/profile',
      profile({ slug: me.authorSlug, bio: 'Now on the night desk.' }),
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/profile?saved');
    expect((await me.get('/admin/profile?saved')).body).toContain('Profile saved.');
    expect(await authorRow(me.authorId)).toMatchObject({
      name: 'Ada Quill',
      bio: 'Now on the night desk.',
      website: 'https://ada.example/',
      avatar_url: null,
    });

    const authorPage = await t.app.inject(`/author/${me.authorSlug}/`);
    expect(authorPage.headers['x-dateline-cache']).toBe('miss');
    expect(authorPage.body).toContain('Now on the night desk.');
    const articlePage = await t.app.inject(`/${article.slug}/`);
    expect(articlePage.headers['x-dateline-cache']).toBe('miss');
    expect(articlePage.body).toContain('Now on the night desk.');
    expect(articlePage.body).toContain('About Ada Quill');

    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'author.edit')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: me.id, subject: `author:${me.authorId}` });
  });

  it('moves the author page when the slug changes', async () => {
    const me = await signedIn(t, 'contributor');
    // A staff profile is public once it has a published article.
    await buildArticle(t.services, { authors: [me.authorSlug] });
    expect((await me.post('/admin/profile', profile({ slug: 'ada-quill' }))).statusCode).toBe(303);
    expect((await t.app.inject('/author/ada-quill/')).statusCode).toBe(200);
    expect((await t.app.inject(`/author/${me.authorSlug}/`)).statusCode).toBe(404);
  });

  it('refuses a slug another author has, keeping everything typed', async () => {
    const me = await signedIn(t, 'author');
    await buildAuthor(t.services, { slug: 'taken-slug' });
    const response = await me.post(
      '/admin/profile',
      profile({ slug: 'taken-slug', bio: 'My <b>unsaved</b> bio', website: 'https://mine.example/' }),
    );
    expect(response.statusCode).toBe(409);
    const $ = load(response.body);
    expect($('#error-slug').text()).toContain('Another author has this slug');
    expect($('#field-slug').val()).toBe('taken-slug');
    expect($('#field-bio').text()).toBe('My <b>unsaved</b> bio');
    expect($('#field-website').val()).toBe('https://mine.example/');
    expect((await authorRow(me.authorId)).slug).toBe(me.authorSlug);
  });

  it('names each bad field and keeps the text', async () => {
    const me = await signedIn(t, 'author');
    const response = await me.post(
      '/admin/profile',
      profile({ name: '', slug: 'Not A Slug', website: 'javascript:alert(1)', avatar_url: 'ftp://x/y.png' }),
    );
    expect(response.statusCode).toBe(400);
    const $ = load(response.body);
    expect($('#error-name').text()).not.toBe('');
    expect($('#error-slug').text()).toContain('lowercase');
    expect($('#error-website').text()).toContain('https://');
    expect($('#error-avatar_url').text()).not.toBe('');
    expect($('#field-slug').val()).toBe('Not A Slug');
    expect($('#field-website').val()).toBe('javascript:alert(1)');
    expect((await authorRow(me.authorId)).name).toBe(me.name);
  });

  it('takes an uploaded avatar in the same form, as multipart', async () => {
    const me = await signedIn(t, 'author');
    await buildArticle(t.services, { authors: [me.authorSlug] });
    const picture = await sharp({ create: { width: 600, height: 600, channels: 3, background: '#0a8' } })
      .png()
      .toBuffer();
    const body = multipartBody({ _csrf: me.csrfToken, ...profile({ slug: me.authorSlug }) }, [
      { name: 'avatar', filename: 'me.png', contentType: 'image/png', bytes: picture },
    ]);
    const response = await me.inject({
      method: 'POST',
      url: '/admin/profile',
      headers: body.headers,
      payload: body.payload,
    });
    expect(response.statusCode).toBe(303);
    const avatar = (await authorRow(me.authorId)).avatar_url;
    expect(avatar).toMatch(/^\/uploads\/[0-9a-f]{2}\/[0-9a-f]{28}\/w240\.webp$/);
    const served = await t.app.inject(avatar!);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect((await t.app.inject(`/author/${me.authorSlug}/`)).body).toContain(avatar!);
  });

  it('refuses a multipart profile form without its CSRF token, and a text file as avatar', async () => {
    const me = await signedIn(t, 'author');
    const noToken = multipartBody(profile({ slug: me.authorSlug, bio: 'forged' }));
    const forged = await me.inject({
      method: 'POST',
      url: '/admin/profile',
      headers: noToken.headers,
      payload: noToken.payload,
    });
    expect(forged.statusCode).toBe(403);
    expect((await authorRow(me.authorId)).bio).not.toBe('forged');

    const notImage = multipartBody(
      { _csrf: me.csrfToken, ...profile({ slug: me.authorSlug, bio: 'kept' }) },
      [{ name: 'avatar', filename: 'me.png', contentType: 'image/png', bytes: Buffer.from('hello') }],
    );
    const refused = await me.inject({
      method: 'POST',
      url: '/admin/profile',
      headers: { ...notImage.headers, accept: 'text/html' },
      payload: notImage.payload,
    });
    expect(refused.statusCode).toBe(415);
    const $ = load(refused.body);
    expect($('#error-avatar').text()).toContain('not an image');
    expect($('#field-bio').text()).toBe('kept');
  });

  it('refuses a form without the CSRF token', async () => {
    const me = await signedIn(t, 'author');
    expect((await me.post('/admin/profile', { ...profile(), _csrf: 'wrong' })).statusCode).toBe(403);
  });

  it('lets no one else but an admin edit a profile', async () => {
    const owner = await signedIn(t, 'author');
    for (const role of ['contributor', 'author', 'editor'] as const) {
      const other: SignedIn = await signedIn(t, role);
      expect((await other.get(`/admin/authors/${owner.authorId}/edit`)).statusCode, role).toBe(403);
      const post = await other.post(`/admin/authors/${owner.authorId}/edit`, profile({ bio: `by ${role}` }));
      expect(post.statusCode, role).toBe(403);
      expect((await other.get('/admin/authors')).statusCode, role).toBe(403);
    }
    expect((await authorRow(owner.authorId)).bio).not.toContain('by ');

    // The owner may use the admin address for their own profile too.
    expect((await owner.get(`/admin/authors/${owner.authorId}/edit`)).statusCode).toBe(200);

    const admin = await signedIn(t, 'admin');
    const list = await admin.get('/admin/authors');
    expect(list.statusCode).toBe(200);
    expect(load(list.body)(`a[href="/admin/authors/${owner.authorId}/edit"]`).text()).toBe('Edit');
    const form = await admin.get(`/admin/authors/${owner.authorId}/edit`);
    expect(form.statusCode).toBe(200);
    expect(load(form.body)('form[enctype]').attr('action')).toBe(`/admin/authors/${owner.authorId}/edit`);
    const saved = await admin.post(
      `/admin/authors/${owner.authorId}/edit`,
      profile({ slug: owner.authorSlug, bio: 'Edited by the desk.' }),
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/admin/authors/${owner.authorId}/edit?saved`);
    expect((await authorRow(owner.authorId)).bio).toBe('Edited by the desk.');
    expect((await admin.get('/admin/authors/999999/edit')).statusCode).toBe(404);
    expect((await admin.get('/admin/authors/abc/edit')).statusCode).toBe(404);
  });

  it('sends signed-out visitors to sign in, and refuses their posts', async () => {
    const owner = await signedIn(t, 'author');
    for (const url of ['/admin/profile', '/admin/authors', `/admin/authors/${owner.authorId}/edit`]) {
      const page = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(page.statusCode, url).toBe(303);
      expect(page.headers.location, url).toMatch(/^\/admin\/sign-in/);
    }
    for (const url of ['/admin/profile', `/admin/authors/${owner.authorId}/edit`]) {
      const post = await t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(profile()).toString(),
      });
      expect(post.statusCode, url).toBe(401);
    }
  });
});
