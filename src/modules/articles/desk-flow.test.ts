import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';
import { NOTE_MAX_CHARS, PRESENCE_TTL_MS } from './desk-flow.ts';

// The writing desk's workflow (issue #17): submit for review, the "Ready for review" list, who else
// is editing, refused saves over a newer version with both texts kept, editors' notes that never
// leave the newsroom, and a live article's autosaves kept aside until "Update".
describe.each(DIALECTS)('the desk workflow on %s', (dialect) => {
  let t: TestApp;
  let editor: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    editor = await signedIn(t, 'editor', { name: 'Ines Editor' });
  });

  const article = (id: number) =>
    t.database.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const page = async (staff: SignedIn, url: string) => load((await staff.get(url)).body);
  const versionOf = async (staff: SignedIn, id: number) =>
    (await page(staff, `/admin/articles/${id}/edit`))('input[name=version]').val() as string;
  const button = ($: ReturnType<typeof load>, name: string) =>
    $('button[name=action]').filter((_, b) => $(b).text().trim() === name);

  async function draftBy(staff: SignedIn, overrides: Record<string, string> = {}): Promise<number> {
    const created = await staff.post('/admin/articles', editorForm(staff, overrides));
    expect(created.statusCode).toBe(303);
    return editedId(created.headers.location);
  }

  it('lets a contributor submit a draft for review, audits it, and lists it for the editors', async () => {
    const contributor = await signedIn(t, 'contributor', { name: 'Cato Contributor' });
    const $new = await page(contributor, '/admin/articles/new');
    expect(button($new, 'Submit for review')).toHaveLength(1);
    expect(button($new, 'Publish')).toHaveLength(0);

    const waiting = await draftBy(contributor, { title: 'Lighthouse keepers return', action: 'submit' });
    const other = await draftBy(contributor, { title: 'Still being written' });
    expect(await article(waiting)).toMatchObject({
      status: 'draft',
      review_requested_at: t.clock.now().toISOString(),
    });
    expect((await article(other)).review_requested_at).toBeNull();
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'subject', 'user_id'])
      .where('action', '=', 'article.submit')
      .execute();
    expect(audit).toEqual([
      { action: 'article.submit', subject: `article:${waiting}`, user_id: contributor.id },
    ]);

    const $review = await page(editor, '/admin/articles?status=review');
    const rows = $review('tbody tr');
    expect(rows.map((_, r) => $review(r).attr('data-article-id')).get()).toEqual([String(waiting)]);
    expect(rows.first().text()).toContain('Ready for review');
    expect($review('a[href="/admin/articles?status=review"]').text()).toBe('Ready for review');

    // Only a draft is submitted; a contributor still cannot publish with the submit button's help.
    const refused = await contributor.post(
      `/admin/articles/${waiting}`,
      editorForm(contributor, { action: 'publish', version: await versionOf(contributor, waiting) }),
    );
    expect(refused.statusCode).toBe(403);
  });

  it('shows each article’s status, scheduled time and who is editing it in the list', async () => {
    const id = await draftBy(editor, { title: 'Harbour toll rises' });
    const scheduled = await draftBy(editor, {
      title: 'Ferry strike called off',
      action: 'schedule',
      publish_at: '2027-03-01T09:30',
    });
    const ana = await signedIn(t, 'editor', { name: 'Ana Desk' });
    await ana.get(`/admin/articles/${id}/edit`);
    const $ = await page(editor, '/admin/articles');
    const row = (n: number) => $(`tr[data-article-id="${n}"]`);
    expect(row(id).find('td.editing').text()).toBe('Ana Desk');
    expect(row(scheduled).find('td.editing').text()).toBe('');
    expect(row(scheduled).text()).toContain('scheduled');
    expect(row(scheduled).find('td').eq(1).find('time').attr('datetime')).toBe(
      (await article(scheduled)).published_at,
    );
    // Nobody sees themselves as "editing now".
    expect((await page(ana, '/admin/articles'))(`tr[data-article-id="${id}"] td.editing`).text()).toBe('');
  });

  it('says who else has the article open, and forgets them a minute after their last heartbeat', async () => {
    const id = await draftBy(editor);
    const ana = await signedIn(t, 'editor', { name: 'Ana Desk' });
    expect((await page(ana, `/admin/articles/${id}/edit`))('[data-presence]').attr('hidden')).toBeDefined();
    const $ = await page(editor, `/admin/articles/${id}/edit`);
    expect($('[data-presence]').text()).toBe('Ana Desk is editing this article now.');
    expect($('[data-presence]').attr('hidden')).toBeUndefined();

    const beat = await ana.inject({
      method: 'POST',
      url: `/admin/articles/${id}/presence`,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': ana.csrfToken,
      },
      payload: '{}',
    });
    expect(beat.statusCode).toBe(200);
    expect(beat.json()).toEqual({ editing: ['Ines Editor'] });

    t.clock.advance(PRESENCE_TTL_MS + 1000);
    expect((await page(ana, `/admin/articles/${id}/edit`))('[data-presence]').text()).toBe('');
    // A heartbeat needs the CSRF header, and someone who may edit the article.
    const forged = await ana.inject({
      method: 'POST',
      url: `/admin/articles/${id}/presence`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      payload: '{}',
    });
    expect(forged.statusCode).toBe(403);
    const contributor = await signedIn(t, 'contributor');
    const stranger = await contributor.inject({
      method: 'POST',
      url: `/admin/articles/${id}/presence`,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': contributor.csrfToken,
      },
      payload: '{}',
    });
    expect(stranger.statusCode).toBe(403);
  });

  it('refuses a save over a newer version with a diff, and keeps both texts', async () => {
    const id = await draftBy(editor, { body: 'The ferry leaves at nine.' });
    const ana = await signedIn(t, 'editor', { name: 'Ana Desk' });
    const stale = await versionOf(editor, id);
    expect(await versionOf(ana, id)).toBe(stale);
    expect((await article(id)).version).toBe(1);

    const first = await ana.post(
      `/admin/articles/${id}`,
      editorForm(editor, { body: 'The ferry leaves at ten.', version: stale }),
    );
    expect(first.statusCode).toBe(303);
    expect((await article(id)).version).toBe(2);

    const second = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, { body: 'The ferry leaves at half past nine.', version: stale }),
    );
    expect(second.statusCode).toBe(409);
    const $ = load(second.body);
    // Mine stays in the form; theirs is shown; the diff marks what each has.
    expect($('textarea[name=body]').val()).toBe('The ferry leaves at half past nine.');
    expect($('#conflict-theirs').val()).toBe('The ferry leaves at ten.');
    expect($('[data-conflict] h2').text()).toContain('someone else saved a newer version');
    expect($('[data-conflict]').text()).toContain('Ana Desk');
    const diff = $('[data-conflict] .diff');
    expect(diff.find('del').text()).toContain('ten');
    expect(diff.find('ins').text()).toContain('half past nine');
    // The stored article is theirs; mine is kept on the server as my autosave.
    expect((await article(id)).body_markdown).toBe('The ferry leaves at ten.');
    const kept = await t.database.db
      .selectFrom('article_revisions')
      .select(['kind', 'user_id', 'snapshot'])
      .where('article_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ kind: 'autosave', user_id: editor.id });
    expect((JSON.parse(kept.snapshot) as { fields: { body: string } }).fields.body).toBe(
      'The ferry leaves at half past nine.',
    );
    // Saving the refused form again is a deliberate overwrite, over the version it now carries.
    const again = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, {
        body: 'The ferry leaves at half past nine.',
        version: $('input[name=version]').val() as string,
      }),
    );
    expect(again.statusCode).toBe(303);
    expect(await article(id)).toMatchObject({
      body_markdown: 'The ferry leaves at half past nine.',
      version: 3,
    });
  });

  it('keeps a live article’s autosaves aside until "Update" is pressed', async () => {
    const id = await draftBy(editor, {
      title: 'Tide tables',
      body: 'High tide at seven.',
      action: 'publish',
    });
    const { slug } = await article(id);
    const $ = await page(editor, `/admin/articles/${id}/edit`);
    expect(button($, 'Update')).toHaveLength(1);
    expect(button($, 'Publish')).toHaveLength(0);

    const autosaved = await editor.inject({
      method: 'POST',
      url: `/admin/articles/${id}/autosave`,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': editor.csrfToken,
      },
      payload: JSON.stringify({ ...editorForm(editor), title: 'Tide tables', body: 'High tide at eight.' }),
    });
    expect(autosaved.statusCode).toBe(200);
    const live = async () => (await t.app.inject({ method: 'GET', url: `/${slug}/` })).body;
    expect(await live()).toContain('High tide at seven.');
    expect(await live()).not.toContain('High tide at eight.');
    expect((await article(id)).body_markdown).toBe('High tide at seven.');

    const updated = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, {
        title: 'Tide tables',
        body: 'High tide at eight.',
        action: 'publish',
        version: await versionOf(editor, id),
      }),
    );
    expect(updated.statusCode).toBe(303);
    expect(await live()).toContain('High tide at eight.');
  });

  it('keeps editors’ notes in the newsroom: never on the page, a feed, the API or search', async () => {
    const note = 'Check the quote with the harbourmaster zq7note';
    const id = await draftBy(editor, {
      title: 'Harbour dredging begins',
      body: 'Dredgers arrive on Monday.',
    });
    const added = await editor.post(`/admin/articles/${id}/notes`, { _csrf: editor.csrfToken, note });
    expect(added.statusCode).toBe(303);
    const $ = await page(editor, `/admin/articles/${id}/edit`);
    expect($('.desk-notes .note-body').text()).toBe(note);
    expect($('.desk-notes .note-meta').text()).toContain('Ines Editor');

    // A note too long comes back in its box, as typed.
    const long = 'x'.repeat(NOTE_MAX_CHARS + 1);
    const refused = await editor.post(`/admin/articles/${id}/notes`, { _csrf: editor.csrfToken, note: long });
    expect(refused.statusCode).toBe(400);
    expect(load(refused.body)('textarea[name=note]').val()).toBe(long);

    // The author sees the notes; only editors add them.
    const author = await signedIn(t, 'author');
    const own = await draftBy(author);
    await editor.post(`/admin/articles/${own}/notes`, {
      _csrf: editor.csrfToken,
      note: 'Tighten the intro.',
    });
    const $own = await page(author, `/admin/articles/${own}/edit`);
    expect($own('.desk-notes .note-body').text()).toBe('Tighten the intro.');
    expect($own('textarea[name=note]')).toHaveLength(0);
    expect(
      (await author.post(`/admin/articles/${own}/notes`, { _csrf: author.csrfToken, note: 'Mine' }))
        .statusCode,
    ).toBe(403);

    // Published, the article's every public face leaves the note out.
    const published = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, {
        title: 'Harbour dredging begins',
        body: 'Dredgers arrive on Monday.',
        action: 'publish',
        version: await versionOf(editor, id),
      }),
    );
    expect(published.statusCode).toBe(303);
    const { slug } = await article(id);
    const faces = [
      `/${slug}/`,
      '/',
      '/feed/',
      `/api/v1/articles/${slug}`,
      '/api/v1/articles',
      '/search?q=dredging',
    ];
    for (const url of faces) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeLessThan(400);
      expect(response.body, url).not.toContain('zq7note');
    }
    expect((await t.app.inject({ method: 'GET', url: `/${slug}/` })).body).toContain('Dredgers arrive');
  });
});
