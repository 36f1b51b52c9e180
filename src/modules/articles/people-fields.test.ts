// The editor's Authors and Tags on the server: authors are chosen by name and saved in the order
// given; a tag is created only on purpose, and only by someone who may; a refused form comes back
// with every word of it. Run on SQLite and PostgreSQL.
import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { buildAuthor } from '../../../test/factories.ts';
import { signedIn } from '../../../test/staff.ts';

describe.each(DIALECTS)('the editor’s people and tags on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const db = () => t.database.db;
  const bylines = (id: number) =>
    db()
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .where('article_id', '=', id)
      .orderBy('position')
      .select('authors.name')
      .execute()
      .then((rows) => rows.map((r) => r.name));
  const tagNames = (id: number) =>
    db()
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .where('article_id', '=', id)
      .select('tags.name')
      .orderBy('tags.name')
      .execute()
      .then((rows) => rows.map((r) => r.name));
  const allTags = () =>
    db()
      .selectFrom('tags')
      .select('name')
      .orderBy('name')
      .execute()
      .then((rows) => rows.map((r) => r.name));

  it('saves co-authors chosen by name, in the order given, and shows names back, never slugs', async () => {
    const editor = await signedIn(t, 'editor');
    const aino = await buildAuthor(t.services, { name: 'Aino Harju', slug: 'aino-harju' });
    await buildAuthor(t.services, { name: 'Bram de Wit', slug: 'bram-de-wit' });
    const response = await editor.post(
      '/admin/articles',
      // A typed name in any case, and a slug as the combobox writes it, mix.
      editorForm(editor, { authors: 'bram DE wit, aino-harju', tags: '' }),
    );
    expect(response.statusCode, response.body.slice(0, 400)).toBe(303);
    const id = editedId(response.headers.location);
    expect(await bylines(id)).toEqual(['Bram de Wit', 'Aino Harju']);

    // Reordered: the lead byline changes.
    const page = load((await editor.get(`/admin/articles/${id}/edit`)).body);
    expect(page('#field-authors').val()).toBe('Bram de Wit, Aino Harju');
    expect(page('body').text()).not.toContain('aino-harju');
    const version = page('input[name=version]').val() as string;
    const again = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, { authors: 'Aino Harju, Bram de Wit', version, tags: '' }),
    );
    expect(again.statusCode, again.body.slice(0, 400)).toBe(303);
    expect(await bylines(id)).toEqual(['Aino Harju', 'Bram de Wit']);
    // The combobox's choices name each author; the slug travels only as the value it writes.
    const choices = JSON.parse(page('[data-people-field=authors]').attr('data-choices') ?? '[]') as {
      slug: string;
      label: string;
    }[];
    expect(choices).toContainEqual({ slug: aino.slug, label: 'Aino Harju' });
  });

  it('keeps a name with a comma whole, and asks which of two people with one name is meant', async () => {
    const editor = await signedIn(t, 'editor');
    await buildAuthor(t.services, { name: 'Ng, Jr.', slug: 'ng-jr' });
    await buildAuthor(t.services, { name: 'Sam Lee', slug: 'sam-lee' });
    await buildAuthor(t.services, { name: 'Sam Lee', slug: 'sam-lee-2' });
    const ok = await editor.post(
      '/admin/articles',
      editorForm(editor, { authors: 'Ng, Jr., Sam Lee (sam-lee-2)', tags: '' }),
    );
    expect(ok.statusCode, ok.body.slice(0, 400)).toBe(303);
    expect(await bylines(editedId(ok.headers.location))).toEqual(['Ng, Jr.', 'Sam Lee']);

    const ambiguous = await editor.post(
      '/admin/articles',
      editorForm(editor, { title: 'Which Sam', authors: 'Sam Lee', tags: '' }),
    );
    expect(ambiguous.statusCode).toBe(400);
    const $ = load(ambiguous.body);
    expect($('#error-authors').text()).toContain('several authors are called “Sam Lee”');
    expect($('#field-authors').val()).toBe('Sam Lee');
  });

  it('refuses a name nobody has with a clear error, and loses nothing typed', async () => {
    const editor = await signedIn(t, 'editor');
    const before = await db().selectFrom('articles').select('id').execute();
    const form = editorForm(editor, {
      title: 'A story kept whole',
      body: 'Every word of this stays.',
      authors: 'Nobody Atall',
      tags: 'Harbour',
      new_tags: 'Harbour',
    });
    const response = await editor.post('/admin/articles', form);
    expect(response.statusCode).toBe(400);
    const $ = load(response.body);
    expect($('#error-authors').text()).toContain('no author is called “Nobody Atall”');
    expect($('#field-authors').val()).toBe('Nobody Atall');
    expect($('#field-title').val()).toBe('A story kept whole');
    expect($('#field-body').text()).toContain('Every word of this stays.');
    expect($('#field-new_tags').val()).toBe('Harbour');
    expect(await db().selectFrom('articles').select('id').execute()).toEqual(before);
    expect(await allTags()).toEqual([]);
  });

  it('creates a tag only when it is asked for on purpose, and only for someone who may', async () => {
    const editor = await signedIn(t, 'editor');
    await t.services.tags.create({ name: 'Harbour', actor: null });

    // An unknown name in Tags alone is refused, not made into a tag; the form keeps it.
    const stray = await editor.post(
      '/admin/articles',
      editorForm(editor, { title: 'Stray tag', tags: 'Harbour, Ferrys', new_tags: '' }),
    );
    expect(stray.statusCode).toBe(400);
    const $ = load(stray.body);
    expect($('#error-tags').text()).toContain('“Ferrys” is not a tag yet');
    expect($('#field-tags').val()).toBe('Harbour, Ferrys');
    expect(await allTags()).toEqual(['Harbour']);

    // Named in New tags, it is created and carried.
    const chosen = await editor.post(
      '/admin/articles',
      editorForm(editor, { title: 'Chosen tag', tags: 'Harbour', new_tags: 'Ferries' }),
    );
    expect(chosen.statusCode, chosen.body.slice(0, 400)).toBe(303);
    expect(await tagNames(editedId(chosen.headers.location))).toEqual(['Ferries', 'Harbour']);
    expect(await allTags()).toEqual(['Ferries', 'Harbour']);

    // The page offers New tags to an editor, and the Tags combobox may create.
    const page = load((await editor.get('/admin/articles/new')).body);
    expect(page('#field-new_tags').length).toBe(1);
    expect(page('[data-people-field=tags]').attr('data-may-create')).toBe('true');
  });

  it('lets a contributor pick existing tags and suggest new ones, never create them', async () => {
    const contributor = await signedIn(t, 'contributor');
    await t.services.tags.create({ name: 'Harbour', actor: null });
    const page = load((await contributor.get('/admin/articles/new')).body);
    expect(page('#field-new_tags').length).toBe(0);
    expect(page('[data-people-field=tags]').attr('data-may-create')).toBe('false');

    // Even a forged New tags field creates nothing: the names wait as suggestions.
    const response = await contributor.post(
      '/admin/articles',
      editorForm(contributor, { tags: 'Harbour, Lighthouses', new_tags: 'Night ferries' }),
    );
    expect(response.statusCode, response.body.slice(0, 400)).toBe(303);
    const id = editedId(response.headers.location);
    expect(await allTags()).toEqual(['Harbour']);
    expect(await tagNames(id)).toEqual(['Harbour']);
    const suggested = await db()
      .selectFrom('article_tag_suggestions')
      .where('article_id', '=', id)
      .select('name')
      .orderBy('name')
      .execute();
    expect(suggested.map((s) => s.name)).toEqual(['Lighthouses', 'Night ferries']);

    // An editor saving it as it stands creates nothing: the suggestions stay suggestions...
    const editor = await signedIn(t, 'editor');
    const opened = load((await editor.get(`/admin/articles/${id}/edit`)).body);
    const tags = opened('#field-tags').val() as string;
    expect(tags).toBe('Harbour, Lighthouses, Night ferries');
    const unchanged = await editor.post(
      `/admin/articles/${id}`,
      editorForm(contributor, { tags, new_tags: '', version: opened('input[name=version]').val() as string }),
    );
    expect(unchanged.statusCode, unchanged.body.slice(0, 400)).toBe(303);
    expect(await allTags()).toEqual(['Harbour']);
    // ...until the editor creates one on purpose.
    const again = load((await editor.get(`/admin/articles/${id}/edit`)).body);
    const created = await editor.post(
      `/admin/articles/${id}`,
      editorForm(contributor, {
        tags: 'Harbour, Night ferries',
        new_tags: 'Lighthouses',
        version: again('input[name=version]').val() as string,
      }),
    );
    expect(created.statusCode, created.body.slice(0, 400)).toBe(303);
    expect(await allTags()).toEqual(['Harbour', 'Lighthouses']);
    expect(await tagNames(id)).toEqual(['Harbour', 'Lighthouses']);
  });

  it('keeps a renamed tag whose address stayed, when the article is opened and saved', async () => {
    const editor = await signedIn(t, 'editor');
    const climate = await t.services.tags.create({ name: 'Climate', actor: null });
    await t.services.tags.create({ name: 'Paris, Texas', actor: null });
    const first = await editor.post(
      '/admin/articles',
      editorForm(editor, { tags: 'Climate, Paris, Texas', new_tags: '' }),
    );
    expect(first.statusCode, first.body.slice(0, 400)).toBe(303);
    const id = editedId(first.headers.location);
    expect(await tagNames(id)).toEqual(['Climate', 'Paris, Texas']);
    // Renamed, its slug (and address) kept: "Climate crisis" at /tag/climate/.
    await t.services.tags.rename({ id: climate.id, name: 'Climate crisis', actor: null });

    const page = load((await editor.get(`/admin/articles/${id}/edit`)).body);
    const tags = page('#field-tags').val() as string;
    expect(tags).toContain('Climate crisis');
    expect(tags).toContain('Paris, Texas');
    const resaved = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, { tags, new_tags: '', version: page('input[name=version]').val() as string }),
    );
    expect(resaved.statusCode, resaved.body.slice(0, 400)).toBe(303);
    expect(await tagNames(id)).toEqual(['Climate crisis', 'Paris, Texas']);
    expect(await allTags()).toEqual(['Climate crisis', 'Paris, Texas']);
  });

  it('offers the sections as a list, and files the article in the one chosen', async () => {
    const editor = await signedIn(t, 'editor');
    await t.services.sections.save({ name: 'News', slug: 'news' });
    await t.services.sections.save({ name: 'Sport', slug: 'sport' });
    const page = load((await editor.get('/admin/articles/new')).body);
    const options = page('select#field-section option')
      .map((_, o) => page(o).text())
      .get();
    expect(options).toEqual(['News', 'Sport']);
    const chosen = 'sport';
    const response = await editor.post('/admin/articles', editorForm(editor, { section: chosen }));
    expect(response.statusCode, response.body.slice(0, 400)).toBe(303);
    const row = await db()
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .where('articles.id', '=', editedId(response.headers.location))
      .select('sections.slug')
      .executeTakeFirstOrThrow();
    expect(row.slug).toBe(chosen);
  });
});
