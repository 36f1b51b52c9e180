// Hostile files at the upload form: content that is not what its name says, a polyglot, a huge
// declared size, a path in the filename, an empty file. Each is refused, or stored re-encoded and
// served as the image it is (its own Content-Type, nosniff), never as HTML or script.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app.ts';
import { DIALECTS } from '../databases.ts';
import { multipartBody } from '../multipart.ts';
import { signedIn, type SignedIn } from '../staff.ts';

const SCRIPT = '<script>alert(document.cookie)</script>';

describe.each(DIALECTS)('hostile uploads on %s', (dialect) => {
  let t: TestApp;
  let author: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    author = await signedIn(t, 'author');
  });

  const upload = (bytes: Uint8Array, filename: string, contentType: string, headers = {}) => {
    const body = multipartBody({ _csrf: author.csrfToken }, [
      { name: 'image', filename, contentType, bytes },
    ]);
    return author.inject({
      method: 'POST',
      url: '/admin/uploads',
      headers: { ...body.headers, accept: 'application/json', ...headers },
      payload: body.payload,
    });
  };
  const rows = () => t.database.db.selectFrom('uploads').selectAll().execute();
  const files = async () =>
    (await readdir(t.uploadsDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());

  it('refuses markup named as a picture, and stores nothing', async () => {
    const cases: [string, string, string][] = [
      [`<!doctype html><html><body>${SCRIPT}</body></html>`, 'photo.jpg', 'image/jpeg'],
      [
        `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">${SCRIPT}</svg>`,
        'photo.jpg',
        'image/jpeg',
      ],
      [`<svg xmlns="http://www.w3.org/2000/svg">${SCRIPT}</svg>`, 'photo.png', 'image/svg+xml'],
      [`GIF89a/*${SCRIPT}*/`, 'photo.gif', 'image/gif'],
    ];
    for (const [content, filename, type] of cases) {
      const response = await upload(Buffer.from(content), filename, type);
      expect([filename, response.statusCode]).toEqual([filename, 415]);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('UPLOAD_NOT_IMAGE');
    }
    expect(await rows()).toEqual([]);
    expect(await files()).toEqual([]);
  });

  it('stores a polyglot re-encoded: the served file is the picture alone, as an image, nosniff', async () => {
    const picture = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c83c3c' } })
      .jpeg()
      .toBuffer();
    // A real JPEG with an HTML page after its end: browsers sniffing it could find the page.
    const polyglot = Buffer.concat([picture, Buffer.from(`<html><body>${SCRIPT}</body></html>`)]);
    const response = await upload(polyglot, 'holiday.html', 'text/html');
    expect(response.statusCode).toBeLessThan(400);
    const [row] = await rows();
    expect(row!.storage_key).toMatch(/\.(jpg|png|webp)$/);
    const keys = [row!.storage_key, ...(JSON.parse(row!.variants) as { key: string }[]).map((v) => v.key)];
    for (const key of keys) {
      const served = await t.app.inject(`/uploads/${key}`);
      expect([key, served.statusCode]).toEqual([key, 200]);
      expect(served.headers['content-type']).toMatch(/^image\/(jpeg|png|webp)$/);
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.rawPayload.includes(Buffer.from('<script'))).toBe(false);
      expect(served.rawPayload.includes(Buffer.from('<html'))).toBe(false);
    }
  });

  it('keeps a path in the filename out of the storage: the key is its own', async () => {
    const picture = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#3c3cc8' } })
      .png()
      .toBuffer();
    for (const filename of [
      '../../../etc/passwd.png',
      '..\\..\\evil.png',
      '/tmp/evil.png',
      'a/../../b.png',
    ]) {
      const response = await upload(picture, filename, 'image/png');
      expect([filename, response.statusCode]).toEqual([filename, expect.toBeOneOf([200, 201, 303])]);
    }
    for (const row of await rows())
      expect(row.storage_key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]+\/original\.png$/);
    // Every file written is inside the uploads folder.
    for (const entry of await files())
      expect(
        path.resolve(entry.parentPath, entry.name).startsWith(path.resolve(t.uploadsDir) + path.sep),
      ).toBe(true);
  });

  it('refuses a zero-byte file and a huge declared size before reading it', async () => {
    const empty = await upload(Buffer.alloc(0), 'empty.jpg', 'image/jpeg');
    expect(empty.statusCode).toBe(400);
    // A body that claims to be far larger than any upload: refused, whatever follows the claim.
    const body = multipartBody({ _csrf: author.csrfToken }, [
      { name: 'image', filename: 'huge.jpg', contentType: 'image/jpeg', bytes: Buffer.alloc(16) },
    ]);
    const claims = await author.inject({
      method: 'POST',
      url: '/admin/uploads',
      headers: { ...body.headers, 'content-length': String(2 * 1024 ** 3), accept: 'application/json' },
      payload: body.payload,
    });
    expect(claims.statusCode).toBe(413);
    expect(await rows()).toEqual([]);
    expect(await files()).toEqual([]);
  });
});
