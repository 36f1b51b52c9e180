import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStorage } from '../../platform/storage.ts';
import { createApp, createServices } from '../../app.tsx';
import { fixedClock } from '../../platform/clock.ts';
import { seedIfEmpty } from '../../server.tsx';
import { openTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import { correctionsPolicyPath } from '../pages/index.ts';
import { sampleArticles, sampleFrontPage } from './content.ts';
import { samplePictures } from './pictures.ts';

// An upload's folder name holds a random part (two uploads of one picture never share files), so the
// pages are compared with each upload's folder replaced by its place in the page.
function withStableUploadKeys(html: string): string {
  const seen = new Map<string, number>();
  return html.replace(/\/uploads\/[0-9a-f]{2}\/[0-9a-f]{28}\//g, (key) => {
    if (!seen.has(key)) seen.set(key, seen.size);
    return `/uploads/picture-${seen.get(key)}/`;
  });
}
import { samplePages } from './pages.ts';

// The same publication must come out byte for byte the same on SQLite and on PostgreSQL.
describe('the sample publication on both databases', () => {
  const databases: TestDatabase[] = [];
  const uploadsDir = mkdtempSync(path.join(tmpdir(), 'dateline-sample-'));
  const pages = new Map<string, string[]>();
  const withSource = sampleArticles.find((a) => a.source)?.slug ?? '';
  const withComments = sampleArticles.find((a) => a.comments?.length)?.slug ?? '';
  const urls = [
    '/',
    '/page/2/',
    `/${withSource}/`,
    `/${withComments}/`,
    '/author/mara-lindqvist/',
    '/tag/harbour/',
    '/section/news/',
    '/about/',
    '/about/contact/',
    correctionsPolicyPath,
    '/privacy/',
    '/no-such-page/',
  ];
  const corrected = sampleArticles.find((a) => a.body.includes('*Correction:'))?.slug ?? '';
  const statuses = new Map<string, number[]>();
  let correctedBody = '';

  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const database = await openTestDatabase(dialect);
      databases.push(database);
      const storage = createFileStorage({ root: path.join(uploadsDir, dialect) });
      expect(await seedIfEmpty(database, { storage })).toMatchObject({
        articles: sampleArticles.length,
        pictures: Object.keys(samplePictures).length,
      });
      expect(await seedIfEmpty(database, { storage })).toBeUndefined();
      const services = await createServices({
        database,
        storage,
        clock: fixedClock('2026-11-26T12:00:00.000Z'),
      });
      const app = await createApp({
        config: { isProduction: true, logLevel: 'silent', publicUrl: 'http://127.0.0.1:3000' },
        database,
        services,
      });
      const bodies: string[] = [];
      const codes: number[] = [];
      for (const url of urls) {
        const response = await app.inject(url);
        bodies.push(withStableUploadKeys(response.body));
        codes.push(response.statusCode);
      }
      pages.set(dialect, bodies);
      statuses.set(dialect, codes);
      correctedBody = (await app.inject(`/${corrected}/`)).body;
      await app.close();
    }
  });
  afterAll(async () => {
    for (const database of databases) await database.close();
    rmSync(uploadsDir, { recursive: true, force: true });
  });

  it('draws a featured image for at least half the articles, with sizes to choose from and a description', async () => {
    const db = databases[0]?.db;
    if (!db) throw new Error('no database');
    const pictured = await db
      .selectFrom('articles')
      .innerJoin('uploads', 'uploads.id', 'articles.featured_image_id')
      .select([
        'articles.slug',
        'articles.featured_image_alt',
        'uploads.width',
        'uploads.height',
        'uploads.variants',
      ])
      .execute();
    expect(pictured.length).toBeGreaterThanOrEqual(sampleArticles.length / 2);
    for (const row of pictured) {
      expect(row.featured_image_alt, row.slug).toBe(samplePictures[row.slug]?.alt);
      expect([Number(row.width), Number(row.height)], row.slug).toEqual([1200, 675]);
      const widths = (JSON.parse(row.variants) as { width: number }[]).map((v) => v.width);
      expect(widths, row.slug).toEqual([240, 480, 960, 1200]);
    }
    // The front page shows them, and an article without one shows none.
    const front = load(pages.get('sqlite')?.[0] ?? '');
    expect(front('.article-list img').length).toBeGreaterThan(0);
    const bare = sampleArticles.find((a) => !samplePictures[a.slug]);
    expect(bare).toBeDefined();
  });

  it('has at least 3 authors, 30 articles, 6 tags, sources and approved comments', async () => {
    const db = databases[0]?.db;
    if (!db) throw new Error('no database');
    const count = async (table: 'authors' | 'articles' | 'tags') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('authors')).toBeGreaterThanOrEqual(3);
    expect(await count('articles')).toBeGreaterThanOrEqual(30);
    expect(await count('tags')).toBeGreaterThanOrEqual(6);
    const sourced = await db.selectFrom('article_sources').select('article_id').execute();
    expect(sourced.length).toBeGreaterThan(0);
    const approved = await db.selectFrom('comments').where('status', '=', 'approved').select('id').execute();
    expect(approved.length).toBeGreaterThan(0);
  });

  it('files every article in one of its sections, each with an article', async () => {
    const db = databases[0]?.db;
    if (!db) throw new Error('no database');
    const rows = await db
      .selectFrom('articles')
      .leftJoin('sections', 'sections.id', 'articles.section_id')
      .leftJoin('sections as parent', 'parent.id', 'sections.parent_id')
      .select(['sections.slug', 'parent.slug as parent'])
      .execute();
    expect(rows.filter((r) => r.slug === null)).toEqual([]);
    expect(new Set(rows.map((r) => r.slug))).toEqual(
      new Set(['politics', 'local', 'business', 'sport', 'culture', 'opinion']),
    );
    expect(new Set(rows.filter((r) => r.parent !== null).map((r) => r.parent))).toEqual(new Set(['news']));
  });

  it('publishes About, Contact, the corrections policy and Privacy, each 150 to 300 words', () => {
    expect(samplePages.map((p) => p.slug)).toEqual(['about', 'contact', 'corrections-policy', 'privacy']);
    for (const page of samplePages) {
      const words = page.body.split(/\s+/).length;
      expect(words, page.slug).toBeGreaterThanOrEqual(150);
      expect(words, page.slug).toBeLessThanOrEqual(300);
    }
    expect(statuses.get('sqlite')?.slice(-5)).toEqual([200, 200, 200, 200, 404]);
  });

  it('links an article’s correction note to the corrections policy page', () => {
    expect(corrected).not.toBe('');
    expect(correctedBody).toContain(`<a href="${correctionsPolicyPath}">corrections policy</a>`);
  });

  it('renders every page type identically on SQLite and PostgreSQL', () => {
    const sqlite = pages.get('sqlite') ?? [];
    const postgres = pages.get('postgres') ?? [];
    expect(sqlite).toHaveLength(urls.length);
    urls.forEach((url, i) => {
      expect(postgres[i], url).toBe(sqlite[i]);
      expect(sqlite[i]?.length, url).toBeGreaterThan(500);
    });
  });

  it('curates its front page: a lead, two pins and two section rows', () => {
    const front = pages.get('sqlite')?.[0] ?? '';
    const lead = /<section class="front-lead"[\s\S]*?<\/section>/.exec(front)?.[0] ?? '';
    expect(lead).toContain(`href="/${sampleFrontPage.lead}/"`);
    for (const pin of sampleFrontPage.pins) expect(front).toContain(`href="/${pin.article}/"`);
    expect(front).toContain('<a href="/section/business/">Business</a>');
    expect(front).toContain('<a href="/section/sport/">Sport</a>');
    // The second page stays the plain newest-first list.
    expect(pages.get('sqlite')?.[1]).not.toContain('front-lead');
  });
});
