import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { buildArticle } from '../../../test/factories.ts';
import { signedIn } from '../../../test/staff.ts';

/** Every reader surface that could show an author. */
async function traces(t: TestApp, slug: string) {
  const [page, feed, api, apiList, sitemap, index] = await Promise.all([
    t.app.inject(`/author/${slug}/`),
    t.app.inject(`/author/${slug}/feed/`),
    t.app.inject(`/api/v1/authors/${slug}`),
    t.app.inject('/api/v1/authors'),
    t.app.inject('/sitemaps/authors-1.xml'),
    t.app.inject('/sitemap.xml'),
  ]);
  expect(index.statusCode).toBe(200);
  return {
    page: page.statusCode,
    feed: feed.statusCode,
    api: api.statusCode,
    inApiList: apiList.body.includes(`"${slug}"`),
    inSitemap: sitemap.body.includes(`/author/${slug}/`),
  };
}

const hidden = { page: 404, feed: 404, api: 404, inApiList: false, inSitemap: false };
const shown = { page: 200, feed: 200, api: 200, inApiList: true, inSitemap: true };

describe.each(DIALECTS)('which authors are public on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  it('keeps a staff profile private until its first article is published', async () => {
    const writer = await signedIn(t, 'author');
    expect(await traces(t, writer.authorSlug)).toEqual(hidden);
    // A draft does not make them public.
    const draft = await writer.post('/admin/articles', editorForm(writer, { tags: '' }));
    const id = editedId(draft.headers.location);
    expect(await traces(t, writer.authorSlug)).toEqual(hidden);
    const version = load((await writer.get(`/admin/articles/${id}/edit`)).body)('input[name=version]').val();
    const published = await writer.post(
      `/admin/articles/${id}`,
      editorForm(writer, { tags: '', action: 'publish', version: String(version) }),
    );
    expect(published.statusCode, published.body.slice(0, 300)).toBe(303);
    expect(await traces(t, writer.authorSlug)).toEqual(shown);
  });

  it('keeps invited and admin-only accounts private, until an admin makes the profile public', async () => {
    const admin = await signedIn(t, 'admin');
    const { id: invitedId } = await t.services.accounts.addUser({
      name: 'Invited Person',
      email: 'invited@example.com',
      role: 'author',
    });
    const invited = (await t.services.accounts.listUsers()).find((u) => u.id === invitedId);
    const invitedAuthor = await t.database.db
      .selectFrom('authors')
      .where('id', '=', invited!.author_id!)
      .select(['id', 'slug'])
      .executeTakeFirstOrThrow();
    // Someone public, so that the lists have something in them.
    await buildArticle(t.services);
    expect(await traces(t, admin.authorSlug)).toEqual(hidden);
    expect(await traces(t, invitedAuthor.slug)).toEqual(hidden);

    const form = load((await admin.get(`/admin/authors/${invitedAuthor.id}/edit`)).body);
    expect(form('#field-is_public').attr('checked')).toBeUndefined();
    const fields = {
      name: 'Invited Person',
      slug: invitedAuthor.slug,
      bio: '',
      website: '',
      avatar_url: '',
      is_public_shown: '1',
    };
    const made = await admin.post(`/admin/authors/${invitedAuthor.id}/edit`, { ...fields, is_public: '1' });
    expect(made.statusCode).toBe(303);
    expect(await traces(t, invitedAuthor.slug)).toEqual(shown);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .where('subject', '=', `author:${invitedAuthor.id}`)
      .select('detail')
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail) as { changed: string[] }).at(-1)?.changed).toContain(
      'is_public',
    );
    // And private again: the cached page and lists drop it.
    expect((await admin.post(`/admin/authors/${invitedAuthor.id}/edit`, fields)).statusCode).toBe(303);
    expect(await traces(t, invitedAuthor.slug)).toEqual(hidden);
  });

  it('does not let a non-admin make their own profile public', async () => {
    const writer = await signedIn(t, 'author');
    const form = load((await writer.get('/admin/profile')).body);
    expect(form('#field-is_public')).toHaveLength(0);
    await writer.post('/admin/profile', {
      name: writer.name,
      slug: writer.authorSlug,
      bio: '',
      website: '',
      avatar_url: '',
      is_public_shown: '1',
      is_public: '1',
    });
    expect(await traces(t, writer.authorSlug)).toEqual(hidden);
  });
});
