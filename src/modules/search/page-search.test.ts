import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';

describe.each(DIALECTS)('standing pages in search on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    const page = { status: 'published' as const };
    await t.services.pages.save({
      ...page,
      title: 'Corrections policy',
      slug: 'corrections-policy',
      body: 'When we get something wrong we say so, and fix the lighthouse of errors.',
    });
    await t.services.pages.save({
      ...page,
      title: 'About',
      slug: 'about',
      body: 'A paper for the town.',
    });
    await t.services.pages.save({
      ...page,
      title: 'Contact',
      slug: 'contact',
      parent: 'about',
      body: 'Tell us about the lighthouse keeper.',
    });
    await t.services.pages.save({
      title: 'Lighthouse plans',
      slug: 'lighthouse-plans',
      body: 'A draft about the lighthouse.',
      status: 'draft',
    });
    await t.services.pages.save({
      ...page,
      title: 'Lighthouse child',
      slug: 'lighthouse-child',
      parent: 'lighthouse-plans',
      body: 'Published, but under a draft: the lighthouse is unreachable.',
    });
    await buildArticle(t.services, { slug: 'lighthouse-repairs', title: 'Lighthouse repairs begin' });
  });

  const search = (q: string, page = 1) => t.services.search.search({ q, page, perPage: 10 });

  it('finds published pages with their addresses, and never a draft or a child of one', async () => {
    const result = await search('lighthouse');
    expect(result.pages.map((p) => p.path).sort()).toEqual(['/about/contact/', '/corrections-policy/']);
    expect(result.pages.find((p) => p.path === '/about/contact/')?.snippet.some((s) => s.isMatch)).toBe(true);
    // Pages are not articles: the article count and list are as before.
    expect(result.items.map((i) => i.slug)).toEqual(['lighthouse-repairs']);
    expect(result.total).toBe(1);
    // Only the first page of results shows them.
    expect((await search('lighthouse', 2)).pages).toEqual([]);
    // A title match ranks above a body match.
    expect((await search('corrections OR town')).pages.map((p) => p.path)).toEqual([
      '/corrections-policy/',
      '/about/',
    ]);
  });

  it('links a page hit to the page on the results page, and a new page shows at once', async () => {
    const html = load((await t.app.inject('/search?q=lighthouse')).body);
    const links = html('.search-pages a')
      .map((_i, el) => html(el).attr('href'))
      .get();
    expect(links.sort()).toEqual(['/about/contact/', '/corrections-policy/']);
    expect(html.html()).not.toContain('lighthouse-plans');
    expect(html.html()).not.toContain('lighthouse-child');

    // The results page was cached; publishing the draft parent purges it.
    await t.services.pages.save({
      title: 'Lighthouse plans',
      slug: 'lighthouse-plans',
      body: 'Now public: the lighthouse.',
      status: 'published',
    });
    const again = load((await t.app.inject('/search?q=lighthouse')).body);
    expect(
      again('.search-pages a')
        .map((_i, el) => again(el).attr('href'))
        .get()
        .sort(),
    ).toEqual([
      '/about/contact/',
      '/corrections-policy/',
      '/lighthouse-plans/',
      '/lighthouse-plans/lighthouse-child/',
    ]);
  });

  it('shows matching pages even when no article matches', async () => {
    const page = await t.app.inject('/search?q=wrong');
    const $ = load(page.body);
    expect($('.search-pages a').attr('href')).toBe('/corrections-policy/');
    expect($('.search-summary').text()).toContain('No articles match');
  });
});
