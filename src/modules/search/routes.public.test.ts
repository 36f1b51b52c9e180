import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';

describe.each(DIALECTS)('the search page on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('shows just the form for an empty search', async () => {
    for (const url of ['/search', '/search?q=', '/search?q=%20%20', '/search?q[]=x', '/search?q=%00']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      const $ = load(response.body);
      expect($('h1').length).toBe(1);
      expect($('h1').text()).toBe('Search');
      const input = $('main form[action="/search"][method="get"] input[name="q"]');
      expect(input.length).toBe(1);
      expect(input.attr('type')).toBe('search');
      expect(input.attr('value') ?? '').toBe('');
      expect($(`label[for="${input.attr('id')}"]`).text()).toBe('Search');
      expect($('.search-results').length).toBe(0);
      expect($('[role="alert"]').length).toBe(0);
    }
  });

  it('lists the hits with links, dates, standfirsts and marked snippets', async () => {
    const author = await buildAuthor(t.services);
    await buildArticle(t.services, {
      slug: 'dredging-begins',
      title: 'Dredging begins at the quay',
      standfirst: 'Work starts on Monday.',
      body: 'Two barges will work on the **harbour** mouth until spring.',
      published_at: '2026-11-20T08:00:00.000Z',
      authors: [author.slug],
    });
    await buildArticle(t.services, { slug: 'unrelated', title: 'Choir concert', authors: [author.slug] });
    const response = await get('/search?q=harb%20mouth');
    expect(response.statusCode).toBe(200);
    const $ = load(response.body);
    expect($('h1').length).toBe(1);
    expect($('h1').text()).toBe('Search results for “harb mouth”');
    expect($('title').text()).toContain('Search results for “harb mouth”');
    expect($('main input[name="q"]').attr('value')).toBe('harb mouth');
    const hits = $('.search-results > li');
    expect(hits.length).toBe(1);
    expect(hits.find('h2 a').attr('href')).toBe('/dredging-begins/');
    expect(hits.find('h2 a').text()).toBe('Dredging begins at the quay');
    expect(hits.find('time').attr('datetime')).toBe('2026-11-20T08:00:00.000Z');
    expect(hits.find('time').text()).toBe('20 November 2026');
    expect(hits.find('.standfirst-small').text()).toBe('Work starts on Monday.');
    expect(hits.find('.snippet').text()).toBe('Two barges will work on the harbour mouth until spring.');
    expect(
      hits
        .find('.snippet mark')
        .map((_i, el) => $(el).text())
        .get(),
    ).toEqual(['harbour', 'mouth']);
    expect($('.search-summary').text()).toBe('1 article found.');
  });

  it('says so when nothing matches', async () => {
    await buildArticle(t.services, { title: 'Choir concert' });
    const response = await get('/search?q=submarine');
    expect(response.statusCode).toBe(200);
    const $ = load(response.body);
    expect($('.search-summary').text()).toBe('No articles match your search.');
    expect($('.search-results').length).toBe(0);
  });

  it('escapes hostile titles, bodies and queries', async () => {
    await buildArticle(t.services, {
      slug: 'hostile',
      title: '<script>alert(1)</script> harbour',
      standfirst: '<img src=x onerror=alert(2)> harbour',
      body: 'Raw <script>alert(3)</script> harbour &amp; <mark>fake</mark>.',
    });
    const response = await get(`/search?q=${encodeURIComponent('<script>alert(1)</script> harbour')}`);
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('<mark>fake</mark>');
    const $ = load(body);
    expect($('h1').text()).toBe('Search results for “<script>alert(1)</script> harbour”');
    expect($('main input[name="q"]').attr('value')).toBe('<script>alert(1)</script> harbour');
    expect($('.search-results h2 a').text()).toBe('<script>alert(1)</script> harbour');
    expect($('.snippet').text()).toContain('<mark>fake</mark>');
    // Only the query's matches are marked, never markup from the article.
    expect(
      $('.snippet mark')
        .map((_i, el) => $(el).text())
        .get(),
    ).toEqual(['harbour']);
  });

  it('pages through results, keeping the query in the links', async () => {
    await t.services.settings.update({ 'site.posts_per_page': 2 });
    const author = await buildAuthor(t.services);
    for (let i = 0; i < 5; i += 1) {
      await buildArticle(t.services, { title: `Lifeboat launch ${i}`, authors: [author.slug] });
    }
    const q = 'lifeboat "launch"';
    const first = load((await get(`/search?q=${encodeURIComponent(q)}`)).body);
    expect(first('.search-results > li').length).toBe(2);
    const next = first('a[rel="next"]').attr('href') ?? '';
    expect(next).toBe(`/search?q=${encodeURIComponent(q).replace(/%20/g, '+')}&page=2`);
    expect(first('a[rel="prev"]').length).toBe(0);

    const second = load((await get(next)).body);
    expect(second('.search-results > li').length).toBe(2);
    expect(second('.search-results').attr('start')).toBe('3');
    expect(second('h1').text()).toBe(`Search results for “${q}”`);
    expect(second('title').text()).toContain('page 2');
    expect(second('a[rel="prev"]').attr('href')).toBe(
      `/search?q=${encodeURIComponent(q).replace(/%20/g, '+')}`,
    );

    const third = load((await get(`/search?q=${encodeURIComponent(q)}&page=3`)).body);
    expect(third('.search-results > li').length).toBe(1);
    expect(third('a[rel="next"]').length).toBe(0);

    const seen = [first, second, third].flatMap(($) =>
      $('.search-results h2 a')
        .map((_i, el) => $(el).attr('href'))
        .get(),
    );
    expect(new Set(seen).size).toBe(5);

    expect((await get(`/search?q=lifeboat&page=4`)).statusCode).toBe(404);
    for (const page of ['0', 'abc', '-1', '1.5', '99999999999999999999', '%00']) {
      expect((await get(`/search?q=lifeboat&page=${page}`)).statusCode, page).toBe(404);
    }
    expect((await get('/search?q=lifeboat&page=1&page=2')).statusCode).toBe(404);
  });

  it.each([
    ['q=***', 'Search for words'],
    ['q=-', 'Search for words'],
    ['q=OR%20OR', 'Search for words'],
    ['q=-ferry', 'cannot only leave words out'],
    [`q=${'x'.repeat(201)}`, 'too long'],
    [`q=${Array.from({ length: 21 }, (_, i) => `w${i}`).join('+')}`, 'too many words'],
    ['q=a&q=b', 'one thing at a time'],
  ])('answers an unusable query (%s) with a friendly 400 page', async (query, message) => {
    const response = await get(`/search?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    const $ = load(response.body);
    expect($('h1').length).toBe(1);
    expect($('[role="alert"]').text()).toContain(message);
    expect($('main input[name="q"]').length).toBe(1);
  });

  it.each([
    '"unclosed',
    'NEAR(',
    "'); drop table articles; --",
    '<script>alert(1)</script>',
    'title:harbour',
    'harbour*',
    '"',
    '(((',
    'a AND NOT b',
    '\\',
    '½ ①',
    'é\u0301',
    '%',
  ])('never fails on %j', async (q) => {
    await buildArticle(t.services, { title: 'Harbour news' });
    const response = await get(`/search?q=${encodeURIComponent(q)}`);
    expect([200, 400]).toContain(response.statusCode);
    expect(response.body).toContain('name="q"');
  });

  it('never fails on broken URL encoding, and never echoes a NUL', async () => {
    await buildArticle(t.services, { title: 'Harbour news' });
    for (const url of [
      '/search?q=%',
      '/search?q=%E0%A4%A',
      '/search?q=%ZZ',
      '/search?q=%C0%80',
      '/search?q=%ED%A0%80',
      '/search?q=%00harbour',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBeLessThan(500);
      expect(response.body).not.toContain('\u0000');
    }
  });

  it('redirects /search/ to /search, keeping the query', async () => {
    const response = await get('/search/?q=harbour');
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/search?q=harbour');
  });

  it('does not show drafts', async () => {
    await buildArticle(t.services, { slug: 'secret-draft', title: 'Embargoed merger', status: 'draft' });
    const response = await get('/search?q=merger');
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('secret-draft');
  });
});
