import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS, POSTGRES_KIND } from '../../../test/databases.ts';
import { buildArticle, buildAuthor, buildComment } from '../../../test/factories.ts';

describe.each(DIALECTS)('reader pages on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it(`runs on ${dialect === 'sqlite' ? 'SQLite' : POSTGRES_KIND}`, () => {
    expect(t.database.dialect).toBe(dialect);
  });

  it('shows every element of the reference article page', async () => {
    const first = await buildAuthor(t.services, {
      name: 'Aino Harju',
      slug: 'aino-harju',
      bio: 'Aino covers ferries and weather.',
    });
    const second = await buildAuthor(t.services, {
      name: 'Bram de Wit',
      slug: 'bram-de-wit',
      bio: 'Bram covers the council.',
    });
    const article = await buildArticle(t.services, {
      title: 'Ferry timetable changes for winter',
      slug: 'ferry-timetable-winter',
      standfirst: 'Fewer crossings from December, the operator says.',
      body: 'The first paragraph.\n\n## Details\n\nThe second paragraph with a [link](https://ferry.example/).',
      authors: ['aino-harju', 'bram-de-wit'],
      tags: ['Transport', 'Harbour'],
      source: { name: 'Coastal Radio North', url: 'https://radio.example/ferries' },
      published_at: '2026-11-20T08:00:00.000Z',
      updated_at: '2026-11-21T09:30:00.000Z',
    });
    await buildComment(t.services, article.id, { author_name: 'Lena', body: 'Thanks for the update.' });

    const response = await get('/ferry-timetable-winter/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const $ = load(response.body);
    expect($('h1').length).toBe(1);
    expect($('h1').text()).toBe('Ferry timetable changes for winter');
    expect($('.standfirst').text()).toBe('Fewer crossings from December, the operator says.');
    const byline = $('.byline');
    expect(byline.find('a[href="/author/aino-harju/"]').text()).toBe('Aino Harju');
    expect(byline.find('a[href="/author/bram-de-wit/"]').text()).toBe('Bram de Wit');
    const times = byline.find('time');
    expect(times.eq(0).attr('datetime')).toBe('2026-11-20T08:00:00.000Z');
    expect(times.eq(1).attr('datetime')).toBe('2026-11-21T09:30:00.000Z');
    expect(byline.text()).toContain('Updated');
    expect($('.article-body h2').text()).toBe('Details');
    expect($('.article-body a[href="https://ferry.example/"]').length).toBe(1);
    expect($('.tags a[href="/tag/transport/"]').text()).toBe('Transport');
    const source = $('.source');
    expect(source.text()).toBe('Original Source: Coastal Radio North');
    expect(source.find('a').attr('href')).toBe('https://radio.example/ferries');
    for (const author of [first, second]) {
      const box = $(`.author-box:contains("About ${author.name}")`);
      expect(box.find('h2').text()).toBe(`About ${author.name}`);
      expect(box.text()).toContain(author.bio);
      expect(box.find('.avatar').text()).toMatch(/^[A-Z]{2}$/);
      expect(box.find(`a[href="/author/${author.slug}/"]`).text()).toBe(`View all posts by ${author.name} →`);
    }
    expect($('#comments .comment').text()).toContain('Thanks for the update.');
    expect($('#respond h2').text()).toBe('Leave a Reply');
    expect($('#comment-notes').text()).toBe(
      'Your email address will not be published. Required fields are marked *',
    );
    for (const [id, label] of [
      ['comment', 'Comment *'],
      ['author', 'Name *'],
      ['email', 'Email *'],
    ]) {
      expect($(`label[for="${id}"]`).text()).toBe(label);
      expect($(`#${id}`).attr('required')).toBeDefined();
    }
    expect($('label[for="url"]').text()).toBe('Website');
    expect($('#url').attr('required')).toBeUndefined();
    // The fragment brings a refused form back into view beside its errors.
    expect($('form.comment-form').attr('action')).toBe('/ferry-timetable-winter/comments#respond');
  });

  it('leaves out the updated time when an article was never updated, and the source line when it has none', async () => {
    await buildArticle(t.services, {
      slug: 'plain-story',
      published_at: '2026-11-20T08:00:00.000Z',
      updated_at: '2026-11-20T08:00:00.000Z',
    });
    const $ = load((await get('/plain-story/')).body);
    expect($('.byline time').length).toBe(1);
    expect($('.source').length).toBe(0);
  });

  it('never shows an email, whether an author’s or a commenter’s', async () => {
    const author = await buildAuthor(t.services, { email: 'private.author@example.com' });
    const article = await buildArticle(t.services, { authors: [author.slug], tags: ['Harbour'] });
    await buildComment(t.services, article.id, { author_email: 'private.reader@example.org' });
    for (const url of ['/', `/${article.slug}/`, `/author/${author.slug}/`, '/tag/harbour/']) {
      const body = (await get(url)).body;
      expect(body).not.toContain('private.author@example.com');
      expect(body).not.toContain('private.reader@example.org');
      expect(body).not.toMatch(/[\w.+-]+@example\.(com|org)/);
    }
  });

  it('shows only approved comments, threaded', async () => {
    const article = await buildArticle(t.services);
    const parent = await buildComment(t.services, article.id, { body: 'Top-level words.' });
    await buildComment(t.services, article.id, { parent_id: parent.id, body: 'A reply to it.' });
    await buildComment(t.services, article.id, { status: 'pending', body: 'Held for moderation.' });
    await buildComment(t.services, article.id, { status: 'spam', body: 'Buy cheap things.' });
    const $ = load((await get(`/${article.slug}/`)).body);
    expect($(`#comment-${parent.id} > ol .comment-body`).text()).toContain('A reply to it.');
    expect($('#comments').text()).not.toContain('Held for moderation.');
    expect($('#comments').text()).not.toContain('Buy cheap things.');
    expect($('#comments-title').text()).toBe('2 Comments');
  });

  it('does not show drafts or articles scheduled for later', async () => {
    await buildArticle(t.services, { slug: 'a-draft', status: 'draft' });
    await buildArticle(t.services, { slug: 'a-future-one', published_at: '2026-12-01T00:00:00.000Z' });
    expect((await get('/a-draft/')).statusCode).toBe(404);
    expect((await get('/a-future-one/')).statusCode).toBe(404);
    const front = (await get('/')).body;
    expect(front).not.toContain('a-draft');
    expect(front).not.toContain('a-future-one');
    t.clock.set('2026-12-01T00:00:01.000Z');
    expect((await get('/a-future-one/')).statusCode).toBe(200);
  });

  it('lists the latest articles on the front page, with pages', async () => {
    await t.services.settings.update({ 'site.posts_per_page': 2 });
    const author = await buildAuthor(t.services);
    const stories = [];
    for (let i = 0; i < 5; i += 1) {
      stories.push(
        await buildArticle(t.services, {
          authors: [author.slug],
          published_at: `2026-11-2${i}T10:00:00.000Z`,
        }),
      );
    }
    const $ = load((await get('/')).body);
    const headlines = $('.article-list h2 a')
      .map((_i, el) => $(el).attr('href'))
      .get();
    expect(headlines).toEqual([`/${stories[4]?.slug}/`, `/${stories[3]?.slug}/`]);
    expect($('.article-list .meta time').first().attr('datetime')).toBe('2026-11-24T10:00:00.000Z');
    expect($('.article-list .byline-names a').first().text()).toBe(author.name);
    expect($('.article-list .tags a').first().text()).toBe('Harbour');
    expect($('a[rel="next"]').attr('href')).toBe('/page/2/');

    const page3 = load((await get('/page/3/')).body);
    expect(page3('.article-list h2 a').attr('href')).toBe(`/${stories[0]?.slug}/`);
    expect(page3('a[rel="prev"]').attr('href')).toBe('/page/2/');
    expect((await get('/page/4/')).statusCode).toBe(404);
    const one = await get('/page/1/');
    expect(one.statusCode).toBe(301);
    expect(one.headers.location).toBe('/');
  });

  it.each(['/page/abc/', '/page/0/', '/page/-1/', '/page/99999999999999999999/', '/page/1.5/', '/page/%00/'])(
    'answers a malformed page number (%s) with 404',
    async (url) => {
      const response = await get(url);
      expect(response.statusCode).toBe(404);
    },
  );

  it('answers unknown articles, authors and tags with a real 404 page', async () => {
    for (const url of [
      '/no-such-story/',
      '/author/nobody/',
      '/tag/nothing/',
      '/author/nobody/page/2/',
      '/a/b/c/d',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(load(response.body)('h1').text()).toBe('Page not found');
    }
    const json = await t.app.inject({
      method: 'GET',
      url: '/no-such-story/',
      headers: { accept: 'application/json' },
    });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('redirects URLs without the trailing slash', async () => {
    const article = await buildArticle(t.services);
    const response = await get(`/${article.slug}`);
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe(`/${article.slug}/`);
  });

  it('shows an author page with bio and a paginated list of their articles', async () => {
    await t.services.settings.update({ 'site.posts_per_page': 2 });
    const author = await buildAuthor(t.services, {
      name: 'Noor Haddad',
      slug: 'noor-haddad',
      bio: 'Noor writes about schools.',
    });
    const other = await buildAuthor(t.services);
    for (let i = 0; i < 3; i += 1) await buildArticle(t.services, { authors: [author.slug] });
    await buildArticle(t.services, { authors: [other.slug], slug: 'someone-elses' });
    const $ = load((await get('/author/noor-haddad/')).body);
    expect($('h1').text()).toBe('Noor Haddad');
    expect($('header').text()).toContain('Noor writes about schools.');
    expect($('.article-list > li').length).toBe(2);
    expect($('a[rel="next"]').attr('href')).toBe('/author/noor-haddad/page/2/');
    const page2 = load((await get('/author/noor-haddad/page/2/')).body);
    expect(page2('.article-list > li').length).toBe(1);
    expect((await get('/author/noor-haddad/page/3/')).statusCode).toBe(404);
    expect((await get('/author/noor-haddad/page/x/')).statusCode).toBe(404);
    expect($.html()).not.toContain('someone-elses');
  });

  it('shows a tag page with its articles only', async () => {
    await buildArticle(t.services, { slug: 'tagged-one', tags: ['Harbour Life'] });
    await buildArticle(t.services, { slug: 'not-tagged', tags: ['Sport'] });
    const $ = load((await get('/tag/harbour-life/')).body);
    expect($('h1').text()).toBe('Harbour Life');
    expect($('.article-list h2 a').attr('href')).toBe('/tagged-one/');
    expect($.html()).not.toContain('not-tagged');
  });

  it('escapes every piece of text an author or reader wrote', async () => {
    const author = await buildAuthor(t.services, {
      name: 'Eve <script>alert(1)</script>',
      slug: 'eve',
      bio: '<img src=x onerror=alert(2)>',
    });
    const article = await buildArticle(t.services, {
      title: '<b>Bold</b> & "quoted"',
      standfirst: '<script>alert(3)</script>',
      body: 'Raw <script>alert(4)</script> and [bad](javascript:alert(5)).',
      authors: [author.slug],
    });
    await buildComment(t.services, article.id, {
      author_name: '<i>x</i>',
      body: '<script>alert(6)</script>',
      author_url: 'https://reader.example/',
    });
    const body = (await get(`/${article.slug}/`)).body;
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
    expect(body).not.toMatch(/href="\s*javascript:/i);
    expect(body).toContain('&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;');
    expect(body).toContain('&lt;script&gt;alert(6)&lt;/script&gt;');
  });

  it('reports health: 200 while the database answers', async () => {
    const response = await get('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('serves the hashed stylesheet as immutable', async () => {
    const $ = load((await get('/')).body);
    const href = $('link[rel="stylesheet"]').attr('href') ?? '';
    expect(href).toMatch(/^\/assets\/site\.[0-9a-f]{12}\.css$/);
    const css = await get(href);
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toContain('immutable');
    expect((await get('/assets/site.000000000000.css')).statusCode).toBe(404);
  });
});
