import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';

const HOUR = 3600_000;
const at = (ms: number) => new Date(new Date(TEST_NOW).getTime() + ms).toISOString();

describe.each(DIALECTS)('publishing from the newsroom on %s', (dialect) => {
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

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  async function create(overrides: Record<string, string>): Promise<number> {
    const response = await editor.post('/admin/articles', editorForm(editor, overrides));
    expect(response.statusCode, response.body.slice(0, 400)).toBe(303);
    return editedId(response.headers.location);
  }

  /** Every public place an article could show up. */
  async function publicPlaces(
    slug: string,
    authorSlug: string,
    tagSlug: string,
  ): Promise<Record<string, string>> {
    const urls = [
      '/',
      `/${slug}/`,
      `/author/${authorSlug}/`,
      `/tag/${tagSlug}/`,
      '/feed/',
      '/feed/atom/',
      '/feed.json',
      `/author/${authorSlug}/feed/`,
      `/tag/${tagSlug}/feed/`,
      '/news-sitemap.xml',
      '/search?q=Zanzibar',
      '/api/v1/articles',
      `/api/v1/articles/${slug}`,
    ];
    const index = await get('/sitemap.xml');
    urls.push(...[...index.body.matchAll(/<loc>https?:\/\/[^/]+(\/[^<]+)<\/loc>/g)].map((m) => m[1] ?? ''));
    const bodies: Record<string, string> = {};
    for (const url of urls) bodies[url] = (await get(url)).body;
    return bodies;
  }

  it('publishes a scheduled article at its time, exactly once, on the front page, its author’s and its tag’s', async () => {
    const id = await create({
      title: 'Zanzibar ferry link opens',
      tags: 'Islands',
      action: 'schedule',
      publish_at: at(HOUR).slice(0, 16),
    });
    // Cached before its time: the scheduler's events must drop these pages.
    for (const url of ['/', `/author/${editor.authorSlug}/`, '/tag/islands/'])
      expect((await get(url)).body).not.toContain('Zanzibar ferry link opens');
    expect(await t.services.articles.publishDue()).toBe(0);

    t.clock.set(at(HOUR + 1000));
    const counts = await Promise.all([t.services.articles.publishDue(), t.services.articles.publishDue()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await t.services.articles.publishDue()).toBe(0);

    const row = await t.database.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row).toMatchObject({ status: 'published', published_at: at(HOUR) });
    for (const url of ['/', `/author/${editor.authorSlug}/`, '/tag/islands/', '/zanzibar-ferry-link-opens/'])
      expect((await get(url)).body, url).toContain('Zanzibar ferry link opens');
  });

  it('never shows a draft or a scheduled article on any public page, feed, sitemap, search or API answer', async () => {
    await buildArticle(t.services, {
      title: 'A published neighbour',
      authors: [editor.authorSlug],
      tags: ['Islands'],
    });
    await create({
      title: 'Zanzibar draft',
      slug: 'zanzibar-draft',
      tags: 'Islands',
      body: 'Zanzibar secret plans',
    });
    await create({
      title: 'Zanzibar scheduled',
      slug: 'zanzibar-scheduled',
      tags: 'Islands',
      body: 'Zanzibar embargoed',
      action: 'schedule',
      publish_at: at(2 * HOUR).slice(0, 16),
    });
    for (const slug of ['zanzibar-draft', 'zanzibar-scheduled']) {
      const places = await publicPlaces(slug, editor.authorSlug, 'islands');
      expect(places['/']).toContain('A published neighbour');
      for (const [url, body] of Object.entries(places)) {
        expect(body, url).not.toContain('Zanzibar draft');
        expect(body, url).not.toContain('Zanzibar scheduled');
        expect(body, url).not.toContain('Zanzibar secret');
        expect(body, url).not.toContain('Zanzibar embargoed');
      }
    }
    expect((await get('/zanzibar-draft/')).statusCode).toBe(404);
  });

  it('shows the update note with its date in the site’s time zone, and drops it when cleared', async () => {
    await t.services.settings.update({ 'site.timezone': 'Pacific/Auckland' });
    const id = await create({ title: 'Harbour toll rises', action: 'publish' });
    const version = async () =>
      load((await editor.get(`/admin/articles/${id}/edit`)).body)('input[name=version]').val() as string;
    t.clock.set(at(HOUR));
    const noted = await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, {
        title: 'Harbour toll rises',
        update_note: 'The toll is NZ$4, not NZ$40.',
        version: await version(),
      }),
    );
    expect(noted.statusCode).toBe(303);
    const $ = load((await get('/harbour-toll-rises/')).body);
    // 13:00 UTC on 26 November is 02:00 on the 27th in Auckland.
    expect($('.update-note').text().replace(/\s+/g, ' ').trim()).toBe(
      'Updated 27 November 2026: The toll is NZ$4, not NZ$40. How we correct mistakes',
    );
    expect($('.update-note a').attr('href')).toBe('/corrections-policy/');
    const row = await t.database.db
      .selectFrom('articles')
      .select(['update_noted_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.update_noted_at).toBe(at(HOUR));

    // The same note saved again keeps its date; a cleared note disappears.
    t.clock.set(at(2 * HOUR));
    await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, {
        title: 'Harbour toll rises',
        update_note: 'The toll is NZ$4, not NZ$40.',
        version: await version(),
      }),
    );
    expect(
      (
        await t.database.db
          .selectFrom('articles')
          .select(['update_noted_at'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).update_noted_at,
    ).toBe(at(HOUR));
    await editor.post(
      `/admin/articles/${id}`,
      editorForm(editor, { title: 'Harbour toll rises', update_note: '', version: await version() }),
    );
    expect(load((await get('/harbour-toll-rises/')).body)('.update-note')).toHaveLength(0);
  });

  it('shows a featured image with its sizes and description, and refuses an unknown upload', async () => {
    const upload = await t.database.db
      .insertInto('uploads')
      .values({
        storage_key: '2026/11/pier.jpg',
        mime_type: 'image/jpeg',
        width: 1600,
        height: 900,
        variants: JSON.stringify([
          { width: 480, height: 270, key: '2026/11/pier-480.webp', mime: 'image/webp' },
          { width: 960, height: 540, key: '2026/11/pier-960.webp', mime: 'image/webp' },
        ]),
        user_id: editor.id,
        created_at: TEST_NOW,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Without script, the Featured image field offers the newest uploads by name, never by number.
    const option = load((await editor.get('/admin/articles/new')).body)(
      `select#field-featured_image_id option[value="${upload.id}"]`,
    );
    expect(option.text()).toBe(`Image uploaded ${TEST_NOW.slice(0, 16).replace('T', ' ')}`);
    const missing = await editor.post(
      '/admin/articles',
      editorForm(editor, { featured_image_id: '999999', featured_image_alt: 'x' }),
    );
    expect(missing.statusCode).toBe(400);
    expect(load(missing.body)('#error-featured_image_id').text()).not.toBe('');
    const noAlt = await editor.post(
      '/admin/articles',
      editorForm(editor, { featured_image_id: String(upload.id) }),
    );
    expect(noAlt.statusCode).toBe(400);
    expect(load(noAlt.body)('#error-featured_image_alt').text()).not.toBe('');

    await create({
      title: 'The old pier at dawn',
      action: 'publish',
      featured_image_id: String(upload.id),
      featured_image_alt: 'Fishing boats "moored" beside the old pier',
    });
    const $ = load((await get('/the-old-pier-at-dawn/')).body);
    const img = $('.featured-image img');
    expect(img.attr('src')).toBe('/uploads/2026/11/pier.jpg');
    expect(img.attr('srcset')).toBe(
      '/uploads/2026/11/pier-480.webp 480w, /uploads/2026/11/pier-960.webp 960w',
    );
    expect(img.attr('sizes')).toBeTruthy();
    expect(img.attr('width')).toBe('1600');
    expect(img.attr('height')).toBe('900');
    expect(img.attr('alt')).toBe('Fishing boats "moored" beside the old pier');
  });
});
