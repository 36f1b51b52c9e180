import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';
import type { PageInput } from '../pages/index.ts';

const URLS = [
  '/',
  '/story-one/',
  '/story-two/',
  '/about/',
  '/about/contact/',
  '/privacy/',
  '/feed/',
  '/sitemap.xml',
  '/sitemaps/articles-1.xml',
  '/sitemaps/pages-1.xml',
] as const;

describe.each(DIALECTS)('standing pages in the page cache on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const about: PageInput = { title: 'About', slug: 'about', body: 'Who we are.', status: 'published' };
  const contact: PageInput = {
    title: 'Contact',
    slug: 'contact',
    parent: 'about',
    body: 'Write.',
    status: 'published',
  };
  const privacy: PageInput = {
    title: 'Privacy',
    slug: 'privacy',
    body: 'We keep little.',
    status: 'published',
  };
  beforeEach(async () => {
    await t.reset();
    await buildArticle(t.services, { slug: 'story-one' });
    await buildArticle(t.services, { slug: 'story-two' });
    for (const page of [about, contact, privacy]) await t.services.pages.save(page);
    t.app.pageCache.clear();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  async function warm() {
    for (const url of URLS) expect((await get(url)).statusCode, url).toBe(200);
    for (const url of URLS) expect((await get(url)).headers['x-dateline-cache'], url).toBe('hit');
  }
  async function dropped() {
    const misses: string[] = [];
    for (const url of URLS) if ((await get(url)).headers['x-dateline-cache'] !== 'hit') misses.push(url);
    return misses;
  }

  it('caches a standing page under its own tag', async () => {
    const first = await get('/privacy/');
    expect(first.headers['x-dateline-cache']).toBe('miss');
    expect(String(first.headers['surrogate-key'])).toMatch(/(^| )page:\d+( |$)/);
    expect((await get('/privacy/')).headers['x-dateline-cache']).toBe('hit');
  });

  it('saving a page purges that page and the page lists, and no article page', async () => {
    await warm();
    await t.services.pages.save({ ...privacy, body: 'We keep very little.' });
    expect(await dropped()).toEqual(['/privacy/', '/sitemap.xml', '/sitemaps/pages-1.xml']);
    expect((await get('/privacy/')).body).toContain('We keep very little.');
  });

  it('renaming a parent purges its children (their breadcrumbs name it) and nothing of articles', async () => {
    await warm();
    await t.services.pages.save({ ...about, title: 'About the Gazette' });
    expect(await dropped()).toEqual(['/about/', '/about/contact/', '/sitemap.xml', '/sitemaps/pages-1.xml']);
  });

  it('a draft that stays a draft purges nothing; unpublishing purges the page', async () => {
    await t.services.pages.save({ title: 'Plans', slug: 'plans', body: 'Soon.', status: 'draft' });
    await warm();
    await t.services.pages.save({ title: 'Plans', slug: 'plans', body: 'Sooner.', status: 'draft' });
    expect(await dropped()).toEqual([]);
    await t.services.pages.save({ ...privacy, status: 'draft' });
    expect(await dropped()).toEqual(['/privacy/', '/sitemap.xml', '/sitemaps/pages-1.xml']);
    expect((await get('/privacy/')).statusCode).toBe(404);
  });
});
