import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { buildArticle } from '../../../test/factories.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';
import { NEWSROOM_LIMITS } from './budget.ts';

describe.each(DIALECTS)('revisions and autosave on %s', (dialect) => {
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
  const revisions = (id: number) =>
    t.database.db
      .selectFrom('article_revisions')
      .select(['id', 'kind', 'user_id', 'snapshot'])
      .where('article_id', '=', id)
      .orderBy('id')
      .execute();

  async function version(staff: SignedIn, id: number): Promise<string> {
    return load((await staff.get(`/admin/articles/${id}/edit`)).body)('input[name=version]').val() as string;
  }

  async function writeTwice(): Promise<number> {
    const created = await editor.post(
      '/admin/articles',
      editorForm(editor, { title: 'Tide tables', body: '<p>High tide at <em>6</em> in the morning.</p>' }),
    );
    const id = editedId(created.headers.location);
    t.clock.advance(60_000);
    const saved = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, {
        title: 'Tide tables for December',
        body: 'High tide at seven in the morning.',
        version: await version(editor, id),
      }),
    );
    expect(saved.statusCode).toBe(303);
    return id;
  }

  it('keeps a revision of every save, the command line’s too, and lists who, when and what kind', async () => {
    const id = await writeTwice();
    const rows = await revisions(id);
    expect(rows.map((r) => [r.kind, r.user_id])).toEqual([
      ['save', editor.id],
      ['save', editor.id],
    ]);
    expect(JSON.parse(rows[1]?.snapshot ?? '{}')).toMatchObject({
      fields: { title: 'Tide tables for December', body: 'High tide at seven in the morning.' },
      status: 'draft',
    });
    const page = await editor.get(`/admin/articles/${id}/revisions`);
    expect(page.statusCode).toBe(200);
    const $ = load(page.body);
    expect($('tbody tr')).toHaveLength(2);
    expect($('tbody tr').first().text()).toContain('Ines Editor');
    expect($('tbody tr').first().text()).toContain('Save');

    const cli = await buildArticle(t.services, { title: 'From the command line' });
    expect((await revisions(cli.id)).map((r) => [r.kind, r.user_id])).toEqual([['save', null]]);
  });

  it('shows a revision as a diff against the current text, escaped, and restores it as a new revision', async () => {
    const id = await writeTwice();
    const [first] = await revisions(id);
    const diff = await editor.get(`/admin/articles/${id}/revisions/${first?.id}`);
    expect(diff.statusCode).toBe(200);
    const $ = load(diff.body);
    // The body is HTML: the diff shows its tags as text.
    expect($('.diff del').text()).toContain('<em>6</em>');
    expect($('.diff ins').text()).toContain('seven');
    expect($('.diff ins').text()).toContain('for December');
    expect(diff.body).not.toContain('<em>6</em>');

    t.clock.advance(60_000);
    const restored = await editor.post(`/admin/articles/${id}/revisions/${first?.id}/restore`);
    expect(restored.statusCode).toBe(303);
    expect(restored.headers.location).toBe(`/admin/articles/${id}/edit?restored=${first?.id}`);
    expect(await article(id)).toMatchObject({
      title: 'Tide tables',
      body_markdown: '<p>High tide at <em>6</em> in the morning.</p>',
    });
    const rows = await revisions(id);
    expect(rows).toHaveLength(3);
    expect(JSON.parse(rows[2]?.snapshot ?? '{}')).toMatchObject({ restored_from: first?.id });
    const list = load((await editor.get(`/admin/articles/${id}/revisions`)).body);
    expect(list('tbody tr').first().text()).toContain(`Restore of revision ${first?.id}`);
    // Restoring does not publish: the draft stays a draft.
    expect((await article(id)).status).toBe('draft');
  });

  it('refuses revisions to those who may not edit the article, and unknown revisions', async () => {
    const id = await writeTwice();
    const [first] = await revisions(id);
    const contributor = await signedIn(t, 'contributor');
    expect((await contributor.get(`/admin/articles/${id}/revisions`)).statusCode).toBe(403);
    expect((await contributor.get(`/admin/articles/${id}/revisions/${first?.id}`)).statusCode).toBe(403);
    expect((await contributor.post(`/admin/articles/${id}/revisions/${first?.id}/restore`)).statusCode).toBe(
      403,
    );
    expect((await editor.get(`/admin/articles/${id}/revisions/999999`)).statusCode).toBe(404);
    expect((await editor.get(`/admin/articles/${id}/revisions/abc`)).statusCode).toBe(404);
    expect(
      (await editor.post(`/admin/articles/${id}/revisions/${first?.id}/restore`, { _csrf: 'no' })).statusCode,
    ).toBe(403);
    expect((await article(id)).title).toBe('Tide tables for December');
  });

  it('autosaves without changing the article, and offers the newer autosave back in the editor', async () => {
    const id = await writeTwice();
    const before = await article(id);
    t.clock.advance(60_000);
    const response = await editor.inject({
      method: 'POST',
      url: `/admin/articles/${id}/autosave`,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': editor.csrfToken,
      },
      payload: JSON.stringify({
        ...editorForm(editor),
        title: 'Tide tables (unsaved)',
        body: 'Typed but not saved',
      }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      ok: true,
      saved_at: new Date(new Date(TEST_NOW).getTime() + 120_000).toISOString(),
    });
    // A second autosave is kept beside the first; the newer is the one offered back.
    await editor.inject({
      method: 'POST',
      url: `/admin/articles/${id}/autosave`,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': editor.csrfToken,
      },
      payload: JSON.stringify({
        ...editorForm(editor),
        title: 'Tide tables (unsaved)',
        body: 'Typed further but not saved',
      }),
    });
    expect(await article(id)).toEqual(before);
    expect((await revisions(id)).map((r) => r.kind)).toEqual(['save', 'save', 'autosave', 'autosave']);

    const $ = load((await editor.get(`/admin/articles/${id}/edit`)).body);
    const offer = $(`a[href^="/admin/articles/${id}/edit?autosave="]`);
    expect(offer.text()).toBe('Restore the autosave');
    const restored = load((await editor.get(String(offer.attr('href')))).body);
    expect(restored('#field-title').val()).toBe('Tide tables (unsaved)');
    expect(restored('#field-body').text()).toBe('Typed further but not saved');
    // Another person is not offered someone else's autosave.
    const other = await signedIn(t, 'editor');
    expect(load((await other.get(`/admin/articles/${id}/edit`)).body)('a[href*="autosave="]')).toHaveLength(
      0,
    );
    // Once saved, the autosave is older than the last save and no longer offered.
    await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, { title: 'Tide tables (saved)', version: await version(editor, id) }),
    );
    expect(load((await editor.get(`/admin/articles/${id}/edit`)).body)('a[href*="autosave="]')).toHaveLength(
      0,
    );
  });

  it('refuses autosaves without the CSRF header, signed out, or on someone else’s article', async () => {
    const id = await writeTwice();
    const json = { 'content-type': 'application/json', accept: 'application/json' };
    const payload = JSON.stringify({ title: 'x', body: 'y' });
    expect(
      (await editor.inject({ method: 'POST', url: `/admin/articles/${id}/autosave`, headers: json, payload }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: `/admin/articles/${id}/autosave`, headers: json, payload }))
        .statusCode,
    ).toBe(401);
    const contributor = await signedIn(t, 'contributor');
    const refused = await contributor.inject({
      method: 'POST',
      url: `/admin/articles/${id}/autosave`,
      headers: { ...json, 'x-csrf-token': contributor.csrfToken },
      payload,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await revisions(id)).map((r) => r.kind)).toEqual(['save', 'save']);
  });
  const autosave = (staff: SignedIn, id: number, body: string) =>
    staff.inject({
      method: 'POST',
      url: `/admin/articles/${id}/autosave`,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': staff.csrfToken,
      },
      payload: JSON.stringify({ ...editorForm(staff), body }),
    });

  it('thins autosaves to the newest 20 and, before them, the newest of each hour; every save is kept', async () => {
    const id = await writeTwice(); // saves at 12:00 and 12:01
    // An autosave every five minutes from 12:06 to 15:21, and a save after the 10th and the 30th.
    for (let n = 1; n <= 40; n += 1) {
      t.clock.advance(5 * 60_000);
      expect((await autosave(editor, id, `Draft at step ${n}`)).statusCode).toBe(200);
      if (n === 10 || n === 30) {
        const saved = await editor.post(
          `/admin/articles/${id}`,
          editorForm(editor, { body: `Saved at step ${n}`, version: await version(editor, id) }),
        );
        expect(saved.statusCode).toBe(303);
      }
    }
    const rows = await revisions(id);
    const bodies = (kind: string) =>
      rows
        .filter((r) => r.kind === kind)
        .map((r) => (JSON.parse(r.snapshot) as { fields: { body: string } }).fields.body);
    expect(bodies('save')).toEqual([
      '<p>High tide at <em>6</em> in the morning.</p>',
      'High tide at seven in the morning.',
      'Saved at step 10',
      'Saved at step 30',
    ]);
    // Steps 21–40 are the newest twenty. Before them: step 11 (12:56) is the last of the 12 o'clock
    // hour, step 20 (13:41) the last of the 13 o'clock hour.
    const kept = [11, 20, ...Array.from({ length: 20 }, (_, i) => 21 + i)];
    expect(bodies('autosave')).toEqual(kept.map((n) => `Draft at step ${n}`));
  });

  it('limits autosaves per account per minute with 429, and lets them through again a minute later', async () => {
    const id = await writeTwice();
    for (let n = 1; n <= NEWSROOM_LIMITS.autosavesPerMinute; n += 1)
      expect((await autosave(editor, id, `Draft ${n}`)).statusCode).toBe(200);
    const refused = await autosave(editor, id, 'One too many');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: 'NEWSROOM_RATE_LIMITED' } });
    const stored = await revisions(id);
    expect(stored.filter((r) => r.kind === 'autosave')).toHaveLength(NEWSROOM_LIMITS.autosavesPerMinute);
    expect(stored.some((r) => r.snapshot.includes('One too many'))).toBe(false);
    // Saves have a budget of their own, so the person can still save their work.
    const saved = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, { body: 'Saved by hand', version: await version(editor, id) }),
    );
    expect(saved.statusCode).toBe(303);
    t.clock.advance(61_000);
    expect((await autosave(editor, id, 'A minute later')).statusCode).toBe(200);
  });
});
