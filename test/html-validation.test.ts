// Every page type must pass the Nu Html Checker (the W3C's validator, npm vnu-jar) with zero errors.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../src/server.tsx';
import { createFileStorage } from '../src/platform/storage.ts';
import { sampleArticles } from '../src/modules/sample/content.ts';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { multipartBody } from './multipart.ts';
import { signedIn } from './staff.ts';

const vnuJar = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')),
  'build/dist/vnu.jar',
);
const javaMissing = spawnSync('java', ['-version']).status !== 0 ? 'java is not installed' : undefined;
if (javaMissing && !process.env.CI) console.warn(`Skipping HTML validation: ${javaMissing}`);

describe.skipIf(javaMissing !== undefined && !process.env.CI)('the Nu Html Checker', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    // With its pictures, so the lists and articles are checked with their <img> elements.
    await seedIfEmpty(t.database, { storage: createFileStorage({ root: t.uploadsDir }) });
  });
  afterAll(async () => t?.close());

  it('finds zero errors on every page type', { timeout: 120_000 }, async () => {
    const sourced = sampleArticles.find((a) => a.source && a.comments?.length) ?? sampleArticles[0]!;
    const pages: Record<string, () => Promise<string>> = {
      front: async () => (await t.app.inject('/')).body,
      'front-page-2': async () => (await t.app.inject('/page/2/')).body,
      article: async () => (await t.app.inject(`/${sourced.slug}/`)).body,
      'article-reply': async () => (await t.app.inject(`/${sourced.slug}/?replytocom=1`)).body,
      'article-comment-errors': async () =>
        (
          await t.app.inject({
            method: 'POST',
            url: `/${sourced.slug}/comments`,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: 'comment=&author=&email=bad&url=javascript:x',
          })
        ).body,
      author: async () => (await t.app.inject(`/author/${sourced.authors[0]}/`)).body,
      tag: async () => (await t.app.inject('/tag/harbour/')).body,
      section: async () => (await t.app.inject('/section/news/')).body,
      'standing-page': async () => (await t.app.inject('/corrections-policy/')).body,
      'standing-page-child': async () => (await t.app.inject('/about/contact/')).body,
      'section-empty': async () => {
        await t.services.sections.save({ name: 'Letters', slug: 'letters', parent: 'opinion' });
        return (await t.app.inject('/section/letters/')).body;
      },
      search: async () => (await t.app.inject('/search?q=harbour')).body,
      'search-empty': async () => (await t.app.inject('/search?q=')).body,
      'not-found': async () => (await t.app.inject('/no-such-page/')).body,
      'admin-sign-in': async () => (await t.app.inject('/admin/sign-in')).body,
    };
    // Every newsroom screen, as an admin sees it.
    const admin = await signedIn(t, 'admin');
    const article = await t.database.db
      .selectFrom('articles')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const comment = await t.database.db
      .selectFrom('comments')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    for (const url of [
      '/admin/articles',
      '/admin/articles/new',
      `/admin/articles/${article.id}/edit`,
      `/admin/articles/${article.id}/revisions`,
      `/admin/articles/${article.id}/preview?width=phone`,
      `/admin/articles/${article.id}/preview/frame`,
      '/admin/comments',
      `/admin/comments/${comment.id}/edit`,
      '/admin/settings',
      '/admin/users',
      '/admin/profile',
      '/admin/uploads',
      '/admin/audit',
      '/admin/tags',
      '/admin/redirects',
      '/admin/pages',
      '/admin/pages/new',
      '/admin/front-page',
      '/admin/import',
      '/admin/password',
      '/admin/wire',
    ]) {
      pages[`admin${url.replace(/[^a-z0-9]+/g, '-')}`] = async () => {
        const response = await admin.get(url);
        expect(response.statusCode, url).toBe(200);
        return response.body;
      };
    }
    // The Wire screen with a story of two reports, one of them copied, and a failing source.
    pages['admin-wire-stories'] = async () => {
      const db = t.database.db;
      const at = '2026-11-26T10:00:00.000Z';
      const source = await db
        .insertInto('wire_sources')
        .values({
          name: 'Tidewater Times',
          feed_url: 'https://tidewater-times.example/feed',
          status: 'failing',
          last_error: 'Failed 5 times in a row; Dateline keeps trying, less often. Last: 503',
          next_fetch_at: at,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const story = await db
        .insertInto('wire_stories')
        .values({ created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const item = (n: number, duplicateOf: number | null) => ({
        source_id: source.id,
        identity: `guid:${n}`,
        title: `Landslide <b>shuts</b> coast road ${n}`,
        url: `https://tidewater-times.example/${n}`,
        summary: 'A landslide at Kestrel Point closed the coast road.',
        published_at: at,
        fetched_at: at,
        updated_at: at,
        content_hash: `hash-${n}`,
        story_id: story.id,
        duplicate_of: duplicateOf,
      });
      const root = await db
        .insertInto('wire_items')
        .values(item(1, null))
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('wire_items').values(item(2, root.id)).execute();
      await db
        .insertInto('wire_items')
        .values({ ...item(3, null), draft_article_id: article.id })
        .execute();
      const response = await admin.get('/admin/wire?q=landslide');
      expect(response.statusCode).toBe(200);
      return response.body;
    };
    // The Redirects screen with rows of each kind, and the page a 410 answers.
    for (const [from, to, status, external] of [
      ['/old-story/', '/new-story/', 301, false],
      ['/partner/', 'https://partner.example/', 302, true],
      ['/withdrawn/', '', 410, false],
    ] as const)
      await t.services.redirects.create({ from, to, status, external, actor: null });
    pages.gone = async () => (await t.app.inject('/withdrawn/')).body;
    // The Front page screen refusing seven pins, an unknown lead and a bad count, keeping what was typed.
    pages['admin-front-page-errors'] = async () => {
      const form: Record<string, string> = {
        lead: 'no-such-story',
        'row-1-section': 'sport',
        'row-1-count': '0',
      };
      sampleArticles.slice(0, 7).forEach((a, i) => {
        form[`pin-${i + 1}-article`] = a.slug;
        form[`pin-${i + 1}-expires`] = '';
      });
      const response = await admin.post('/admin/front-page', form);
      expect(response.statusCode).toBe(400);
      return response.body;
    };
    // The Import screen: a checked run with its report and start button, a run at work (reloading
    // itself), and the form refusing a file that is not an export.
    const uploadExport = async (bytes: Buffer) => {
      const body = multipartBody({ _csrf: admin.csrfToken }, [
        { name: 'export', filename: 'site.xml', contentType: 'text/xml', bytes },
      ]);
      return admin.inject({
        method: 'POST',
        url: '/admin/import',
        headers: { ...body.headers, accept: 'text/html' },
        payload: body.payload,
      });
    };
    pages['admin-import-checked'] = async () => {
      const fixture = readFileSync(
        new URL('../src/modules/wordpress/fixtures/harbour-gazette-wxr-1.2.xml', import.meta.url),
      );
      const uploaded = await uploadExport(fixture);
      expect(uploaded.statusCode).toBe(303);
      await t.services.imports.idle();
      const response = await admin.get(String(uploaded.headers.location));
      expect(response.body).toContain('Start the import');
      return response.body;
    };
    pages['admin-import-progress'] = async () => {
      const now = t.clock.now().toISOString();
      const { id } = await t.database.db
        .insertInto('import_runs')
        .values({
          status: 'scanned',
          file_key: 'gone/export/site.xml',
          file_name: 'site.xml',
          progress: 10,
          total: 40,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const body = (await admin.get(`/admin/import/${id}`)).body;
      expect(body).toContain('<progress');
      return body;
    };
    pages['admin-import-errors'] = async () => {
      const response = await uploadExport(Buffer.from('not an export'));
      expect(response.statusCode).toBe(400);
      return response.body;
    };
    // The preview screen with a private link just made, then the page that link shows.
    let previewPath = '';
    pages['admin-preview-link-created'] = async () => {
      const response = await admin.post(`/admin/articles/${article.id}/preview-links`, { expires: '24' });
      expect(response.statusCode).toBe(200);
      previewPath = /value="[^"]*?(\/preview\/[^"]+)"/.exec(response.body)?.[1] ?? '';
      return response.body;
    };
    pages['preview-link'] = async () => {
      const response = await t.app.inject(previewPath);
      expect(response.statusCode, previewPath).toBe(200);
      return response.body;
    };
    // The editor with every field in error, as a failed save shows it.
    pages['admin-editor-errors'] = async () =>
      (await admin.post('/admin/articles', { title: '', body: '', source_url: 'not a url', action: 'save' }))
        .body;
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-vnu-'));
    const files: string[] = [];
    for (const [name, fetchPage] of Object.entries(pages)) {
      const file = path.join(dir, `${name}.html`);
      const html = await fetchPage();
      expect(html.startsWith('<!doctype html>'), name).toBe(true);
      writeFileSync(file, html);
      files.push(file);
    }
    // One JVM for every file: starting Java costs seconds.
    const result = await promisify(execFile)('java', [
      '-jar',
      vnuJar,
      '--format',
      'gnu',
      '--errors-only',
      ...files,
    ]).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? 1,
        output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
    expect(result.output.trim(), result.output).toBe('');
    expect(result.code).toBe(0);
  });
});
