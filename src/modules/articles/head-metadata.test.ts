import { load, type CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';

const jsonLd = ($: CheerioAPI) =>
  $('script[type="application/ld+json"]')
    .map((_i, el) => JSON.parse($(el).text()) as Record<string, unknown>)
    .get() as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
const meta = ($: CheerioAPI, key: string) =>
  $(`meta[property="${key}"], meta[name="${key}"]`).attr('content');

describe.each(DIALECTS)('head metadata and structured data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await t.services.settings.update({
      'site.title': 'The Test Tribune',
      'site.description': 'News for testers.',
    });
    await buildAuthor(t.services, {
      name: 'Lior Ben-Ami',
      slug: 'lior-ben-ami',
      bio: 'Lior covers the port.',
      email: 'lior@example.com',
      website: 'https://lior.example/',
    });
    await buildAuthor(t.services, { name: 'Mina Sato', slug: 'mina-sato', email: 'mina@example.com' });
    await t.services.sections.save({ name: 'News', slug: 'news' });
    await t.services.sections.save({ name: 'Politics & <Power>', slug: 'politics', parent: 'news' });
    await buildArticle(t.services, {
      slug: 'port-expansion',
      section: 'politics',
      title: 'Port expansion </script><script>alert(1)</script> approved',
      standfirst: 'The council backs a longer quay.',
      authors: ['lior-ben-ami', 'mina-sato'],
      tags: ['Harbour', 'City Hall'],
      source: { name: 'Harbour Herald', url: 'https://herald.example/port' },
      published_at: '2026-11-20T08:00:00.000Z',
      updated_at: '2026-11-22T10:00:00.000Z',
    });
  });
  afterAll(async () => t?.close());
  const page = async (url: string) => load((await t.app.inject(url)).body);

  it('gives an article its title, description, canonical URL, Open Graph and Twitter tags', async () => {
    const $ = await page('/port-expansion/');
    expect($('title').text()).toBe(
      'Port expansion </script><script>alert(1)</script> approved – The Test Tribune',
    );
    expect(meta($, 'description')).toBe('The council backs a longer quay.');
    expect($('link[rel="canonical"]').attr('href')).toBe(`${TEST_PUBLIC_URL}/port-expansion/`);
    expect(meta($, 'og:type')).toBe('article');
    expect(meta($, 'og:url')).toBe(`${TEST_PUBLIC_URL}/port-expansion/`);
    expect(meta($, 'og:title')).toBe('Port expansion </script><script>alert(1)</script> approved');
    expect(meta($, 'og:description')).toBe('The council backs a longer quay.');
    expect(meta($, 'og:image')).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/assets/og-default\\.\\w+\\.png$`));
    expect(meta($, 'article:published_time')).toBe('2026-11-20T08:00:00.000Z');
    expect(
      $('meta[property="article:author"]')
        .map((_i, el) => $(el).attr('content'))
        .get(),
    ).toEqual([`${TEST_PUBLIC_URL}/author/lior-ben-ami/`, `${TEST_PUBLIC_URL}/author/mina-sato/`]);
    expect(meta($, 'twitter:card')).toBe('summary_large_image');
    expect(meta($, 'twitter:title')).toBe(meta($, 'og:title'));
    // The share image is served.
    const image = await t.app.inject((meta($, 'og:image') ?? '').replace(TEST_PUBLIC_URL, ''));
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
  });

  it('describes an article as a NewsArticle, field by field, with a breadcrumb trail', async () => {
    const $ = await page('/port-expansion/');
    const [article, breadcrumbs] = jsonLd($);
    expect(article).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Port expansion </script><script>alert(1)</script> approved',
      description: 'The council backs a longer quay.',
      datePublished: '2026-11-20T08:00:00.000Z',
      dateModified: '2026-11-22T10:00:00.000Z',
      author: [
        { '@type': 'Person', name: 'Lior Ben-Ami', url: `${TEST_PUBLIC_URL}/author/lior-ben-ami/` },
        { '@type': 'Person', name: 'Mina Sato', url: `${TEST_PUBLIC_URL}/author/mina-sato/` },
      ],
      publisher: {
        '@type': 'Organization',
        name: 'The Test Tribune',
        url: `${TEST_PUBLIC_URL}/`,
        logo: {
          '@type': 'ImageObject',
          url: expect.stringMatching(/\/assets\/og-default\.\w+\.png$/) as string,
        },
      },
      image: [expect.stringMatching(new RegExp(`^${TEST_PUBLIC_URL}/assets/og-default`))],
      mainEntityOfPage: { '@type': 'WebPage', '@id': `${TEST_PUBLIC_URL}/port-expansion/` },
      url: `${TEST_PUBLIC_URL}/port-expansion/`,
      inLanguage: 'en',
      articleSection: 'Politics & <Power>',
      keywords: 'Harbour, City Hall',
      isBasedOn: {
        '@type': 'CreativeWork',
        url: 'https://herald.example/port',
        publisher: { '@type': 'Organization', name: 'Harbour Herald' },
      },
    });
    expect(breadcrumbs).toMatchObject({
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'The Test Tribune', item: `${TEST_PUBLIC_URL}/` },
        { '@type': 'ListItem', position: 2, name: 'News', item: `${TEST_PUBLIC_URL}/section/news/` },
        {
          '@type': 'ListItem',
          position: 3,
          name: 'Politics & <Power>',
          item: `${TEST_PUBLIC_URL}/section/politics/`,
        },
        { '@type': 'ListItem', position: 4, item: `${TEST_PUBLIC_URL}/port-expansion/` },
      ],
    });
    // The primary section is the kicker above the headline, under its parent.
    expect(
      $('.article-header .kicker a')
        .map((_i, el) => [[$(el).text(), $(el).attr('href')]])
        .get(),
    ).toEqual([
      ['News', '/section/news/'],
      ['Politics & <Power>', '/section/politics/'],
    ]);
    // The headline's "</script>" cannot close the data block: only two scripts parse, and no third appears.
    // (The header menu's script is there too: News has a section under it.)
    expect($('script').not('[src^="/assets/nav."]').length).toBe(3);
    expect(JSON.stringify(jsonLd($))).not.toMatch(/@example\.com/);
  });

  it('describes an author page as a ProfilePage about a Person, without the email', async () => {
    const $ = await page('/author/lior-ben-ami/');
    const [profile, breadcrumbs] = jsonLd($);
    expect(profile).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ProfilePage',
      url: `${TEST_PUBLIC_URL}/author/lior-ben-ami/`,
      mainEntity: {
        '@type': 'Person',
        name: 'Lior Ben-Ami',
        url: `${TEST_PUBLIC_URL}/author/lior-ben-ami/`,
        description: 'Lior covers the port.',
        sameAs: ['https://lior.example/'],
      },
    });
    expect(breadcrumbs?.['@type']).toBe('BreadcrumbList');
    expect(meta($, 'og:type')).toBe('profile');
    expect($('link[rel="canonical"]').attr('href')).toBe(`${TEST_PUBLIC_URL}/author/lior-ben-ami/`);
  });

  it('gives the front page, tag pages and the 404 page their metadata', async () => {
    const front = await page('/');
    expect(front('title').text()).toBe('The Test Tribune');
    expect(meta(front, 'description')).toBe('News for testers.');
    expect(front('link[rel="canonical"]').attr('href')).toBe(`${TEST_PUBLIC_URL}/`);
    expect(jsonLd(front)[0]).toMatchObject({
      '@type': 'WebSite',
      name: 'The Test Tribune',
      url: `${TEST_PUBLIC_URL}/`,
    });
    const tag = await page('/tag/harbour/');
    expect(tag('link[rel="canonical"]').attr('href')).toBe(`${TEST_PUBLIC_URL}/tag/harbour/`);
    expect(jsonLd(tag)[0]?.['@type']).toBe('BreadcrumbList');
    expect(meta(tag, 'og:title')).toBe('Harbour');
    const missing = await page('/nowhere/');
    expect(meta(missing, 'robots')).toBe('noindex');
    for (const $ of [front, tag, missing]) {
      expect($('form[role="search"] input[name="q"]').length).toBe(1);
      expect($('label[for="site-search-q"]').text()).toBe('Search');
    }
  });
});
