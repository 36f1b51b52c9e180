import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'cheerio';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { multipartBody, type FilePart } from '../../../test/multipart.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';
import { zipOf, type ZipEntry } from '../../../test/zip.ts';
import { MAX_EXPORT_BYTES } from './runs.ts';

const FIXTURE = readFileSync(
  fileURLToPath(new URL('./fixtures/harbour-gazette-wxr-1.2.xml', import.meta.url)),
);

/** The picture the fixture's attachment 140 names in `_wp_attached_file`. */
const ATTACHED_FILE = '2024/05/ferry-pier.jpg';

function exportPart(bytes: Uint8Array, filename = 'harbour-gazette.xml'): FilePart {
  return { name: 'export', filename, contentType: 'text/xml', bytes };
}

function zipPart(entries: ZipEntry[]): FilePart {
  return { name: 'uploads', filename: 'uploads.zip', contentType: 'application/zip', bytes: zipOf(entries) };
}

describe.each(DIALECTS)('the Import screen on %s', (dialect) => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    admin = await signedIn(t, 'admin');
  });

  function upload(
    who: SignedIn,
    files: FilePart[],
    fields: Record<string, string> = { _csrf: who.csrfToken },
  ) {
    const body = multipartBody(fields, files);
    return who.inject({
      method: 'POST',
      url: '/admin/import',
      headers: { ...body.headers, accept: 'text/html' },
      payload: body.payload,
    });
  }

  /** Reloads the run's page, as the browser does, until it stops asking to be reloaded. */
  async function settled(url: string) {
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const page = await admin.get(url);
      expect(page.statusCode, url).toBe(200);
      const $ = load(page.body);
      if ($('meta[http-equiv="refresh"]').length === 0) return $;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`${url} kept reloading`);
  }

  const runs = () => t.database.db.selectFrom('import_runs').selectAll().orderBy('id').execute();
  /** The run folders left in the private imports folder. */
  const folders = () => readdirSync(t.importsDir);

  it('is for admins only: other roles get 403 and no link', async () => {
    const page = load((await admin.get('/admin/import')).body);
    expect(page('a[href="/admin/import"]').attr('aria-current')).toBe('page');
    for (const role of ['contributor', 'author', 'editor'] as const) {
      const person = await signedIn(t, role);
      expect((await person.get('/admin/import')).statusCode, role).toBe(403);
      expect((await upload(person, [exportPart(FIXTURE)])).statusCode, role).toBe(403);
      expect((await person.get('/admin/import/1')).statusCode, role).toBe(403);
      expect((await person.post('/admin/import/1/run')).statusCode, role).toBe(403);
      expect(load((await person.get('/admin/profile')).body)('a[href="/admin/import"]'), role).toHaveLength(
        0,
      );
    }
    expect(await runs()).toEqual([]);
    expect(folders()).toEqual([]);
  });

  it('checks an export, shows the report, and imports it once confirmed', async () => {
    const form = load((await admin.get('/admin/import')).body);
    expect(form('form[action="/admin/import"]').attr('enctype')).toBe('multipart/form-data');
    expect(form('label[for="field-export"]').text()).toContain('50 MB');
    expect(form('label[for="field-uploads"]').text()).toContain('500 MB');
    expect(form('pre.command').text()).toContain('dateline import wordpress');

    const response = await upload(admin, [exportPart(FIXTURE)]);
    expect(response.statusCode).toBe(303);
    const url = String(response.headers.location);
    expect(url).toMatch(/^\/admin\/import\/\d+$/);

    // Checked: the dry run's report, and nothing written.
    const $ = await settled(url);
    expect($('h1').text()).toBe('Import: harbour-gazette.xml');
    expect($('.status').text()).toBe('Checked: waiting for you to start it');
    expect($('#import-report').text()).toBe('What the import will bring across');
    const counts = Object.fromEntries(
      $('table.import-counts tbody tr')
        .toArray()
        .map((row) => [$(row).find('th').text(), $(row).find('td').first().text()]),
    );
    expect(counts).toMatchObject({ Posts: '1', Pages: '1', Authors: '2', Comments: '2', Tags: '1' });
    expect($('.import-report').text()).toContain('No zip of wp-content/uploads was given');
    expect($('table.import-written')).toHaveLength(0);
    expect(await t.database.db.selectFrom('articles').select('id').execute()).toEqual([]);
    const start = $(`form[action="${url}/run"]`);
    expect(start.find('input[name="_csrf"]').attr('value')).toBe(admin.csrfToken);
    expect(start.find('button').text()).toBe('Start the import');

    // Confirmed: imported in the background, audited.
    const started = await admin.post(`${url}/run`);
    expect(started.statusCode).toBe(303);
    expect(started.headers.location).toBe(url);
    const $done = await settled(url);
    expect($done('.status').text()).toBe('Imported');
    expect($done('#import-report').text()).toBe('What was imported');
    expect($done('table.import-written tbody td').first().text()).not.toBe('0');
    expect($done(`form[action="${url}/run"]`)).toHaveLength(0);
    const article = await t.database.db
      .selectFrom('articles')
      .select(['title', 'status'])
      .where('slug', '=', 'night-ferry-returns')
      .executeTakeFirst();
    expect(article).toEqual({ title: 'Night ferry to return after a winter away', status: 'published' });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'subject', 'user_name'])
      .where('action', '=', 'import.start')
      .execute();
    expect(audit).toEqual([
      { action: 'import.start', subject: url.replace('/admin/import/', 'import:'), user_name: admin.name },
    ]);
    // Done: the files go once the job ends, and the run is listed.
    await t.services.imports.idle();
    expect(folders()).toEqual([]);
    const list = load((await admin.get('/admin/import')).body);
    expect(list('table.import-runs tbody tr').text()).toContain('Imported');
    // Only a checked run starts: a second start of a finished one is refused on its page.
    const again = await admin.post(`${url}/run`);
    expect(again.statusCode).toBe(409);
    expect(load(again.body)('.form-errors').text()).toContain('cannot be started');
  });

  it('shows progress while a run works, reloading itself, and stops reloading when asked', async () => {
    const at = TEST_NOW;
    const { id } = await t.database.db
      .insertInto('import_runs')
      .values({
        status: 'scanned',
        file_key: 'gone/export/site.xml',
        file_name: 'site.xml',
        progress: 300,
        total: 1200,
        user_id: admin.id,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const $ = load((await admin.get(`/admin/import/${id}`)).body);
    expect($('meta[http-equiv="refresh"]').attr('content')).toBe('2');
    expect($('progress#import-progress').attr('value')).toBe('300');
    expect($('progress#import-progress').attr('max')).toBe('1200');
    expect($('label[for="import-progress"]').text()).toBe('Checking the export');
    expect($('form[action$="/run"]')).toHaveLength(0);
    const $off = load((await admin.get(`/admin/import/${id}?updates=off`)).body);
    expect($off('meta[http-equiv="refresh"]')).toHaveLength(0);
    expect($off('progress#import-progress')).toHaveLength(1);
  });

  it('refuses a file that is not a WordPress export on the form, naming the line', async () => {
    for (const [bytes, why] of [
      [
        'Minutes of the harbour board, 3 June.\nNothing to report.\n',
        /line \d+: This file is not a WordPress export \(WXR\): it does not start as XML/,
      ],
      ['<!doctype html>\n<html><body>Not an export</body></html>', /web page \(HTML\)/],
      [
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>A feed</title><item></item></channel></rss>',
        /line 2: .*no WordPress export namespace/,
      ],
      [zipOf([{ name: 'export.xml', bytes: FIXTURE }]), /This is a zip, not a WordPress export/],
    ] as const) {
      const response = await upload(admin, [exportPart(Buffer.from(bytes), 'notes.xml')]);
      expect(response.statusCode).toBe(400);
      const $ = load(response.body);
      expect($('#error-export').text()).toMatch(why);
      expect($('.form-errors').text()).toContain('Choose the files again');
      expect($('#field-export').attr('aria-describedby')).toContain('error-export');
    }
    expect(await runs()).toEqual([]);
    expect(folders()).toEqual([]);
  });

  it('asks for the export when the form comes without one', async () => {
    const empty = await upload(admin, [
      { name: 'export', filename: '', contentType: 'application/octet-stream', bytes: Buffer.alloc(0) },
      { name: 'uploads', filename: '', contentType: 'application/octet-stream', bytes: Buffer.alloc(0) },
    ]);
    expect(empty.statusCode).toBe(400);
    expect(load(empty.body)('#error-export').text()).toContain('Choose the WordPress export');
    const urlencoded = await admin.post('/admin/import', {});
    expect(urlencoded.statusCode).toBe(400);
    expect(load(urlencoded.body)('#error-export').text()).toContain('Choose the WordPress export');
    expect(await runs()).toEqual([]);
    expect(folders()).toEqual([]);
  });

  it('refuses an export over 50 MB with 413 and points to the command', async () => {
    const big = Buffer.alloc(MAX_EXPORT_BYTES + 1, 0x20);
    const response = await upload(admin, [exportPart(big)]);
    expect(response.statusCode).toBe(413);
    const text = load(response.body)('.form-errors').text();
    expect(text).toContain('larger than 50 MB');
    expect(text).toContain('dateline import wordpress');
    expect(await runs()).toEqual([]);
    expect(folders()).toEqual([]);
  });

  it('refuses a form whose token is missing, before keeping any file', async () => {
    const response = await upload(admin, [exportPart(FIXTURE)], {});
    expect(response.statusCode).toBe(403);
    expect(await runs()).toEqual([]);
    expect(folders()).toEqual([]);
  });

  it('refuses a zip with an entry that leaves the folder, writing nothing', async () => {
    const response = await upload(admin, [
      exportPart(FIXTURE),
      zipPart([
        { name: 'uploads/2024/05/ferry-pier.jpg', bytes: 'jpeg' },
        { name: '../evil', bytes: 'gotcha' },
      ]),
    ]);
    expect(response.statusCode).toBe(400);
    expect(load(response.body)('#error-uploads').text()).toContain('“../evil” leads out of the folder');
    expect(await runs()).toEqual([]);
    expect(folders()).toEqual([]);
    expect(existsSync(path.join(t.importsDir, '..', 'evil'))).toBe(false);
  });

  it('imports the pictures from a zip of wp-content/uploads', async () => {
    const jpeg = await sharp({
      create: { width: 64, height: 40, channels: 3, background: { r: 20, g: 90, b: 160 } },
    })
      .jpeg()
      .toBuffer();
    const response = await upload(admin, [
      exportPart(FIXTURE),
      zipPart([
        { name: 'wp-content/' },
        { name: 'wp-content/uploads/' },
        { name: `wp-content/uploads/${ATTACHED_FILE}`, bytes: jpeg },
        { name: '__MACOSX/wp-content/uploads/2024/05/._ferry-pier.jpg', bytes: 'fork' },
      ]),
    ]);
    expect(response.statusCode).toBe(303);
    const url = String(response.headers.location);
    const $ = await settled(url);
    expect($('.status').text()).toBe('Checked: waiting for you to start it');
    expect($('.import-report').text()).toContain('Pictures come from the zip');
    expect($('.import-report').text()).not.toContain('ferry-pier.jpg');
    expect((await runs())[0]?.uploads_key).toMatch(/\/uploads\/wp-content\/uploads$/);

    expect((await admin.post(`${url}/run`)).statusCode).toBe(303);
    const $done = await settled(url);
    expect($done('.status').text()).toBe('Imported');
    const uploads = await t.database.db.selectFrom('uploads').select(['width', 'height']).execute();
    expect(uploads).toEqual([{ width: 64, height: 40 }]);
    const item = await t.database.db
      .selectFrom('import_items')
      .select('target')
      .where('wp_key', '=', 'attachment:140')
      .executeTakeFirst();
    expect(item).toEqual({ target: 'upload' });
    await t.services.imports.idle();
    expect(folders()).toEqual([]);
  });

  it('shows a check that fails on a truncated export as failed, naming the line, never a 500', async () => {
    const text = FIXTURE.toString('utf8');
    const cut = Buffer.from(text.slice(0, text.indexOf('<wp:comment>')));
    const response = await upload(admin, [exportPart(cut, 'cut.xml')]);
    expect(response.statusCode).toBe(303);
    const $ = await settled(String(response.headers.location));
    expect($('.status').text()).toBe('Failed');
    expect($('.form-errors[role="alert"]').text()).toMatch(/ends early \(truncated\?\) at line \d+/);
    expect($('.form-errors a[href="/admin/import"]').text()).toBe('Upload the export again');
    expect($('form[action$="/run"]')).toHaveLength(0);
    // Nothing left to run: its files go.
    await t.services.imports.idle();
    expect(folders()).toEqual([]);
  });

  it('runs one import at a time', async () => {
    const first = String((await upload(admin, [exportPart(FIXTURE, 'first.xml')])).headers.location);
    const second = String((await upload(admin, [exportPart(FIXTURE, 'second.xml')])).headers.location);
    await settled(first);
    await settled(second);
    const firstId = Number(first.split('/').pop());
    // The first is importing, in another process for all this one knows.
    await t.database.db
      .updateTable('import_runs')
      .set({ status: 'running' })
      .where('id', '=', firstId)
      .execute();
    const refused = await admin.post(`${second}/run`);
    expect(refused.statusCode).toBe(409);
    expect(load(refused.body)('.form-errors').text()).toContain(`Import ${firstId} is running`);
    expect((await runs()).find((r) => r.id !== firstId)?.status).toBe('scanned');
    expect(
      await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'import.start').execute(),
    ).toEqual([]);
  });

  it('says a run left by a process that died was interrupted, and that it resumes when run again', async () => {
    const hourAgo = new Date(Date.parse(TEST_NOW) - 3_600_000).toISOString();
    const { id } = await t.database.db
      .insertInto('import_runs')
      .values({
        status: 'running',
        file_key: 'gone/export/site.xml',
        file_name: 'site.xml',
        report: JSON.stringify({ dryRun: true }),
        user_id: admin.id,
        created_at: hourAgo,
        updated_at: hourAgo,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const $ = load((await admin.get(`/admin/import/${id}`)).body);
    expect($('.status').text()).toBe('Interrupted');
    expect($('.form-errors').text()).toContain('run it again; the import resumes');
    expect($('meta[http-equiv="refresh"]')).toHaveLength(0);
    expect((await runs())[0]?.status).toBe('failed');
  });

  it('answers ids that name nothing with 404, never a 500', async () => {
    for (const id of ['999', '0', 'abc', '9999999999']) {
      expect((await admin.get(`/admin/import/${id}`)).statusCode, id).toBe(404);
      expect((await admin.post(`/admin/import/${id}/run`)).statusCode, id).toBe(404);
    }
  });
});
