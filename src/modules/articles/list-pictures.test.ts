import { load, type CheerioAPI } from 'cheerio';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';

function picture(colour: { r: number; g: number; b: number }) {
  return sharp({ create: { width: 1200, height: 675, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

/** The list item whose headline links to the article. */
function itemOf($: CheerioAPI, slug: string) {
  return $(`main li:has(h2 a[href="/${slug}/"], h3 a[href="/${slug}/"])`);
}

describe.each(DIALECTS)('pictures in lists on %s', (dialect) => {
  let t: TestApp;
  const slugs = { lead: 'pier-lead', bare: 'pier-bare', older: 'pier-older' };
  let hiddenKeys: string[] = [];
  let shownKey = '';

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await t.services.settings.update({ 'site.posts_per_page': 2 });
    const upload = async (r: number) =>
      t.services.uploads.uploadImage({
        bytes: await picture({ r, g: 90, b: 120 }),
        filename: 'p.jpg',
        actor: null,
      });
    const [lead, older, draft, scheduled] = await Promise.all([
      upload(10),
      upload(60),
      upload(110),
      upload(160),
    ]);
    shownKey = lead.storageKey;
    hiddenKeys = [draft, scheduled].flatMap((u) => [u.storageKey, ...u.variants.map((v) => v.key)]);
    const author = await buildAuthor(t.services, { slug: 'pier-reporter' });
    const common = { authors: [author.slug], tags: ['Pier'], section: 'news' };
    const minutesAgo = (m: number) => new Date(new Date(TEST_NOW).getTime() - m * 60_000).toISOString();
    await buildArticle(t.services, {
      ...common,
      slug: slugs.lead,
      title: 'Pier lead story',
      published_at: minutesAgo(1),
      featured_image: { upload_id: lead.id, alt: 'The pier "at dawn" <lit>' },
    });
    await buildArticle(t.services, {
      ...common,
      slug: slugs.bare,
      title: 'Pier story without a picture',
      published_at: minutesAgo(2),
    });
    await buildArticle(t.services, {
      ...common,
      slug: slugs.older,
      title: 'Pier older story',
      published_at: minutesAgo(3),
      featured_image: { upload_id: older.id, alt: 'Boats by the pier' },
    });
    await buildArticle(t.services, {
      ...common,
      slug: 'pier-draft',
      title: 'Pier draft story',
      status: 'draft',
      featured_image: { upload_id: draft.id, alt: 'A draft picture of the pier' },
    });
    await buildArticle(t.services, {
      ...common,
      slug: 'pier-scheduled',
      title: 'Pier scheduled story',
      published_at: new Date(new Date(TEST_NOW).getTime() + 3_600_000).toISOString(),
      featured_image: { upload_id: scheduled.id, alt: 'A scheduled picture of the pier' },
    });
  });
  afterAll(async () => t?.close());

  const page = async (url: string) => {
    const response = await t.app.inject(url);
    expect(response.statusCode, url).toBe(200);
    return response.body;
  };

  it('shows each article’s picture as a sized, responsive, lazy thumbnail, and none for an article without one', async () => {
    const lists = [
      '/',
      '/page/2/',
      '/tag/pier/',
      '/author/pier-reporter/',
      '/section/news/',
      '/search?q=pier',
    ];
    const seen = new Set<string>();
    for (const url of lists) {
      const $ = load(await page(url));
      for (const slug of [slugs.lead, slugs.bare, slugs.older]) {
        const item = itemOf($, slug);
        if (item.length === 0) continue;
        seen.add(`${url} ${slug}`);
        const img = item.find('img');
        if (slug === slugs.bare) {
          expect(img.length, `${url} ${slug}`).toBe(0);
          expect(item.find('.list-picture').length, `${url} ${slug}`).toBe(0);
          continue;
        }
        expect(img.length, `${url} ${slug}`).toBe(1);
        expect(img.attr('width'), url).toBe('1200');
        expect(img.attr('height'), url).toBe('675');
        expect(img.attr('srcset'), url).toMatch(/ 240w, .* 480w, .* 960w, .* 1200w$/);
        expect(img.attr('sizes'), url).toBeTruthy();
        expect(img.attr('decoding'), url).toBe('async');
        if (url === '/' && slug === slugs.lead) continue;
        expect(img.attr('loading'), `${url} ${slug}`).toBe('lazy');
        expect(img.attr('fetchpriority'), `${url} ${slug}`).toBeUndefined();
      }
    }
    // Two a page: each list's first page showed two of the three, the front page's second the third.
    expect(seen.size).toBe(2 * 5 + 1);
    const tag = load(await page('/tag/pier/'));
    expect(itemOf(tag, slugs.lead).find('img').attr('alt')).toBe('The pier "at dawn" <lit>');
    expect(itemOf(tag, slugs.lead).find('img').attr('src')).toBe(`/uploads/${shownKey}`);
  });

  it('loads only the front page’s lead picture eagerly, with high priority, on page 1 only', async () => {
    const $ = load(await page('/'));
    const lead = itemOf($, slugs.lead);
    expect(lead.hasClass('lead')).toBe(true);
    expect(lead.find('img').attr('loading')).toBe('eager');
    expect(lead.find('img').attr('fetchpriority')).toBe('high');
    expect($('img[fetchpriority]').length).toBe(1);
    expect($('img[loading="eager"]').length).toBe(1);
    const second = load(await page('/page/2/'));
    expect(second('main img').length).toBe(1);
    expect(second('img[fetchpriority], img[loading="eager"]').length).toBe(0);
    for (const url of ['/tag/pier/', '/author/pier-reporter/', '/section/news/', '/search?q=pier'])
      expect(load(await page(url))('img[fetchpriority], img[loading="eager"]').length, url).toBe(0);
  });

  it('never shows a draft’s or a scheduled article’s picture in a public list', async () => {
    for (const url of [
      '/',
      '/page/2/',
      '/tag/pier/',
      '/author/pier-reporter/',
      '/section/news/',
      '/search?q=pier',
    ]) {
      const body = await page(url);
      for (const key of hiddenKeys) expect(body, url).not.toContain(key);
      expect(body, url).not.toContain('A draft picture');
      expect(body, url).not.toContain('A scheduled picture');
    }
    const hits = await t.services.search.search({ q: 'pier', page: 1, perPage: 10 });
    expect(hits.items.map((h) => [h.slug, h.featuredImage !== null]).sort()).toEqual([
      [slugs.bare, false],
      [slugs.lead, true],
      [slugs.older, true],
    ]);
  });

  it('keeps an article’s picture when a later save does not name one, and refuses an unknown upload', async () => {
    const kept = await buildArticle(t.services, {
      slug: 'pier-resaved',
      title: 'Pier resaved',
      published_at: new Date(new Date(TEST_NOW).getTime() - 3_600_000 * 24).toISOString(),
      authors: ['pier-reporter'],
    });
    const made = await t.services.uploads.uploadImage({
      bytes: await picture({ r: 1, g: 2, b: 3 }),
      filename: 'x.jpg',
      actor: null,
    });
    await t.services.articles.saveArticle({
      slug: kept.slug,
      title: 'Pier resaved',
      body: 'x',
      authors: ['pier-reporter'],
      status: 'published',
      featured_image: { upload_id: made.id, alt: 'A gull' },
    });
    await t.services.articles.saveArticle({
      slug: kept.slug,
      title: 'Pier resaved again',
      body: 'y',
      authors: ['pier-reporter'],
      status: 'published',
    });
    expect((await t.services.articles.getPublished(kept.slug))?.featuredImage?.alt).toBe('A gull');
    await expect(
      t.services.articles.saveArticle({
        slug: kept.slug,
        title: 'Pier',
        body: 'z',
        authors: ['pier-reporter'],
        featured_image: { upload_id: made.id + 1000, alt: 'x' },
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { featured_image: `no upload has the number ${made.id + 1000}` },
    });
  });
});
