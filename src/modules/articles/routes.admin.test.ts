import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { formBody, signedIn, type SignedIn } from '../../../test/staff.ts';

describe.each(DIALECTS)('the article editor on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const row = (id: number) =>
    t.database.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  const audit = () =>
    t.database.db.selectFrom('audit_log').select(['action', 'subject', 'user_id']).orderBy('id').execute();

  async function create(staff: SignedIn, overrides: Record<string, string> = {}): Promise<number> {
    const response = await staff.post('/admin/articles', editorForm(staff, overrides));
    expect(response.statusCode, response.body.slice(0, 500)).toBe(303);
    return editedId(response.headers.location);
  }

  async function versionOf(staff: SignedIn, id: number): Promise<string> {
    const page = await staff.get(`/admin/articles/${id}/edit`);
    expect(page.statusCode).toBe(200);
    return load(page.body)('input[name=version]').val() as string;
  }

  it('refuses signed-out people and forms without the CSRF token', async () => {
    for (const url of [
      '/admin/articles',
      '/admin/articles/new',
      '/admin/articles/1/edit',
      '/admin/articles/1/revisions',
    ]) {
      const response = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toMatch(/^\/admin\/sign-in\?next=/);
    }
    for (const url of [
      '/admin/articles',
      '/admin/articles/1',
      '/admin/articles/1/autosave',
      '/admin/articles/preview',
      '/admin/articles/1/delete',
      '/admin/articles/1/revisions/1/restore',
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'title=x',
      });
      expect(response.statusCode, url).toBe(401);
    }
    const editor = await signedIn(t, 'editor');
    const id = await create(editor);
    for (const url of [
      '/admin/articles',
      `/admin/articles/${id}`,
      `/admin/articles/${id}/autosave`,
      '/admin/articles/preview',
      `/admin/articles/${id}/delete`,
    ]) {
      const response = await editor.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ ...editorForm(editor), _csrf: 'forged' }),
      });
      expect(response.statusCode, url).toBe(403);
    }
    expect(await t.database.db.selectFrom('articles').select('id').execute()).toHaveLength(1);
  });

  it('shows the editor with its exact labels, and "Save draft" and "Submit for review" to a contributor', async () => {
    const contributor = await signedIn(t, 'contributor');
    const $c = load((await contributor.get('/admin/articles/new')).body);
    const labels = $c('form.editor label')
      .map((_, el) => $c(el).text())
      .get();
    expect(labels).toEqual(
      expect.arrayContaining([
        'Title',
        'Slug',
        'Standfirst',
        'Body',
        'Tags',
        'Authors',
        'Source name',
        'Source URL',
        'Publish at',
        'Update note',
        'Featured image',
        'Featured image description',
      ]),
    );
    for (const label of labels)
      expect($c(`#${$c(`label:contains("${label}")`).attr('for')}`)).toHaveLength(1);
    const buttons = (html: string) =>
      load(html)('button[name=action]')
        .map((_, el) => load(html)(el).text())
        .get();
    expect(buttons((await contributor.get('/admin/articles/new')).body)).toEqual([
      'Save draft',
      'Submit for review',
      'Preview',
    ]);
    // The Authors field shows people by name, never by slug.
    expect($c('#field-authors').val()).toBe(contributor.name);

    const author = await signedIn(t, 'author');
    expect(buttons((await author.get('/admin/articles/new')).body)).toEqual([
      'Save draft',
      'Publish',
      'Schedule',
      'Preview',
    ]);
    const id = await create(author, { action: 'publish' });
    // On a live article, publishing again is "Update".
    expect(buttons((await author.get(`/admin/articles/${id}/edit`)).body)).toEqual([
      'Update',
      'Unpublish',
      'Preview',
    ]);
  });

  it('lets a contributor write drafts but never publish, schedule or unpublish, even with a forged form', async () => {
    const contributor = await signedIn(t, 'contributor');
    const id = await create(contributor);
    const stored = await row(id);
    expect(stored).toMatchObject({
      status: 'draft',
      created_by: contributor.id,
      slug: 'ferry-timetable-changes-from-monday',
    });
    for (const action of ['publish', 'schedule', 'unpublish']) {
      const version = await versionOf(contributor, id);
      const forged = await contributor.post(
        `/admin/articles/${id}`,
        editorForm(contributor, { action, version, publish_at: '2027-01-01T09:00' }),
      );
      expect(forged.statusCode, action).toBe(403);
      const fresh = await contributor.post(
        '/admin/articles',
        editorForm(contributor, { action, title: `New ${action}` }),
      );
      expect(fresh.statusCode, action).toBe(403);
    }
    expect((await row(id))?.status).toBe('draft');
    expect(await t.database.db.selectFrom('articles').select('id').execute()).toHaveLength(1);

    // Someone else's published article: listed, but not theirs to open, change or delete. Someone
    // else's draft is not even listed (desk-visibility.test.ts).
    const other = await buildArticle(t.services, { status: 'published' });
    const othersDraft = await buildArticle(t.services, { status: 'draft' });
    const list = load((await contributor.get('/admin/articles')).body);
    expect(list(`tr[data-article-id=${other.id}]`).text()).toContain(other.title);
    expect(list(`tr[data-article-id=${othersDraft.id}]`)).toHaveLength(0);
    expect((await contributor.get(`/admin/articles/${othersDraft.id}/edit`)).statusCode).toBe(403);
    expect(list(`tr[data-article-id=${other.id}] a[href="/admin/articles/${other.id}/edit"]`)).toHaveLength(
      0,
    );
    expect(list(`tr[data-article-id=${id}] a[href="/admin/articles/${id}/edit"]`)).toHaveLength(1);
    expect((await contributor.get(`/admin/articles/${other.id}/edit`)).statusCode).toBe(403);
    expect((await contributor.post(`/admin/articles/${other.id}`, editorForm(contributor))).statusCode).toBe(
      403,
    );
    expect((await contributor.post(`/admin/articles/${other.id}/delete`)).statusCode).toBe(403);
    // Their own draft they may delete.
    expect((await contributor.post(`/admin/articles/${id}/delete`)).statusCode).toBe(303);
    expect(await row(id)).toBeUndefined();
  });

  it('lets an author publish their own article but not touch another author’s', async () => {
    const author = await signedIn(t, 'author');
    const id = await create(author, { action: 'publish' });
    expect(await row(id)).toMatchObject({ status: 'published', published_at: '2026-11-26T12:00:00.000Z' });
    expect(
      (await t.app.inject({ method: 'GET', url: '/ferry-timetable-changes-from-monday/' })).statusCode,
    ).toBe(200);
    const other = await buildArticle(t.services);
    expect((await author.get(`/admin/articles/${other.id}/edit`)).statusCode).toBe(403);
    expect(
      (await author.post(`/admin/articles/${other.id}`, editorForm(author, { action: 'unpublish' })))
        .statusCode,
    ).toBe(403);
    expect((await author.post(`/admin/articles/${other.id}/delete`)).statusCode).toBe(403);
    // Only editors put other people's bylines on an article alone; an author may share their own.
    const withoutOwn = await author.post(
      '/admin/articles',
      editorForm(author, { authors: other.authors[0] ?? '' }),
    );
    expect(withoutOwn.statusCode).toBe(400);
    expect(load(withoutOwn.body)('#error-authors').text()).toMatch(/only beside your own/);
    const sharedId = await create(author, {
      title: 'Written together',
      authors: `${author.authorSlug}, ${other.authors[0] ?? ''}`,
    });
    const bylines = await t.database.db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select('authors.slug')
      .where('article_authors.article_id', '=', sharedId)
      .orderBy('article_authors.position')
      .execute();
    expect(bylines.map((b) => b.slug)).toEqual([author.authorSlug, other.authors[0]]);
  });

  it('lets editors and admins edit, publish, unpublish and delete anyone’s article, and audits it', async () => {
    for (const role of ['editor', 'admin'] as const) {
      const contributor = await signedIn(t, 'contributor');
      const id = await create(contributor, { title: `A draft for the ${role}` });
      const staff = await signedIn(t, role);
      const version = await versionOf(staff, id);
      const published = await staff.post(
        `/admin/articles/${id}`,
        editorForm(contributor, {
          title: `A draft for the ${role}`,
          authors: `${contributor.authorSlug}, ${staff.authorSlug}`,
          action: 'publish',
          version,
        }),
      );
      expect(published.statusCode).toBe(303);
      expect(published.headers.location).toBe(`/admin/articles/${id}/edit?saved=published`);
      const unpublished = await staff.post(
        `/admin/articles/${id}`,
        editorForm(contributor, {
          title: `A draft for the ${role}`,
          action: 'unpublish',
          version: await versionOf(staff, id),
        }),
      );
      expect(unpublished.statusCode).toBe(303);
      expect((await row(id))?.status).toBe('unpublished');
      expect((await staff.post(`/admin/articles/${id}/delete`)).statusCode).toBe(303);
      expect(await row(id)).toBeUndefined();
      const lines = (await audit()).filter((l) => l.subject === `article:${id}`);
      expect(lines.map((l) => l.action)).toEqual(['article.publish', 'article.unpublish', 'article.delete']);
      expect(lines.every((l) => l.user_id === staff.id)).toBe(true);
    }
  });

  it('moves an article draft → scheduled → published → unpublished → draft', async () => {
    const editor = await signedIn(t, 'editor');
    const id = await create(editor);
    const step = async (action: string, extra: Record<string, string> = {}) => {
      const response = await editor.post(
        `/admin/articles/${id}`,
        editorForm(editor, { action, version: await versionOf(editor, id), ...extra }),
      );
      expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
      return row(id);
    };
    // The site's zone is UTC unless set; 13:30 Oslo time in winter is 12:30 UTC.
    await t.services.settings.update({ 'site.timezone': 'Europe/Oslo' });
    expect(await step('schedule', { publish_at: '2026-11-26T13:30' })).toMatchObject({
      status: 'scheduled',
      published_at: '2026-11-26T12:30:00.000Z',
    });
    expect(load((await editor.get(`/admin/articles/${id}/edit`)).body)('#field-publish_at').val()).toBe(
      '2026-11-26T13:30',
    );
    expect(await step('publish')).toMatchObject({
      status: 'published',
      published_at: '2026-11-26T12:00:00.000Z',
    });
    expect(await step('unpublish')).toMatchObject({ status: 'unpublished' });
    expect(await step('save')).toMatchObject({ status: 'draft' });
    expect((await audit()).map((l) => l.action).filter((a) => a.startsWith('article.'))).toEqual([
      'article.schedule',
      'article.publish',
      'article.unpublish',
    ]);
  });

  it('refuses to schedule without a future time, keeping every typed value', async () => {
    const editor = await signedIn(t, 'editor');
    const typed = editorForm(editor, {
      action: 'schedule',
      publish_at: '2026-11-25T08:00',
      title: 'Night <buses> & trams',
      body: 'Line one\nLine two',
      source_name: 'Harbour Gazette',
      source_url: 'https://gazette.example/night',
    });
    const response = await editor.post('/admin/articles', typed);
    expect(response.statusCode).toBe(400);
    const $ = load(response.body);
    expect($('#error-publish_at').text()).toMatch(/future/);
    expect($('.form-errors a[href="#field-publish_at"]')).toHaveLength(1);
    expect($('#field-title').val()).toBe('Night <buses> & trams');
    expect($('#field-body').text()).toBe('Line one\nLine two');
    expect($('#field-publish_at').val()).toBe('2026-11-25T08:00');
    expect($('#field-source_url').val()).toBe('https://gazette.example/night');
    expect(await t.database.db.selectFrom('articles').select('id').execute()).toHaveLength(0);
  });

  it('re-renders every value with field errors on bad input, never a 500', async () => {
    const editor = await signedIn(t, 'editor');
    const response = await editor.post(
      '/admin/articles',
      editorForm(editor, {
        title: '  ',
        slug: 'Not A Slug!',
        source_url: 'javascript:alert(1)',
        publish_at: 'tomorrow',
        featured_image_id: 'abc',
        tags: 'Harbour',
        body: 'Kept body',
      }),
    );
    expect(response.statusCode).toBe(400);
    const $ = load(response.body);
    for (const field of ['title', 'slug', 'source_url', 'publish_at', 'featured_image_id'])
      expect($(`#error-${field}`).text(), field).not.toBe('');
    expect($('#field-slug').val()).toBe('Not A Slug!');
    expect($('#field-publish_at').val()).toBe('tomorrow');
    expect($('#field-publish_at').attr('type')).toBe('text');
    expect($('#field-body').text()).toBe('Kept body');
    expect($('#field-title').attr('aria-invalid')).toBe('true');
    // Odd shapes (repeated fields, unknown actions, JSON) are read, not crashed on.
    const odd = await editor.inject({
      method: 'POST',
      url: '/admin/articles',
      headers: { 'content-type': 'application/json', 'x-csrf-token': editor.csrfToken },
      payload: JSON.stringify({ title: ['a', 'b'], body: { x: 1 }, action: 'explode', authors: 42 }),
    });
    expect(odd.statusCode).toBe(400);
  });

  it('makes the slug from the title, keeps it unique, and refuses a taken slug with the text kept', async () => {
    const editor = await signedIn(t, 'editor');
    const first = await create(editor);
    const second = await create(editor);
    expect((await row(first))?.slug).toBe('ferry-timetable-changes-from-monday');
    expect((await row(second))?.slug).toBe('ferry-timetable-changes-from-monday-2');
    const taken = await editor.post(
      '/admin/articles',
      editorForm(editor, { slug: 'ferry-timetable-changes-from-monday', body: 'My own words' }),
    );
    expect(taken.statusCode).toBe(409);
    const $ = load(taken.body);
    expect($('#error-slug').text()).toMatch(/already used/);
    expect($('#field-body').text()).toBe('My own words');
    const reserved = await editor.post('/admin/articles', editorForm(editor, { slug: 'admin' }));
    expect(reserved.statusCode).toBe(400);
  });

  it('answers EDIT_CONFLICT when someone saved after the form was loaded, keeping the text', async () => {
    const editor = await signedIn(t, 'editor');
    const other = await signedIn(t, 'editor');
    const id = await create(editor);
    const stale = await versionOf(editor, id);
    expect(
      (await other.post(`/admin/articles/${id}`, editorForm(editor, { body: 'Their edit', version: stale })))
        .statusCode,
    ).toBe(303);
    const mine = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, { body: 'My edit', version: stale }),
    );
    expect(mine.statusCode).toBe(409);
    const $ = load(mine.body);
    expect($('.form-errors').text()).toMatch(/Someone else saved/);
    expect($('#field-body').text()).toBe('My edit');
    expect((await row(id))?.body_markdown).toBe('Their edit');
    // The re-rendered form carries the newer version: saving it again is a deliberate overwrite.
    const again = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, { body: 'My edit', version: $('input[name=version]').val() as string }),
    );
    expect(again.statusCode).toBe(303);
    expect((await row(id))?.body_markdown).toBe('My edit');
  });

  it('previews the body’s HTML sanitised by the server, with and without script', async () => {
    const contributor = await signedIn(t, 'contributor');
    const fragment = await contributor.post('/admin/articles/preview', {
      body: '<p onclick="x()">Some <em>emphasis</em></p><script>alert(1)</script>',
    });
    expect(fragment.statusCode).toBe(200);
    expect(fragment.body).toBe('<p>Some <em>emphasis</em></p>');
    const page = await contributor.post(
      '/admin/articles',
      editorForm(contributor, { action: 'preview', body: '<p>A <b>bold</b> claim</p>' }),
    );
    expect(page.statusCode).toBe(200);
    const $ = load(page.body);
    expect($('[data-preview-body] strong').text()).toBe('bold');
    // The field keeps what was typed until it is saved.
    expect($('#field-body').text()).toBe('<p>A <b>bold</b> claim</p>');
    expect(await t.database.db.selectFrom('articles').select('id').execute()).toHaveLength(0);
  });

  it('lists articles with filters by status, author and tag, and a search', async () => {
    const editor = await signedIn(t, 'editor');
    await create(editor, { title: 'Bridge repairs begin', tags: 'Roads' });
    await create(editor, { title: 'Ferry strike ends', tags: 'Harbour', action: 'publish' });
    const other = await buildArticle(t.services, { title: 'Market hall reopens', tags: ['Food'] });
    const titles = async (query: string) => {
      const response = await editor.get(`/admin/articles${query}`);
      expect(response.statusCode).toBe(200);
      const $ = load(response.body);
      return $('tbody tr td:first-child a:first-child')
        .map((_, el) => $(el).text())
        .get()
        .sort();
    };
    expect(await titles('')).toEqual(['Bridge repairs begin', 'Ferry strike ends', 'Market hall reopens']);
    expect(await titles('?status=draft')).toEqual(['Bridge repairs begin']);
    expect(await titles('?tag=harbour')).toEqual(['Ferry strike ends']);
    expect(await titles(`?author=${other.authors[0] ?? ''}`)).toEqual(['Market hall reopens']);
    expect(await titles('?q=FERRY')).toEqual(['Ferry strike ends']);
    expect(await titles('?q=100%25')).toEqual([]);
    expect(await titles('?status=bogus&page=x')).toHaveLength(3);
  });
});
