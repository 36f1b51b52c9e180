import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';
import { findAll, parseXml } from '../../../test/xml.ts';
import { sitemapFiles } from './routes.public.ts';

describe('sitemap index files', () => {
  it('split each kind at 50,000 URLs', () => {
    expect(sitemapFiles({ articles: 0, authors: 3, tags: 50_000, sections: 0, pages: 2 })).toEqual([
      '/sitemaps/articles-1.xml',
      '/sitemaps/authors-1.xml',
      '/sitemaps/tags-1.xml',
      '/sitemaps/sections-1.xml',
      '/sitemaps/pages-1.xml',
    ]);
    expect(
      sitemapFiles({ articles: 120_001, authors: 1, tags: 50_001, sections: 1, pages: 0 }).filter(
        (f) => !f.includes('authors') && !f.includes('sections') && !f.includes('pages'),
      ),
    ).toEqual([
      '/sitemaps/articles-1.xml',
      '/sitemaps/articles-2.xml',
      '/sitemaps/articles-3.xml',
      '/sitemaps/tags-1.xml',
      '/sitemaps/tags-2.xml',
    ]);
  });
});

describe.each(DIALECTS)('sitemaps on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    await buildAuthor(t.services, { name: 'Ada Quill', slug: 'ada-quill', email: 'ada@example.com' });
    await t.services.sections.save({ name: 'News', slug: 'news' });
    await t.services.sections.save({ name: 'Politics', slug: 'politics', parent: 'news' });
    await buildArticle(t.services, {
      section: 'politics',
      slug: 'fresh-news',
      title: 'Fresh & new',
      authors: ['ada-quill'],
      tags: ['Harbour'],
      published_at: '2026-11-26T06:00:00.000Z',
    });
    await buildArticle(t.services, {
      slug: 'old-news',
      authors: ['ada-quill'],
      tags: ['Sport'],
      published_at: '2026-11-01T06:00:00.000Z',
      updated_at: '2026-11-02T06:00:00.000Z',
    });
    await buildArticle(t.services, { slug: 'secret-draft', authors: ['ada-quill'], status: 'draft' });
  });
  const get = (url: string) => t.app.inject(url);
  const locs = (xml: string) => findAll(parseXml(xml), 'loc').map((l) => l.text);

  it('serves an index of article, author, tag, section and page sitemaps that lists every published URL', async () => {
    const page = { body: 'Words.', status: 'published' as const };
    await t.services.pages.save({ ...page, title: 'About', slug: 'about' });
    await t.services.pages.save({ ...page, title: 'Contact', slug: 'contact', parent: 'about' });
    await t.services.pages.save({ ...page, title: 'Plans', slug: 'plans', status: 'draft' });
    await t.services.pages.save({ ...page, title: 'Under a draft', slug: 'under-draft', parent: 'plans' });
    const index = await get('/sitemap.xml');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('application/xml');
    const files = locs(index.body);
    expect(files).toEqual([
      `${TEST_PUBLIC_URL}/sitemaps/articles-1.xml`,
      `${TEST_PUBLIC_URL}/sitemaps/authors-1.xml`,
      `${TEST_PUBLIC_URL}/sitemaps/tags-1.xml`,
      `${TEST_PUBLIC_URL}/sitemaps/sections-1.xml`,
      `${TEST_PUBLIC_URL}/sitemaps/pages-1.xml`,
    ]);
    const all: string[] = [];
    for (const file of files) {
      const response = await get(file.replace(TEST_PUBLIC_URL, ''));
      expect(response.statusCode).toBe(200);
      all.push(...locs(response.body));
      expect(response.body).not.toContain('ada@example.com');
    }
    expect(all.sort()).toEqual(
      [
        `${TEST_PUBLIC_URL}/fresh-news/`,
        `${TEST_PUBLIC_URL}/old-news/`,
        `${TEST_PUBLIC_URL}/author/ada-quill/`,
        `${TEST_PUBLIC_URL}/tag/harbour/`,
        `${TEST_PUBLIC_URL}/tag/sport/`,
        `${TEST_PUBLIC_URL}/section/news/`,
        `${TEST_PUBLIC_URL}/section/politics/`,
        // Drafts, and a published child under a draft parent, are not listed.
        `${TEST_PUBLIC_URL}/about/`,
        `${TEST_PUBLIC_URL}/about/contact/`,
      ].sort(),
    );
    const articles = parseXml((await get('/sitemaps/articles-1.xml')).body);
    const old = articles.children.find((u) => findAll(u, 'loc')[0]?.text.endsWith('/old-news/'));
    expect(findAll(old!, 'lastmod')[0]?.text).toBe('2026-11-02T06:00:00.000Z');
    expect((await get('/sitemaps/articles-2.xml')).statusCode).toBe(404);
    expect((await get('/sitemaps/pages-2.xml')).statusCode).toBe(404);
    expect((await get('/sitemaps/sections-2.xml')).statusCode).toBe(404);
  });

  it('lists a new section at once: adding one purges the section sitemap and the index', async () => {
    expect(locs((await get('/sitemaps/sections-1.xml')).body)).not.toContain(
      `${TEST_PUBLIC_URL}/section/sport/`,
    );
    await t.services.sections.save({ name: 'Sport', slug: 'sport' });
    expect(locs((await get('/sitemaps/sections-1.xml')).body)).toContain(`${TEST_PUBLIC_URL}/section/sport/`);
  });

  it('lists a page once it is published, and drops it when it goes back to draft', async () => {
    const input = { title: 'Privacy', slug: 'privacy', body: 'We keep little.', status: 'draft' as const };
    await t.services.pages.save(input);
    expect(locs((await get('/sitemaps/pages-1.xml')).body)).toEqual([]);
    await t.services.pages.save({ ...input, status: 'published' });
    expect(locs((await get('/sitemaps/pages-1.xml')).body)).toEqual([`${TEST_PUBLIC_URL}/privacy/`]);
    await t.services.pages.save(input);
    expect(locs((await get('/sitemaps/pages-1.xml')).body)).toEqual([]);
  });

  it('serves a Google News sitemap of the last 48 hours with the publication’s name and language', async () => {
    await t.services.settings.update({ 'site.title': 'The Test Tribune', 'site.language': 'en-GB' });
    const response = await get('/news-sitemap.xml');
    const doc = parseXml(response.body);
    expect(locs(response.body)).toEqual([`${TEST_PUBLIC_URL}/fresh-news/`]);
    expect(findAll(doc, 'name')[0]?.text).toBe('The Test Tribune');
    expect(findAll(doc, 'language')[0]?.text).toBe('en');
    expect(findAll(doc, 'title')[0]?.text).toBe('Fresh & new');
    expect(findAll(doc, 'publication_date')[0]?.text).toBe('2026-11-26T06:00:00.000Z');
    expect(findAll(doc, 'news')[0]?.tag).toBe('{http://www.google.com/schemas/sitemap-news/0.9}news');
  });

  it('answers an empty sitemap, not an error, when there is nothing to list', async () => {
    // Two days on, nothing is news; after a reset, nothing is published and no tag exists.
    t.clock.set('2026-11-28T12:00:00.000Z');
    expect(locs((await get('/news-sitemap.xml')).body)).toEqual([]);
    await t.reset();
    for (const url of [
      '/news-sitemap.xml',
      '/sitemaps/articles-1.xml',
      '/sitemaps/tags-1.xml',
      '/sitemaps/sections-1.xml',
      '/sitemaps/pages-1.xml',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(parseXml(response.body).tag, url).toBe('{http://www.sitemaps.org/schemas/sitemap/0.9}urlset');
      expect(locs(response.body), url).toEqual([]);
    }
  });

  it('names both sitemaps in robots.txt', async () => {
    const robots = await get('/robots.txt');
    expect(robots.headers['content-type']).toContain('text/plain');
    expect(robots.body).toContain(`Sitemap: ${TEST_PUBLIC_URL}/sitemap.xml`);
    expect(robots.body).toContain(`Sitemap: ${TEST_PUBLIC_URL}/news-sitemap.xml`);
    expect(robots.body).toContain('Disallow: /admin/');
  });
});
