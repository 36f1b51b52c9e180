import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { buildArticle } from '../../../test/factories.ts';
import { signedIn } from '../../../test/staff.ts';
import { AppError } from '../../platform/errors.ts';
import { BODY_HTML_HINT } from '../../platform/render/body-html.ts';
import { redirects } from '../redirects/index.ts';
import type { PageInput } from './index.ts';

const page = (overrides: Partial<PageInput> = {}): PageInput => ({
  title: 'About us',
  slug: 'about',
  body: 'The Dateline Gazette has covered the town since 1911.',
  status: 'published',
  ...overrides,
});

describe.each(DIALECTS)('standing pages on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const refusal = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      if (error instanceof AppError) return { code: error.code, fields: error.fields ?? {} };
      throw error;
    }
    throw new Error('expected a refusal');
  };

  describe('the service', () => {
    it('adds a page, updates it by slug, and keeps a revision of every save', async () => {
      const first = await t.services.pages.save(page());
      expect(first.created).toBe(true);
      expect(first.page.path).toBe('/about/');
      expect(first.page.bodyHtml).toContain('<p>The Dateline Gazette has covered the town since 1911.</p>');
      const second = await t.services.pages.save(page({ body: 'Since **1911**.' }));
      expect(second.created).toBe(false);
      expect(second.page.id).toBe(first.page.id);
      expect(second.page.bodyHtml).toContain('<strong>1911</strong>');
      const revisions = await t.services.pages.revisions(first.page.id);
      // Revisions keep the body as stored: HTML, converted from the Markdown the service was given.
      expect(revisions.map((r) => r.body)).toEqual([
        '<p>Since <strong>1911</strong>.</p>',
        '<p>The Dateline Gazette has covered the town since 1911.</p>',
      ]);
    });

    it('stores every page as sanitised HTML, from HTML or from Markdown, with the format in its revisions', async () => {
      const source = '<p>Since <strong>1911</strong>.</p><script>alert(1)</script>';
      const imported = await t.services.pages.save(page({ body: source, bodyFormat: 'html' }));
      expect(imported.page).toMatchObject({
        bodyFormat: 'html',
        body: '<p>Since <strong>1911</strong>.</p>',
        bodyHtml: '<p>Since <strong>1911</strong>.</p>',
      });
      const edited = `${source}<p onclick="x()">Corrected.</p>`;
      const saved = await t.services.pages.save(page({ body: edited, bodyFormat: 'html' }), {
        id: imported.page.id,
      });
      expect(saved.page.bodyFormat).toBe('html');
      expect(saved.page.bodyHtml).toBe('<p>Since <strong>1911</strong>.</p><p>Corrected.</p>');
      expect(saved.page.body).toBe(saved.page.bodyHtml);
      // A file's Markdown (the default) is converted at save.
      const asFile = await t.services.pages.save(page({ body: '*Since 1911.* <b>x</b>' }));
      expect(asFile.page).toMatchObject({
        bodyFormat: 'html',
        body: '<p><em>Since 1911.</em> &lt;b&gt;x&lt;/b&gt;</p>',
        bodyHtml: '<p><em>Since 1911.</em> &lt;b&gt;x&lt;/b&gt;</p>',
      });
      expect((await t.services.pages.revisions(imported.page.id)).map((r) => r.bodyFormat)).toEqual([
        'html',
        'html',
        'html',
      ]);
    });

    it('nests one level: a child of a child, and a parent moved under another, are refused', async () => {
      await t.services.pages.save(page());
      const contact = await t.services.pages.save(
        page({ title: 'Contact', slug: 'contact', parent: 'about' }),
      );
      expect(contact.page.path).toBe('/about/contact/');
      const deeper = await refusal(() =>
        t.services.pages.save(page({ title: 'Desk', slug: 'desk', parent: 'contact' })),
      );
      expect(deeper.code).toBe('VALIDATION_FAILED');
      expect(deeper.fields.parent).toMatch(/one level only/);
      await t.services.pages.save(page({ title: 'Jobs', slug: 'jobs' }));
      const moved = await refusal(() => t.services.pages.save(page({ parent: 'jobs' })));
      expect(moved.fields.parent).toMatch(/has pages under it/);
      const unknown = await refusal(() => t.services.pages.save(page({ slug: 'x', parent: 'nowhere' })));
      expect(unknown.fields.parent).toMatch(/no page has the slug "nowhere"/);
    });

    it('refuses a slug the site, another page or an article already uses, and articles refuse a page’s', async () => {
      for (const slug of [
        'feed',
        'search',
        'section',
        'tag',
        'author',
        'page',
        'admin',
        'sitemaps',
        'wp-json',
      ])
        expect((await refusal(() => t.services.pages.save(page({ slug })))).fields.slug).toMatch(
          /already uses/,
        );
      await buildArticle(t.services, { slug: 'harbour-news' });
      const clash = await refusal(() => t.services.pages.save(page({ slug: 'harbour-news' })));
      expect(clash.code).toBe('SLUG_TAKEN');
      expect(clash.fields.slug).toMatch(/an article's address/);
      // Under a parent the address is /about/harbour-news/: no clash.
      await t.services.pages.save(page());
      await t.services.pages.save(page({ title: 'Harbour', slug: 'harbour-news-desk', parent: 'about' }));
      const twin = await refusal(() =>
        t.services.pages.save(page({ slug: 'harbour-news-desk' }), { id: 999 }),
      );
      expect(twin.code).toBe('NOT_FOUND');

      const article = await refusal(() => buildArticle(t.services, { slug: 'about' }));
      expect(article.code).toBe('SLUG_TAKEN');
      expect(article.fields.slug).toMatch(/standing page/);
      // A draft page holds its address too: it would clash the day it is published.
      await t.services.pages.save(page({ title: 'Privacy', slug: 'privacy', status: 'draft' }));
      expect((await refusal(() => buildArticle(t.services, { slug: 'privacy' }))).code).toBe('SLUG_TAKEN');
    });

    it('leaves redirects when a published page (and so its children) moves, and none for a draft', async () => {
      const about = await t.services.pages.save(page());
      await t.services.pages.save(page({ title: 'Contact', slug: 'contact', parent: 'about' }));
      await t.services.pages.save(page({ title: 'Draft', slug: 'draft-one', status: 'draft' }));
      await t.services.pages.save(page({ title: 'About the Gazette', slug: 'about-us' }), {
        id: about.page.id,
      });
      await t.services.pages.save(page({ title: 'Draft', slug: 'draft-two', status: 'draft' }), {
        id: (await t.services.pages.findBySlug('draft-one'))?.id as number,
      });
      const table = (await redirects.list(t.database.db)).map((r) => `${r.from_path} -> ${r.to_path}`);
      expect(table.sort()).toEqual(['/about/ -> /about-us/', '/about/contact/ -> /about-us/contact/']);
      expect((await get('/about/')).headers.location).toBe('/about-us/');
      expect((await get('/about/contact/')).headers.location).toBe('/about-us/contact/');
      expect((await get('/about-us/contact/')).statusCode).toBe(200);
    });
  });

  describe('reader pages', () => {
    beforeEach(async () => {
      await t.services.pages.save(page({ description: 'Who we are and how we work.' }));
      await t.services.pages.save(
        page({ title: 'Contact', slug: 'contact', parent: 'about', body: 'Write to the newsroom.' }),
      );
      await t.services.pages.save(
        page({ title: 'Secret plans', slug: 'secret-plans', body: 'Not yet.', status: 'draft' }),
      );
      await t.services.pages.save(
        page({ title: 'Hidden child', slug: 'hidden-child', parent: 'secret-plans', body: 'Not yet.' }),
      );
    });

    it('serves a published page at /slug/ with its title, canonical, description and WebPage JSON-LD', async () => {
      const response = await get('/about/');
      expect(response.statusCode).toBe(200);
      const $ = load(response.body);
      expect($('h1').text()).toBe('About us');
      expect($('title').text()).toMatch(/^About us – /);
      expect($('link[rel=canonical]').attr('href')).toBe(`${TEST_PUBLIC_URL}/about/`);
      expect($('meta[name=description]').attr('content')).toBe('Who we are and how we work.');
      const types = $('script[type="application/ld+json"]')
        .map((_i, el) => (JSON.parse($(el).text()) as { '@type': string })['@type'])
        .get();
      expect(types).toContain('WebPage');
      expect($('.byline').length).toBe(0);
      expect($('#comments, form[action$="/comments"]').length).toBe(0);
      expect(response.headers['cache-control']).toMatch(/public/);
    });

    it('serves a child page at /parent/slug/, and only under its own parent', async () => {
      const response = await get('/about/contact/');
      expect(response.statusCode).toBe(200);
      const $ = load(response.body);
      expect($('h1').text()).toBe('Contact');
      expect($('link[rel=canonical]').attr('href')).toBe(`${TEST_PUBLIC_URL}/about/contact/`);
      expect($('meta[name=description]').attr('content')).toBe('Write to the newsroom.');
      expect((await get('/contact/')).statusCode).toBe(404);
      expect((await get('/other/contact/')).statusCode).toBe(404);
    });

    it('answers 404 for a draft, and for a published child under a draft parent', async () => {
      expect((await get('/secret-plans/')).statusCode).toBe(404);
      expect((await get('/secret-plans/hidden-child/')).statusCode).toBe(404);
      expect((await get('/no-such-page/')).statusCode).toBe(404);
    });

    it('lets an article keep its own address: articles answer first, and feeds and sections still work', async () => {
      await buildArticle(t.services, { slug: 'ferry-times', title: 'Ferry times' });
      expect(load((await get('/ferry-times/')).body)('h1').text()).toBe('Ferry times');
      expect((await get('/ferry-times/feed/')).statusCode).toBe(200);
      expect((await get('/feed/atom/')).statusCode).toBe(200);
    });
  });

  describe('the Pages screen', () => {
    it('is for editors and admins: a contributor and an author are refused', async () => {
      for (const role of ['contributor', 'author'] as const) {
        const who = await signedIn(t, role);
        expect((await who.get('/admin/pages')).statusCode).toBe(403);
        expect((await who.get('/admin/pages/new')).statusCode).toBe(403);
        expect(
          (await who.post('/admin/pages', { title: 'X', slug: 'x', body: 'y', status: 'draft' })).statusCode,
        ).toBe(403);
        expect((await who.get('/admin')).body).not.toContain('href="/admin/pages"');
      }
      expect(await t.services.pages.list()).toEqual([]);
    });

    it('adds and edits a page, lists it and its revisions', async () => {
      const editor = await signedIn(t, 'editor');
      expect((await editor.get('/admin/articles')).body).toContain('href="/admin/pages"');
      const added = await editor.post('/admin/pages', {
        title: 'Corrections policy',
        slug: 'corrections-policy',
        parent: '',
        description: '',
        body: 'We correct errors promptly.',
        status: 'published',
      });
      expect(added.statusCode, added.body.slice(0, 400)).toBe(303);
      const id = /\/admin\/pages\/(\d+)\/edit/.exec(String(added.headers.location))?.[1];
      expect(id).toBeDefined();
      expect((await get('/corrections-policy/')).statusCode).toBe(200);
      const saved = await editor.post(`/admin/pages/${id}`, {
        title: 'Corrections policy',
        slug: 'corrections-policy',
        parent: '',
        description: '',
        body: 'We correct errors promptly and say so.',
        status: 'published',
      });
      expect(saved.statusCode).toBe(303);
      const edit = load((await editor.get(`/admin/pages/${id}/edit?done=saved`)).body);
      expect(edit('textarea[name=body]').text().trim()).toBe('We correct errors promptly and say so.');
      expect(edit('.revisions li').length).toBe(2);
      expect(edit('.revisions li').first().text()).toContain(editor.name);
      const list = load((await editor.get('/admin/pages')).body);
      expect(list('table.pages a').text()).toContain('Corrections policy');
    });

    it('shows an imported HTML page’s source with a note, and saves it as HTML', async () => {
      const editor = await signedIn(t, 'editor');
      const source = '<blockquote class="pullquote"><p>Since 1911.</p></blockquote>';
      const { page: imported } = await t.services.pages.save(page({ body: source, bodyFormat: 'html' }));
      const form = load((await editor.get(`/admin/pages/${imported.id}/edit`)).body);
      expect(form('label[for=field-body]').text()).toBe('Body');
      expect(form('#hint-body').text().trim()).toBe(BODY_HTML_HINT);
      expect(form('textarea[name=body]').val()).toBe(source);
      const saved = await editor.post(`/admin/pages/${imported.id}`, {
        title: 'About us',
        slug: 'about',
        parent: '',
        description: '',
        body: `${source}<script>alert(1)</script>`,
        status: 'published',
      });
      expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
      const reader = await get('/about/');
      expect(load(reader.body)('.article-body blockquote.pullquote').text()).toBe('Since 1911.');
      expect(reader.body).not.toContain('alert(1)');
      expect((await t.services.pages.findById(imported.id))?.bodyFormat).toBe('html');
      expect((await t.services.pages.findById(imported.id))?.body).toBe(source);
      // A page written from Markdown shows its HTML too.
      const plain = await t.services.pages.save(
        page({ slug: 'jobs', title: 'Jobs', body: 'We are *hiring*.' }),
      );
      const plainForm = load((await editor.get(`/admin/pages/${plain.page.id}/edit`)).body);
      expect(plainForm('textarea[name=body]').val()).toBe('<p>We are <em>hiring</em>.</p>');
    });

    it('refuses to publish a page while an image lacks alt text, naming it; a draft may wait', async () => {
      const editor = await signedIn(t, 'editor');
      const undescribed = '<figure class="figure"><img src="https://example.com/pier.jpg" alt="" /></figure>';
      const typed = {
        title: 'About the harbour',
        slug: 'about-harbour',
        parent: '',
        description: '',
        body: `<p>Our office is on the pier.</p>${undescribed}`,
        status: 'published',
      };
      const refused = await editor.post('/admin/pages', typed);
      expect(refused.statusCode).toBe(422);
      const $ = load(refused.body);
      expect($('#error-body').text()).toContain('“https://example.com/pier.jpg”');
      expect($('textarea[name=body]').text().replace(/^\n/, '')).toBe(typed.body);
      expect(await t.services.pages.list()).toEqual([]);

      expect((await editor.post('/admin/pages', { ...typed, status: 'draft' })).statusCode).toBe(303);
      const [draft] = await t.services.pages.list();
      const described = typed.body.replace('alt=""', 'alt="The pier at low tide"');
      const published = await editor.post(`/admin/pages/${draft?.id ?? 0}`, { ...typed, body: described });
      expect(published.statusCode).toBe(303);
      expect((await t.services.pages.findBySlug('about-harbour'))?.status).toBe('published');
    });

    it('keeps the typed text when the page is refused, with the reason beside the field', async () => {
      const editor = await signedIn(t, 'editor');
      await buildArticle(t.services, { slug: 'harbour-news' });
      const typed = {
        title: 'A page I typed carefully',
        slug: 'harbour-news',
        parent: '',
        description: 'My description',
        body: 'Three paragraphs\n\nof careful <text> & more.',
        status: 'published',
      };
      const refused = await editor.post('/admin/pages', typed);
      expect(refused.statusCode).toBe(409);
      const $ = load(refused.body);
      expect($('input[name=title]').val()).toBe(typed.title);
      expect($('input[name=slug]').val()).toBe('harbour-news');
      expect($('input[name=description]').val()).toBe('My description');
      expect($('textarea[name=body]').text().replace(/^\n/, '')).toBe(typed.body);
      expect($('select[name=status] option[selected]').val()).toBe('published');
      expect(refused.body).toMatch(/an article&#39;s address|an article's address/);
      const bad = await editor.post('/admin/pages', { ...typed, slug: 'Not A Slug', status: 'weird' });
      expect(bad.statusCode).toBe(400);
      expect(load(bad.body)('input[name=slug]').val()).toBe('Not A Slug');
      expect(await t.services.pages.list()).toEqual([]);
      expect((await editor.get('/admin/pages/999/edit')).statusCode).toBe(404);
    });

    it('refuses an article whose slug is a page’s address in the editor too', async () => {
      await t.services.pages.save(page());
      const editor = await signedIn(t, 'editor');
      const response = await editor.post(
        '/admin/articles',
        editorForm(editor, { slug: 'about', action: 'publish' }),
      );
      expect(response.statusCode).toBe(409);
      expect(response.body).toMatch(/standing page/);
      // A slug made from the title steps past the page's.
      const made = await editor.post(
        '/admin/articles',
        editorForm(editor, { title: 'About', slug: '', action: 'publish' }),
      );
      expect(made.statusCode).toBe(303);
      expect(editedId(made.headers.location)).toBeGreaterThan(0);
    });
  });
});
