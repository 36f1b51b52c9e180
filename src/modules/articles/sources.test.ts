// Several sources on one article (issue #18): written through the editor's form (save, edit, reorder,
// remove, bad input), kept by revisions and autosaves, shown on the page's "Original Source:" line and
// as NewsArticle `isBasedOn`, and moved out of the old columns by migration 0027. Both databases.
import { load, type CheerioAPI } from 'cheerio';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';
import { down, up } from '../../platform/db/migrations/0027-article-sources.ts';

const jsonLd = ($: CheerioAPI) =>
  $('script[type="application/ld+json"]')
    .map((_i, el) => JSON.parse($(el).text()) as Record<string, unknown>)
    .get() as Record<string, unknown>[];

describe.each(DIALECTS)('an article’s sources on %s', (dialect) => {
  let t: TestApp;
  let editor: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    editor = await signedIn(t, 'editor');
  });

  const stored = (articleId: number) =>
    t.database.db
      .selectFrom('article_sources')
      .where('article_id', '=', articleId)
      .select(['position', 'name', 'url'])
      .orderBy('position')
      .execute();

  async function versionOf(id: number): Promise<string> {
    return load((await editor.get(`/admin/articles/${id}/edit`)).body)('input[name=version]').val() as string;
  }

  async function edit(id: number, overrides: Record<string, string>) {
    return editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, { title: 'Quay wall repaired', ...overrides, version: await versionOf(id) }),
    );
  }

  it('saves, edits, reorders and removes sources through the form, with one empty pair to add the next', async () => {
    // A new article offers the first pair and one more, both empty.
    const blank = load((await editor.get('/admin/articles/new')).body);
    expect(blank('label[for=field-source_name]').text()).toBe('Source name');
    expect(blank('label[for=field-source_url]').text()).toBe('Source URL');
    expect(blank('label[for=field-source_name_2]').text()).toBe('Source name 2');
    expect(blank('label[for=field-source_url_2]').text()).toBe('Source URL 2');
    expect(blank('#field-source_name_3')).toHaveLength(0);

    const created = await editor.post(
      '/admin/articles',
      editorForm(editor, {
        title: 'Quay wall repaired',
        source_name: 'Harbour Post',
        source_url: 'https://post.example/quay',
        source_name_2: ' Valley Courier ',
        source_url_2: '',
      }),
    );
    expect(created.statusCode, created.body.slice(0, 300)).toBe(303);
    const id = editedId(created.headers.location);
    expect(await stored(id)).toEqual([
      { position: 0, name: 'Harbour Post', url: 'https://post.example/quay' },
      { position: 1, name: 'Valley Courier', url: null },
    ]);
    // The editor shows both, and a third, empty pair.
    const $ = load((await editor.get(`/admin/articles/${id}/edit`)).body);
    expect($('#field-source_name').val()).toBe('Harbour Post');
    expect($('#field-source_name_2').val()).toBe('Valley Courier');
    expect($('#field-source_url_2').val()).toBe('');
    expect($('label[for=field-source_name_3]').text()).toBe('Source name 3');
    expect($('#field-source_name_3').val()).toBe('');
    expect($('#field-source_name_4')).toHaveLength(0);

    // A third source, and the first two swapped.
    expect(
      (
        await edit(id, {
          source_name: 'Valley Courier',
          source_url: '',
          source_name_2: 'Harbour Post',
          source_url_2: 'https://post.example/quay',
          source_name_3: 'Coastal Radio North',
          source_url_3: 'https://radio.example/quay',
        })
      ).statusCode,
    ).toBe(303);
    expect(await stored(id)).toEqual([
      { position: 0, name: 'Valley Courier', url: null },
      { position: 1, name: 'Harbour Post', url: 'https://post.example/quay' },
      { position: 2, name: 'Coastal Radio North', url: 'https://radio.example/quay' },
    ]);

    // Clearing the middle pair removes that source; the rest close up.
    expect(
      (
        await edit(id, {
          source_name: 'Valley Courier',
          source_name_2: '',
          source_url_2: '',
          source_name_3: 'Coastal Radio North',
          source_url_3: 'https://radio.example/quay',
        })
      ).statusCode,
    ).toBe(303);
    expect(await stored(id)).toEqual([
      { position: 0, name: 'Valley Courier', url: null },
      { position: 1, name: 'Coastal Radio North', url: 'https://radio.example/quay' },
    ]);

    // And clearing them all leaves none.
    expect((await edit(id, {})).statusCode).toBe(303);
    expect(await stored(id)).toEqual([]);
  });

  /** A draft crediting the Harbour Post, then the Valley Courier, saved through the form. */
  async function quayWallWithTwoSources(): Promise<number> {
    const created = await editor.post(
      '/admin/articles',
      editorForm(editor, {
        title: 'Quay wall repaired',
        source_name: 'Harbour Post',
        source_url: 'https://post.example/quay',
        source_name_2: 'Valley Courier',
        source_url_2: 'https://courier.example/quay',
      }),
    );
    return editedId(created.headers.location);
  }

  it('keeps a source’s wire item through an edit that moves it, and drops it with the source', async () => {
    const id = await quayWallWithTwoSources();
    // As the wire desk's "Start a draft" will leave it: each source names its item.
    for (const [position, item] of [
      [0, 41],
      [1, 42],
    ] as const)
      await t.database.db
        .updateTable('article_sources')
        .set({ wire_item_id: item })
        .where('article_id', '=', id)
        .where('position', '=', position)
        .execute();
    const links = () =>
      t.database.db
        .selectFrom('article_sources')
        .where('article_id', '=', id)
        .select(['name', 'wire_item_id'])
        .orderBy('position')
        .execute();

    await edit(id, {
      source_name: 'Valley Courier',
      source_url: 'https://courier.example/quay',
      source_name_2: 'Harbour Post',
      source_url_2: 'https://post.example/quay',
      source_name_3: 'Coastal Radio North',
    });
    expect(await links()).toEqual([
      { name: 'Valley Courier', wire_item_id: 42 },
      { name: 'Harbour Post', wire_item_id: 41 },
      { name: 'Coastal Radio North', wire_item_id: null },
    ]);
    // A changed address is another report: the link does not follow it.
    await edit(id, {
      source_name: 'Valley Courier',
      source_url: 'https://courier.example/quay-update',
      source_name_2: 'Harbour Post',
      source_url_2: 'https://post.example/quay',
    });
    expect(await links()).toEqual([
      { name: 'Valley Courier', wire_item_id: null },
      { name: 'Harbour Post', wire_item_id: 41 },
    ]);
  });

  it('refuses a bad further source beside its own field, keeping every typed pair', async () => {
    const response = await editor.post(
      '/admin/articles',
      editorForm(editor, {
        title: 'Quay wall repaired',
        source_name: 'Harbour Post',
        source_url: 'https://post.example/quay',
        source_name_2: 'Valley <Courier>',
        source_url_2: 'javascript:alert(1)',
        source_name_3: '',
        source_url_3: 'https://radio.example/quay',
      }),
    );
    expect(response.statusCode).toBe(400);
    const $ = load(response.body);
    expect($('#error-source_url_2').text()).toMatch(/http:\/\/ or https:\/\//);
    expect($('#error-source_name_3').text()).toMatch(/required/);
    expect($('#error-source_url').length + $('#error-source_name').length).toBe(0);
    expect($('.form-errors a[href="#field-source_url_2"]')).toHaveLength(1);
    expect($('#field-source_url_2').attr('aria-invalid')).toBe('true');
    expect($('#field-source_name_2').val()).toBe('Valley <Courier>');
    expect($('#field-source_url_2').val()).toBe('javascript:alert(1)');
    expect($('#field-source_url_3').val()).toBe('https://radio.example/quay');
    expect($('#field-source_url').val()).toBe('https://post.example/quay');
    expect(response.body).not.toContain('<Courier>');
    expect(await t.database.db.selectFrom('article_sources').selectAll().execute()).toEqual([]);
  });

  it('keeps every source in revisions and autosaves, and a restore brings them back', async () => {
    const id = await quayWallWithTwoSources();
    t.clock.advance(60_000);
    expect((await edit(id, { source_name: 'Coastal Radio North' })).statusCode).toBe(303);
    expect(await stored(id)).toEqual([{ position: 0, name: 'Coastal Radio North', url: null }]);

    const revisions = await t.database.db
      .selectFrom('article_revisions')
      .where('article_id', '=', id)
      .select(['id', 'snapshot'])
      .orderBy('id')
      .execute();
    const first = revisions[0]!;
    expect(JSON.parse(first.snapshot)).toMatchObject({
      fields: {
        source_name: 'Harbour Post',
        source_url: 'https://post.example/quay',
        more_sources: 'Valley Courier\thttps://courier.example/quay',
      },
    });
    // The diff names the field that changed.
    const diff = load((await editor.get(`/admin/articles/${id}/revisions/${first.id}`)).body);
    expect(diff.text()).toContain('More sources');

    t.clock.advance(60_000);
    const restored = await editor.post(`/admin/articles/${id}/revisions/${first.id}/restore`);
    expect(restored.statusCode).toBe(303);
    expect(await stored(id)).toEqual([
      { position: 0, name: 'Harbour Post', url: 'https://post.example/quay' },
      { position: 1, name: 'Valley Courier', url: 'https://courier.example/quay' },
    ]);

    // An autosave keeps the numbered pairs as typed.
    const autosaved = await editor.inject({
      method: 'POST',
      url: `/admin/articles/${id}/autosave`,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': editor.csrfToken,
      },
      payload: JSON.stringify({
        ...editorForm(editor, { title: 'Quay wall repaired' }),
        version: await versionOf(id),
        source_name: 'Harbour Post',
        source_name_2: 'Valley Courier',
        source_name_3: 'Coastal Radio North',
        source_url_3: 'https://radio.example/quay',
      }),
    });
    expect(autosaved.statusCode, autosaved.body).toBe(200);
    const autosave = await t.database.db
      .selectFrom('article_revisions')
      .where('article_id', '=', id)
      .where('kind', '=', 'autosave')
      .select('snapshot')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(autosave.snapshot)).toMatchObject({
      fields: {
        more_sources: 'Valley Courier\t\nCoastal Radio North\thttps://radio.example/quay',
      },
    });
  });

  it('names every source on the page, each linked when it has an address, and in JSON-LD', async () => {
    await buildArticle(t.services, {
      slug: 'three-outlets',
      sources: [
        { name: 'Harbour Post', url: 'https://post.example/quay' },
        { name: 'Valley <Courier>', url: null },
        { name: 'Coastal Radio North', url: 'https://radio.example/quay' },
      ],
    });
    const $ = load((await t.app.inject('/three-outlets/')).body);
    const line = $('.source');
    expect(line.text()).toBe('Original Source: Harbour Post, Valley <Courier>, Coastal Radio North');
    expect(
      line
        .find('a')
        .map((_i, a) => [[$(a).text(), $(a).attr('href')]])
        .get(),
    ).toEqual([
      ['Harbour Post', 'https://post.example/quay'],
      ['Coastal Radio North', 'https://radio.example/quay'],
    ]);
    const article = jsonLd($).find((d) => d['@type'] === 'NewsArticle');
    expect(article?.isBasedOn).toEqual([
      {
        '@type': 'CreativeWork',
        url: 'https://post.example/quay',
        publisher: { '@type': 'Organization', name: 'Harbour Post' },
      },
      { '@type': 'CreativeWork', publisher: { '@type': 'Organization', name: 'Valley <Courier>' } },
      {
        '@type': 'CreativeWork',
        url: 'https://radio.example/quay',
        publisher: { '@type': 'Organization', name: 'Coastal Radio North' },
      },
    ]);

    // One source keeps the single-object form and the single-link line.
    await buildArticle(t.services, {
      slug: 'one-outlet',
      source: { name: 'Harbour Post', url: 'https://post.example/quay' },
    });
    const one = load((await t.app.inject('/one-outlet/')).body);
    expect(one('.source').html()).toBe(
      'Original Source: <a href="https://post.example/quay" rel="noopener">Harbour Post</a>',
    );
    expect(jsonLd(one).find((d) => d['@type'] === 'NewsArticle')?.isBasedOn).toEqual({
      '@type': 'CreativeWork',
      url: 'https://post.example/quay',
      publisher: { '@type': 'Organization', name: 'Harbour Post' },
    });
  });

  it('refuses source and sources together from the command line’s input', async () => {
    await expect(
      buildArticle(t.services, {
        source: { name: 'Harbour Post', url: 'https://post.example/quay' },
        sources: [{ name: 'Valley Courier' }],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { sources: expect.any(String) as string } });
  });

  it('migration 0027 moves each old source pair into article_sources, and back down', async () => {
    const db = t.database.db;
    const named = await buildArticle(t.services, { slug: 'named' });
    const nameless = await buildArticle(t.services, { slug: 'nameless' });
    const unsourced = await buildArticle(t.services, { slug: 'unsourced' });
    // Back to before the migration, with pairs as the editor and the importer wrote them then.
    await down(db);
    const old = db as unknown as Kysely<{
      articles: { id: number; source_name: string | null; source_url: string | null };
    }>;
    await old
      .updateTable('articles')
      .set({ source_name: '  Harbour Post ', source_url: 'https://post.example/quay' })
      .where('id', '=', named.id)
      .execute();
    // Only a forged import wrote an address without a name: it keeps the address as its name.
    await old
      .updateTable('articles')
      .set({ source_name: '', source_url: 'https://radio.example/quay' })
      .where('id', '=', nameless.id)
      .execute();

    await up(db);

    const rows = await db
      .selectFrom('article_sources')
      .select(['article_id', 'position', 'name', 'url', 'wire_item_id'])
      .orderBy('article_id')
      .execute();
    expect(rows).toEqual([
      {
        article_id: named.id,
        position: 0,
        name: 'Harbour Post',
        url: 'https://post.example/quay',
        wire_item_id: null,
      },
      {
        article_id: nameless.id,
        position: 0,
        name: 'https://radio.example/quay',
        url: 'https://radio.example/quay',
        wire_item_id: null,
      },
    ]);
    expect(rows.some((r) => r.article_id === unsourced.id)).toBe(false);
    const page = load((await t.app.inject('/named/')).body);
    expect(page('.source').text()).toBe('Original Source: Harbour Post');
    // Deleting an article deletes its sources.
    await db.deleteFrom('articles').where('id', '=', named.id).execute();
    expect((await stored(named.id)).length).toBe(0);
  });
});
