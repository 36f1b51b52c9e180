import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'cheerio';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { multipartBody } from '../../../test/multipart.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';

/** A real image made here, so that the test does not depend on files on disk. */
function makeImage(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif' | 'avif' = 'png') {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 60 } } })
    .toFormat(format)
    .toBuffer();
}

/** Every file under a folder, as keys relative to it. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

describe.each(DIALECTS)('uploads on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  function upload(
    who: SignedIn | undefined,
    file: { bytes: Uint8Array; filename?: string; contentType?: string },
    fields: Record<string, string> = who ? { _csrf: who.csrfToken } : {},
  ) {
    const body = multipartBody(fields, [
      {
        name: 'image',
        filename: file.filename ?? 'picture.png',
        contentType: file.contentType ?? 'image/png',
        bytes: file.bytes,
      },
    ]);
    return t.app.inject({
      method: 'POST',
      url: '/admin/uploads',
      headers: { ...body.headers, accept: 'text/html', ...(who && { cookie: who.cookie }) },
      payload: body.payload,
    });
  }

  const rows = () => t.database.db.selectFrom('uploads').selectAll().orderBy('id').execute();

  it('stores a real PNG with WebP sizes of the expected widths, and serves them for a year', async () => {
    const author = await signedIn(t, 'author');
    const response = await upload(author, { bytes: await makeImage(2000, 1000) });
    expect(response.statusCode).toBe(303);
    const [row] = await rows();
    expect(row).toBeDefined();
    expect(response.headers.location).toBe(`/admin/uploads?uploaded=1#upload-${row!.id}`);
    expect(row).toMatchObject({ mime_type: 'image/png', width: 2000, height: 1000, user_id: author.id });
    const variants = JSON.parse(row!.variants) as {
      width: number;
      height: number;
      key: string;
      mime: string;
    }[];
    expect(variants.map((v) => [v.width, v.height, v.mime])).toEqual([
      [240, 120, 'image/webp'],
      [480, 240, 'image/webp'],
      [960, 480, 'image/webp'],
      [1600, 800, 'image/webp'],
    ]);
    expect(await filesUnder(t.uploadsDir)).toEqual([row!.storage_key, ...variants.map((v) => v.key)].sort());

    const served = await t.app.inject({ method: 'GET', url: `/uploads/${variants[2]!.key}` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    const meta = await sharp(served.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 960, 480]);
    const head = await t.app.inject({ method: 'HEAD', url: `/uploads/${variants[2]!.key}` });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(served.rawPayload.length));
    expect(head.body).toBe('');
    const original = await t.app.inject({ method: 'GET', url: `/uploads/${row!.storage_key}` });
    expect(original.headers['content-type']).toBe('image/png');

    // The library lists it by the name it came with; no number is shown.
    const page = await author.get(response.headers.location as string);
    expect(page.statusCode).toBe(200);
    const $ = load(page.body);
    expect($('[role=status]').text()).toContain('Image uploaded');
    expect($(`#upload-${row!.id} .media-name`).text()).toBe('picture.png');
  });

  it('never enlarges a small image: one WebP at its own width', async () => {
    const author = await signedIn(t, 'author');
    expect(
      (await upload(author, { bytes: await makeImage(200, 150, 'jpeg'), filename: 'a.jpg' })).statusCode,
    ).toBe(303);
    const [row] = await rows();
    expect(row!.mime_type).toBe('image/jpeg');
    expect(row!.storage_key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{28}\/original\.jpg$/);
    expect(JSON.parse(row!.variants)).toEqual([expect.objectContaining({ width: 200, height: 150 })]);
  });

  it.each(['webp', 'gif', 'avif'] as const)('accepts %s', async (format) => {
    const author = await signedIn(t, 'author');
    const response = await upload(author, {
      bytes: await makeImage(600, 400, format),
      filename: `a.${format}`,
    });
    expect(response.statusCode).toBe(303);
    const [row] = await rows();
    expect(row).toMatchObject({ width: 600, height: 400 });
    expect(JSON.parse(row!.variants)).toHaveLength(3);
  });

  it('strips EXIF, GPS included, and turns the picture upright', async () => {
    const author = await signedIn(t, 'author');
    const withGps = await sharp({ create: { width: 800, height: 400, channels: 3, background: '#345' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({
        IFD0: { Make: 'Spycam', Model: 'Tracker 9000' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '51/1 30/1 0/1',
          GPSLongitudeRef: 'W',
          GPSLongitude: '0/1 7/1 0/1',
        },
      })
      .toBuffer();
    const before = await sharp(withGps).metadata();
    expect(before.exif?.includes(Buffer.from('Spycam'))).toBe(true);
    expect(before.orientation).toBe(6);

    expect((await upload(author, { bytes: withGps, filename: 'holiday.jpg' })).statusCode).toBe(303);
    const [row] = await rows();
    // Orientation 6 means "rotate 90°": the stored picture is upright, 400 wide and 800 high.
    expect(row).toMatchObject({ width: 400, height: 800 });
    const keys = [row!.storage_key, ...(JSON.parse(row!.variants) as { key: string }[]).map((v) => v.key)];
    for (const key of keys) {
      const served = await t.app.inject({ method: 'GET', url: `/uploads/${key}` });
      const meta = await sharp(served.rawPayload).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(served.rawPayload.includes(Buffer.from('Spycam'))).toBe(false);
    }
  });

  it('removes the stored files again when the database write fails', async () => {
    // No user 999999: the foreign key refuses the row after the files were written.
    await expect(
      t.services.uploads.uploadImage({
        bytes: await makeImage(1000, 500),
        filename: 'a.png',
        actor: { id: 999_999, name: 'Nobody' },
      }),
    ).rejects.toThrow();
    expect(await rows()).toEqual([]);
    expect(await filesUnder(t.uploadsDir)).toEqual([]);
  });

  it('finds uploads by id, for the article pages', async () => {
    const author = await signedIn(t, 'author');
    const made = await t.services.uploads.uploadImage({
      bytes: await makeImage(1000, 500),
      filename: 'a.png',
      actor: { id: author.id, name: author.name },
    });
    expect((await t.services.uploads.getUpload(made.id))?.storageKey).toBe(made.storageKey);
    expect(await t.services.uploads.getUpload(made.id + 1)).toBeUndefined();
    const found = await t.services.uploads.findUploads([made.id, made.id + 5, -1]);
    expect([...found.keys()]).toEqual([made.id]);
    expect(found.get(made.id)?.variants.map((v) => v.width)).toEqual([240, 480, 960, 1000]);
  });

  it('refuses a text file named .png with 415, and stores nothing', async () => {
    const author = await signedIn(t, 'author');
    const response = await upload(author, {
      bytes: Buffer.from('<script>alert(1)</script> just text'),
      filename: 'evil.png',
      contentType: 'image/png',
    });
    expect(response.statusCode).toBe(415);
    expect(load(response.body)('[role=alert]').text()).toContain('not an image');
    expect(await rows()).toEqual([]);
    expect(await filesUnder(t.uploadsDir)).toEqual([]);
  });

  it('refuses an SVG even though it is a picture', async () => {
    const author = await signedIn(t, 'author');
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    const response = await upload(author, { bytes: svg, filename: 'a.svg', contentType: 'image/svg+xml' });
    expect(response.statusCode).toBe(415);
  });

  it('answers 415 as JSON to a client that asks for JSON', async () => {
    const author = await signedIn(t, 'author');
    const body = multipartBody({ _csrf: author.csrfToken }, [
      { name: 'image', filename: 'x.png', contentType: 'image/png', bytes: Buffer.from('nope') },
    ]);
    const response = await author.inject({
      method: 'POST',
      url: '/admin/uploads',
      headers: { ...body.headers, accept: 'application/json' },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ error: { code: 'UPLOAD_NOT_IMAGE' } });
  });

  it('refuses a file over 15 MB with 413', async () => {
    const author = await signedIn(t, 'author');
    const response = await upload(author, { bytes: Buffer.alloc(15 * 1024 * 1024 + 10, 1) });
    expect(response.statusCode).toBe(413);
    expect(await rows()).toEqual([]);
  });

  it('asks for a file when the form comes without one', async () => {
    const author = await signedIn(t, 'author');
    const body = multipartBody({ _csrf: author.csrfToken }, [
      { name: 'image', filename: '', contentType: 'application/octet-stream', bytes: Buffer.alloc(0) },
    ]);
    const response = await author.inject({
      method: 'POST',
      url: '/admin/uploads',
      headers: { ...body.headers, accept: 'text/html' },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(400);
    expect(load(response.body)('.form-errors').text()).toContain('Choose an image file');
  });

  it('refuses a form without the CSRF token, or with another one', async () => {
    const author = await signedIn(t, 'author');
    const image = await makeImage(100, 100);
    expect((await upload(author, { bytes: image }, {})).statusCode).toBe(403);
    expect((await upload(author, { bytes: image }, { _csrf: 'x'.repeat(43) })).statusCode).toBe(403);
    expect(await rows()).toEqual([]);
  });

  it('lets contributors upload for their own stories, and refuses signed-out visitors (401, or the sign-in page)', async () => {
    const contributor = await signedIn(t, 'contributor');
    const image = await makeImage(100, 100);
    expect((await upload(contributor, { bytes: image })).statusCode).toBe(303);
    expect((await contributor.get('/admin/uploads')).statusCode).toBe(200);
    expect(await rows()).toEqual([expect.objectContaining({ user_id: contributor.id })]);
    await t.reset();
    expect((await upload(undefined, { bytes: image })).statusCode).toBe(401);
    const page = await t.app.inject({
      method: 'GET',
      url: '/admin/uploads',
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/admin\/sign-in\?next=/);
    expect(await rows()).toEqual([]);
  });

  it('lets editors and admins open the library', async () => {
    for (const role of ['editor', 'admin'] as const) {
      const person = await signedIn(t, role);
      const page = await person.get('/admin/uploads');
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('private, no-store');
      const $ = load(page.body);
      expect($('label[for=field-image]').text()).toBe('Image');
      expect($('form[enctype="multipart/form-data"] button[type=submit]').text()).toBe('Upload');
    }
  });

  it('serves only exact keys: 404 for unknown keys, folders and paths out of the folder', async () => {
    const author = await signedIn(t, 'author');
    await upload(author, { bytes: await makeImage(100, 100) });
    const [row] = await rows();
    const folder = row!.storage_key.split('/')[0]!;
    for (const url of [
      '/uploads/ab/missing.webp',
      `/uploads/${folder}`,
      `/uploads/${folder}/`,
      '/uploads/',
      '/uploads/..%2F..%2Fpackage.json',
      '/uploads/ab/..%2F..%2F..%2Fpackage.json',
      '/uploads/ab/..%5C..%5Cpackage.json',
      '/uploads/%00/x.png',
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['cache-control'], url).not.toContain('immutable');
    }
    // Dot segments are resolved before routing, so these never reach the upload route at all.
    for (const url of ['/uploads/../package.json', '/uploads/%2E%2E/%2E%2E/package.json']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).not.toBe(200);
      expect(response.body, url).not.toContain('"name": "dateline"');
    }
  });
});
