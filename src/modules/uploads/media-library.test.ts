import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'cheerio';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { buildArticle } from '../../../test/factories.ts';
import { multipartBody } from '../../../test/multipart.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';
import type { LibraryItem } from './views/library-item.ts';

function makeImage(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 90, b: 160 } } })
    .png()
    .toBuffer();
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

describe.each(DIALECTS)('the media library on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  /** Uploads through the picker's own request: multipart, asking for JSON. */
  async function uploadAsPicker(who: SignedIn, filename: string, bytes?: Buffer) {
    const body = multipartBody({ _csrf: who.csrfToken }, [
      { name: 'image', filename, contentType: 'image/png', bytes: bytes ?? (await makeImage(640, 360)) },
    ]);
    return who.inject({
      method: 'POST',
      url: '/admin/uploads',
      headers: { ...body.headers, accept: 'application/json' },
      payload: body.payload,
    });
  }

  async function stored(who: SignedIn, filename: string): Promise<LibraryItem> {
    const response = await uploadAsPicker(who, filename);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ upload: LibraryItem }>().upload;
  }

  async function library(who: SignedIn, query = '') {
    const response = await who.get(`/admin/uploads/library${query}`, { accept: 'application/json' });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: LibraryItem[]; page: number; hasMore: boolean }>();
  }

  it('lets a contributor upload for their story, and answers the picker with what it shows', async () => {
    const contributor = await signedIn(t, 'contributor');
    const item = await stored(contributor, 'C:\\Users\\me\\Harbour at dawn.png');
    expect(item).toMatchObject({ filename: 'Harbour at dawn.png', alt: '', width: 640, height: 360 });
    expect(item.url).toMatch(/^\/uploads\/[0-9a-f]{2}\/[0-9a-f]+\/original\.png$/);
    expect(item.thumb).toMatch(/\/w240\.webp$/);
    expect(item.srcset).toBe(
      ['240', '480', '640'].map((w) => `${item.url.replace('original.png', `w${w}.webp`)} ${w}w`).join(', '),
    );
    const row = await t.database.db
      .selectFrom('uploads')
      .select(['user_id', 'filename'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ user_id: contributor.id, filename: 'Harbour at dawn.png' });
  });

  it('lists newest first, searches file names and alt text in any case, and pages', async () => {
    const author = await signedIn(t, 'author');
    const ferry = await stored(author, 'ferry-terminal.png');
    const storm = await stored(author, 'storm_100%.png');
    await t.database.db
      .updateTable('uploads')
      .set({ alt: 'Waves over the Harbour wall' })
      .where('id', '=', storm.id)
      .execute();
    const market = await stored(author, 'market.png');

    expect((await library(author)).items.map((i) => i.id)).toEqual([market.id, storm.id, ferry.id]);
    expect((await library(author, '?q=FERRY')).items.map((i) => i.id)).toEqual([ferry.id]);
    expect((await library(author, '?q=harbour')).items.map((i) => i.id)).toEqual([storm.id]);
    // LIKE's wildcards are only characters here.
    expect((await library(author, `?q=${encodeURIComponent('100%')}`)).items.map((i) => i.id)).toEqual([
      storm.id,
    ]);
    expect((await library(author, '?q=_')).items.map((i) => i.id)).toEqual([storm.id]);
    expect((await library(author, '?q=nothing-like-it')).items).toEqual([]);

    // 24 to a page: 26 images make two.
    for (let n = 0; n < 23; n += 1)
      await t.services.uploads.uploadImage({
        bytes: await makeImage(50 + n, 40),
        filename: `batch-${n}.png`,
        actor: { id: author.id, name: author.name },
      });
    const first = await library(author);
    expect(first.items).toHaveLength(24);
    expect(first.hasMore).toBe(true);
    const second = await library(author, '?page=2');
    expect(second.items.map((i) => i.id)).toEqual([storm.id, ferry.id]);
    expect(second.hasMore).toBe(false);
    // A page number that does not fit is dropped, not an error.
    expect((await library(author, '?page=abc')).page).toBe(1);
  });

  it('is the newsroom’s only: signed-out visitors get 401', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/admin/uploads/library',
      headers: { accept: 'application/json' },
    });
    expect(response.statusCode).toBe(401);
  });

  it('keeps the alt text the picker asks for, for the uploader and editors only', async () => {
    const contributor = await signedIn(t, 'contributor');
    const other = await signedIn(t, 'author');
    const editor = await signedIn(t, 'editor');
    const item = await stored(contributor, 'pier.png');
    const setAlt = (who: SignedIn, alt: string) =>
      who.inject({
        method: 'POST',
        url: `/admin/uploads/${item.id}/alt`,
        headers: { 'content-type': 'application/json', 'x-csrf-token': who.csrfToken },
        payload: JSON.stringify({ alt }),
      });
    const altNow = async () =>
      (
        await t.database.db
          .selectFrom('uploads')
          .select('alt')
          .where('id', '=', item.id)
          .executeTakeFirstOrThrow()
      ).alt;

    expect((await setAlt(contributor, '  The old pier\n at dawn ')).json()).toEqual({
      ok: true,
      stored: true,
    });
    expect(await altNow()).toBe('The old pier at dawn');
    expect((await setAlt(other, 'Something else')).json()).toEqual({ ok: true, stored: false });
    expect(await altNow()).toBe('The old pier at dawn');
    expect((await setAlt(editor, 'Boats by the old pier')).json()).toEqual({ ok: true, stored: true });
    expect(await altNow()).toBe('Boats by the old pier');
    // Without the token, nothing changes.
    const forged = await contributor.inject({
      method: 'POST',
      url: `/admin/uploads/${item.id}/alt`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ alt: 'forged' }),
    });
    expect(forged.statusCode).toBe(403);
    expect(await altNow()).toBe('Boats by the old pier');
  });

  it('deletes an unused image with its files, for editors only, and audits it', async () => {
    const author = await signedIn(t, 'author');
    const editor = await signedIn(t, 'editor');
    const item = await stored(author, 'unused.png');
    const keep = await stored(author, 'kept.png');
    const before = await filesUnder(t.uploadsDir);
    expect(before.filter((f) => item.url.includes(path.dirname(f)))).toHaveLength(4);

    expect((await author.post(`/admin/uploads/${item.id}/delete`)).statusCode).toBe(403);
    const contributor = await signedIn(t, 'contributor');
    expect((await contributor.post(`/admin/uploads/${item.id}/delete`)).statusCode).toBe(403);
    expect(await filesUnder(t.uploadsDir)).toEqual(before);

    const response = await editor.post(`/admin/uploads/${item.id}/delete`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/uploads?deleted=1');
    const ids = (await t.database.db.selectFrom('uploads').select('id').execute()).map((r) => Number(r.id));
    expect(ids).toEqual([keep.id]);
    const after = await filesUnder(t.uploadsDir);
    expect(after.some((f) => item.url.includes(path.dirname(f)))).toBe(false);
    expect(after).toHaveLength(before.length - 4);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'subject', 'user_id'])
      .where('action', '=', 'upload.delete')
      .execute();
    expect(audit).toEqual([{ action: 'upload.delete', subject: `upload:${item.id}`, user_id: editor.id }]);
    expect((await editor.post(`/admin/uploads/${item.id}/delete`)).statusCode).toBe(404);
  });

  it('refuses (409) to delete an image an article, a page or a profile shows, naming them', async () => {
    const editor = await signedIn(t, 'editor');
    const featured = await stored(editor, 'featured.png');
    const inBody = await stored(editor, 'in-body.png');
    const onPage = await stored(editor, 'on-page.png');
    const avatar = await stored(editor, 'avatar.png');
    const article = await buildArticle(t.services, { title: 'The harbour <wall> held' });
    await t.database.db
      .updateTable('articles')
      .set({ featured_image_id: featured.id, featured_image_alt: 'The wall' })
      .where('id', '=', article.id)
      .execute();
    // A body shows whichever size it picked: any file of the upload counts.
    await buildArticle(t.services, {
      title: 'Storm night',
      body: `Before.\n\n![Waves](${inBody.thumb.replace('w240', 'w480')})`,
    });
    await buildArticle(t.services, {
      title: 'A draft with it',
      status: 'draft',
      body: `![Waves again](${inBody.url})`,
    });
    await t.services.pages.save({
      title: 'About the harbour',
      slug: 'about-harbour',
      body: `![The office](${onPage.url})`,
      status: 'published',
    });
    await t.database.db
      .updateTable('authors')
      .set({ avatar_url: avatar.thumb })
      .where('slug', '=', editor.authorSlug)
      .execute();
    const filesBefore = await filesUnder(t.uploadsDir);

    const json = await editor.inject({
      method: 'POST',
      url: `/admin/uploads/${inBody.id}/delete`,
      headers: { accept: 'application/json', 'x-csrf-token': editor.csrfToken },
    });
    expect(json.statusCode).toBe(409);
    const error = json.json<{ error: { code: string; message: string } }>().error;
    expect(error.code).toBe('UPLOAD_IN_USE');
    expect(error.message).toContain('“A draft with it”');
    expect(error.message).toContain('“Storm night”');

    const html = await editor.post(`/admin/uploads/${featured.id}/delete`);
    expect(html.statusCode).toBe(409);
    expect(load(html.body)('[role=alert]').text()).toContain('“The harbour <wall> held”');

    const page = await editor.post(`/admin/uploads/${onPage.id}/delete`, {}, { accept: 'application/json' });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('the page “About the harbour”');
    const profile = await editor.post(
      `/admin/uploads/${avatar.id}/delete`,
      {},
      { accept: 'application/json' },
    );
    expect(profile.statusCode).toBe(409);
    expect(profile.body).toContain(`${editor.name}’s profile`);

    expect(await t.database.db.selectFrom('uploads').select('id').execute()).toHaveLength(4);
    expect(await filesUnder(t.uploadsDir)).toEqual(filesBefore);
  });

  it('refuses to publish or schedule while a body image lacks alt text, naming it, and keeps the text', async () => {
    const editor = await signedIn(t, 'editor');
    const item = await stored(editor, 'harbour-crane.png');
    const figure = (src: string, alt: string) =>
      `<figure class="figure"><img src="${src}" alt="${alt}" /></figure>`;
    const body =
      '<p>The crane came down.</p>' +
      figure(item.thumb, '') +
      figure('https://example.com/elsewhere/boat.jpg', '') +
      figure(item.url, 'A described one');
    const typed = editorForm(editor, { title: 'The crane came down', body, action: 'publish' });

    const refused = await editor.post('/admin/articles', typed);
    expect(refused.statusCode).toBe(422);
    const $ = load(refused.body);
    expect($('[role=alert]').text()).toContain('alt text');
    const problem = $('#error-body').text();
    expect(problem).toContain('“harbour-crane.png”');
    expect(problem).toContain('“https://example.com/elsewhere/boat.jpg”');
    expect(problem).not.toContain('A described one');
    expect($('#field-body').text()).toBe(body);
    expect($('#field-title').val()).toBe('The crane came down');
    expect(await t.database.db.selectFrom('articles').select('id').execute()).toEqual([]);

    const scheduled = await editor.post('/admin/articles', {
      ...typed,
      action: 'schedule',
      publish_at: '2027-01-05T09:00',
    });
    expect(scheduled.statusCode).toBe(422);

    // A draft may wait for its descriptions; publishing it once they are there works.
    const draft = await editor.post('/admin/articles', { ...typed, action: 'save' });
    expect(draft.statusCode).toBe(303);
    const id = editedId(draft.headers.location);
    const version = load((await editor.get(`/admin/articles/${id}/edit`)).body)('input[name=version]').val();
    const described = body.replace('alt=""', 'alt="Crane on the quay"').replace('alt=""', 'alt="A boat"');
    const published = await editor.post(`/admin/articles/${id}`, {
      ...typed,
      body: described,
      version: String(version),
    });
    expect(published.statusCode, load(published.body)('.form-errors').text()).toBe(303);
  });

  it('shows the featured image by name and thumbnail, never by number', async () => {
    const editor = await signedIn(t, 'editor');
    const item = await stored(editor, 'lighthouse.png');
    const saved = await editor.post(
      '/admin/articles',
      editorForm(editor, {
        title: 'The lighthouse',
        featured_image_id: String(item.id),
        featured_image_alt: 'The lighthouse at dusk',
      }),
    );
    expect(saved.statusCode).toBe(303);
    const $ = load((await editor.get(String(saved.headers.location))).body);
    const field = $('[data-featured-image]');
    expect(field.find('button[data-featured-open]').text().trim()).toBe('Featured image');
    expect(field.find('[data-featured-name]').text()).toBe('lighthouse.png');
    expect(field.find('img[data-featured-thumb]').attr('src')).toBe(item.thumb);
    expect(field.find('select option:checked').text()).toBe('lighthouse.png');
    expect(field.find('label, option, span, button').text()).not.toMatch(/\d/);
    // The picker comes as files from 'self', never inline.
    expect($('script[src*="/assets/media-picker."]')).toHaveLength(1);
    expect($('link[href*="/assets/media-picker."]')).toHaveLength(1);
  });
});
