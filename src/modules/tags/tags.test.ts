import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';

const later = new Date(Date.parse(TEST_NOW) + 24 * 3600 * 1000).toISOString();

/** Every reader surface that could name a tag. */
async function publicTraces(t: TestApp, slug: string) {
  const get = (url: string) => t.app.inject(url);
  const [page, feed, sitemap, api, apiArticles] = await Promise.all([
    get(`/tag/${slug}/`),
    get(`/tag/${slug}/feed/`),
    get('/sitemaps/tags-1.xml'),
    get('/api/v1/tags'),
    get(`/api/v1/articles?tag=${slug}`),
  ]);
  return {
    page: page.statusCode,
    feed: feed.statusCode,
    inSitemap: sitemap.body.includes(`/tag/${slug}/`),
    inApi: api.body.includes(`"${slug}"`),
    apiArticles: (apiArticles.json<{ articles: unknown[] }>().articles ?? []).length,
  };
}

describe.each(DIALECTS)('tags on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  describe('a tag only a draft or a scheduled article carries', () => {
    const hidden = { page: 404, feed: 404, inSitemap: false, inApi: false, apiArticles: 0 };
    const shown = { page: 200, feed: 200, inSitemap: true, inApi: true, apiArticles: 1 };

    it('is nowhere public while its article is a draft, and everywhere once it is published', async () => {
      const author = await buildAuthor(t.services);
      // Something public, so that the sitemap and the API have something to list.
      await buildArticle(t.services, { authors: [author.slug], tags: ['Harbour'] });
      const embargo = { slug: 'merger-story', authors: [author.slug], tags: ['Secret Merger'] };
      await buildArticle(t.services, { ...embargo, status: 'draft' });
      expect(await publicTraces(t, 'secret-merger')).toEqual(hidden);
      expect((await t.app.inject('/')).body).not.toContain('Secret Merger');

      await buildArticle(t.services, { ...embargo, status: 'published', published_at: TEST_NOW });
      // The cached sitemap and API answers were dropped by the publication.
      expect(await publicTraces(t, 'secret-merger')).toEqual(shown);
    });

    it('is nowhere public while its article is scheduled, and everywhere once the time comes', async () => {
      await buildArticle(t.services, { tags: ['Harbour'] });
      const editor = await signedIn(t, 'editor');
      const scheduled = await editor.post(
        '/admin/articles',
        editorForm(editor, { tags: 'Secret Merger', action: 'schedule', publish_at: '2026-11-27T12:00' }),
      );
      expect(scheduled.statusCode, scheduled.body.slice(0, 300)).toBe(303);
      expect(await publicTraces(t, 'secret-merger')).toEqual(hidden);
      t.clock.set(later);
      // Its time has come, but it shows once the scheduler has published it.
      expect(await publicTraces(t, 'secret-merger')).toEqual(hidden);
      expect(await t.services.articles.publishDue()).toBe(1);
      expect(await publicTraces(t, 'secret-merger')).toEqual(shown);
    });

    it('goes private again when its only article is unpublished', async () => {
      const editor = await signedIn(t, 'editor');
      const created = await editor.post(
        '/admin/articles',
        editorForm(editor, { tags: 'Walk Back', action: 'publish' }),
      );
      const id = editedId(created.headers.location);
      expect(await publicTraces(t, 'walk-back')).toEqual(shown);
      const version = load((await editor.get(`/admin/articles/${id}/edit`)).body)(
        'input[name=version]',
      ).val();
      const unpublished = await editor.post(
        `/admin/articles/${id}`,
        editorForm(editor, { tags: 'Walk Back', action: 'unpublish', version: String(version) }),
      );
      expect(unpublished.statusCode, unpublished.body.slice(0, 300)).toBe(303);
      expect(await publicTraces(t, 'walk-back')).toEqual(hidden);
    });
  });

  describe('creating tags', () => {
    async function draftWith(person: SignedIn, tags: string) {
      const response = await person.post(
        '/admin/articles',
        editorForm(person, { title: 'Council budget talks', tags }),
      );
      expect(response.statusCode, response.body.slice(0, 500)).toBe(303);
      return editedId(response.headers.location);
    }

    it('lets a contributor choose existing tags and leave a suggestion, never create one', async () => {
      await buildArticle(t.services, { tags: ['Harbour'] });
      const contributor = await signedIn(t, 'contributor');
      const id = await draftWith(contributor, 'Harbour, Budget Leak');
      const tags = await t.database.db.selectFrom('tags').select('slug').orderBy('slug').execute();
      expect(tags.map((r) => r.slug)).toEqual(['harbour']);
      const linked = await t.database.db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .where('article_id', '=', id)
        .select('tags.slug')
        .execute();
      expect(linked.map((r) => r.slug)).toEqual(['harbour']);
      // The typed text survives: it is back in the field, and the suggestion waits for an editor.
      const editor = load((await contributor.get(`/admin/articles/${id}/edit`)).body);
      expect(editor('#field-tags').val()).toBe('Harbour, Budget Leak');
      const suggestion = await t.database.db
        .selectFrom('article_tag_suggestions')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(suggestion).toMatchObject({ article_id: id, slug: 'budget-leak', name: 'Budget Leak' });
      // Saving again keeps it, once.
      const resaved = await contributor.post(
        `/admin/articles/${id}`,
        editorForm(contributor, {
          title: 'Council budget talks',
          tags: 'Harbour, Budget Leak',
          version: editor('input[name=version]').val() as string,
        }),
      );
      expect(resaved.statusCode, resaved.body.slice(0, 500)).toBe(303);
      const pending = await t.database.db.selectFrom('article_tag_suggestions').select('slug').execute();
      expect(pending.map((r) => r.slug)).toEqual(['budget-leak']);
      // Readers never see a suggestion.
      expect((await t.app.inject('/tag/budget-leak/')).statusCode).toBe(404);

      // An editor approves it: the tag exists and the article carries it, with an audit line.
      const editorStaff = await signedIn(t, 'editor');
      const screen = load((await editorStaff.get('/admin/tags')).body);
      expect(screen('table.tag-suggestions').text()).toContain('Budget Leak');
      expect(screen('table.tag-suggestions').text()).toContain('Council budget talks');
      const approved = await editorStaff.post('/admin/tags/suggestions/approve', {
        article_id: String(id),
        slug: 'budget-leak',
      });
      expect(approved.statusCode).toBe(303);
      const after = await t.database.db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .where('article_id', '=', id)
        .select(['tags.slug', 'tags.name'])
        .orderBy('article_tags.position')
        .execute();
      expect(after).toEqual([
        { slug: 'harbour', name: 'Harbour' },
        { slug: 'budget-leak', name: 'Budget Leak' },
      ]);
      expect(await t.database.db.selectFrom('article_tag_suggestions').selectAll().execute()).toEqual([]);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .where('action', '=', 'tag.approve')
        .selectAll()
        .execute();
      expect(audit).toHaveLength(1);
      // Still a draft: the approved tag is not public yet.
      expect((await t.app.inject('/tag/budget-leak/')).statusCode).toBe(404);
    });

    it('lets an editor create tags from the editor and from the Tags screen', async () => {
      const editor = await signedIn(t, 'editor');
      await draftWith(editor, 'Fresh Topic');
      expect(
        await t.database.db
          .selectFrom('tags')
          .where('slug', '=', 'fresh-topic')
          .select('id')
          .executeTakeFirst(),
      ).toBeDefined();
      expect((await editor.post('/admin/tags', { name: 'Weather' })).statusCode).toBe(303);
      const refused = await editor.post('/admin/tags', { name: 'weather' });
      expect(refused.statusCode).toBe(409);
      expect(load(refused.body)('#field-name').val()).toBe('weather');
    });
  });

  describe('the Tags screen', () => {
    async function setUp() {
      const author = await buildAuthor(t.services);
      const a = await buildArticle(t.services, { slug: 'story-a', authors: [author.slug], tags: ['Harbor'] });
      const b = await buildArticle(t.services, {
        slug: 'story-b',
        authors: [author.slug],
        tags: ['Harbour', 'Harbor'],
      });
      const id = async (slug: string) =>
        (
          await t.database.db
            .selectFrom('tags')
            .where('slug', '=', slug)
            .select('id')
            .executeTakeFirstOrThrow()
        ).id;
      return { a, b, harbor: await id('harbor'), harbour: await id('harbour') };
    }
    const tagsOf = async (articleId: number) =>
      (
        await t.database.db
          .selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .where('article_id', '=', articleId)
          .select('tags.slug')
          .orderBy('article_tags.position')
          .execute()
      ).map((r) => r.slug);
    const auditOf = (action: string) =>
      t.database.db.selectFrom('audit_log').where('action', '=', action).selectAll().execute();

    it('merges a tag into another: articles carry the survivor, old URLs redirect 301', async () => {
      const { a, b, harbor, harbour } = await setUp();
      // Warm the cache: the merge must drop these.
      expect((await t.app.inject('/tag/harbor/')).statusCode).toBe(200);
      expect((await t.app.inject('/tag/harbour/')).body).not.toContain('story-a');
      const editor = await signedIn(t, 'editor');
      const merged = await editor.post(`/admin/tags/${harbor}/merge`, { into: String(harbour) });
      expect(merged.statusCode).toBe(303);
      expect(await tagsOf(a.id)).toEqual(['harbour']);
      expect(await tagsOf(b.id)).toEqual(['harbour']);
      for (const [from, to] of [
        ['/tag/harbor/', '/tag/harbour/'],
        ['/tag/harbor/feed/', '/tag/harbour/feed/'],
      ] as const) {
        for (const method of ['GET', 'HEAD'] as const) {
          const response = await t.app.inject({ method, url: from });
          expect(response.statusCode, `${method} ${from}`).toBe(301);
          expect(response.headers.location).toBe(to);
        }
      }
      // The survivor's page was purged and lists both articles now.
      const page = await t.app.inject('/tag/harbour/');
      expect(page.body).toContain('/story-a/');
      expect((await auditOf('tag.merge')).length).toBe(1);
    });

    it('collapses chains: a tag merged into one that is merged later redirects to the last', async () => {
      const { harbor, harbour } = await setUp();
      await buildArticle(t.services, { slug: 'story-c', tags: ['Port'] });
      const port = (
        await t.database.db
          .selectFrom('tags')
          .where('slug', '=', 'port')
          .select('id')
          .executeTakeFirstOrThrow()
      ).id;
      const editor = await signedIn(t, 'editor');
      await editor.post(`/admin/tags/${harbor}/merge`, { into: String(harbour) });
      await editor.post(`/admin/tags/${harbour}/merge`, { into: String(port) });
      const rows = await t.database.db
        .selectFrom('redirects')
        .select(['from_path', 'to_path', 'status'])
        .orderBy('from_path')
        .execute();
      expect(rows).toEqual([
        { from_path: '/tag/harbor/', to_path: '/tag/port/', status: 301 },
        { from_path: '/tag/harbor/feed/', to_path: '/tag/port/feed/', status: 301 },
        { from_path: '/tag/harbour/', to_path: '/tag/port/', status: 301 },
        { from_path: '/tag/harbour/feed/', to_path: '/tag/port/feed/', status: 301 },
      ]);
      expect((await t.app.inject('/tag/harbor/')).headers.location).toBe('/tag/port/');
    });

    it('renames a tag, moving its address with a redirect, and renaming back drops the loop', async () => {
      const { harbor } = await setUp();
      expect((await t.app.inject('/tag/harbor/')).body).toContain('<h1>Harbor</h1>');
      const editor = await signedIn(t, 'editor');
      const renamed = await editor.post(`/admin/tags/${harbor}/rename`, { name: 'Harbour Front', slug: '' });
      expect(renamed.statusCode).toBe(303);
      expect((await t.app.inject('/tag/harbor/')).headers.location).toBe('/tag/harbour-front/');
      // The cached page was dropped: the new name shows.
      expect((await t.app.inject('/tag/harbour-front/')).body).toContain('<h1>Harbour Front</h1>');
      // A name change alone keeps the slug.
      await editor.post(`/admin/tags/${harbor}/rename`, { name: 'Waterfront', slug: 'harbour-front' });
      expect((await t.app.inject('/tag/harbour-front/')).body).toContain('<h1>Waterfront</h1>');
      // Back to the first slug: it is a live page again, and the other redirects to it.
      await editor.post(`/admin/tags/${harbor}/rename`, { name: 'Harbor', slug: 'harbor' });
      expect((await t.app.inject('/tag/harbor/')).statusCode).toBe(200);
      expect((await t.app.inject('/tag/harbour-front/')).headers.location).toBe('/tag/harbor/');
      expect(
        (await t.database.db.selectFrom('redirects').select('from_path').orderBy('from_path').execute()).map(
          (r) => r.from_path,
        ),
      ).toEqual(['/tag/harbour-front/', '/tag/harbour-front/feed/']);
      expect((await auditOf('tag.rename')).length).toBe(3);
      // A slug another tag has is refused, keeping what was typed.
      const taken = await editor.post(`/admin/tags/${harbor}/rename`, { name: 'Harbor', slug: 'harbour' });
      expect(taken.statusCode).toBe(409);
      expect(load(taken.body)(`#rename-${harbor}-slug`).val()).toBe('harbour');
    });

    it('deletes a tag: its articles lose it, its page answers 404, redirects to it go', async () => {
      const { a, b, harbor, harbour } = await setUp();
      const editor = await signedIn(t, 'editor');
      await editor.post(`/admin/tags/${harbor}/rename`, { name: 'Harbor', slug: 'harbor-old' });
      expect((await t.app.inject('/tag/harbour/')).statusCode).toBe(200);
      expect((await editor.post(`/admin/tags/${harbor}/delete`)).statusCode).toBe(303);
      expect(await tagsOf(a.id)).toEqual([]);
      expect(await tagsOf(b.id)).toEqual(['harbour']);
      for (const url of ['/tag/harbor-old/', '/tag/harbor-old/feed/', '/tag/harbor/', '/tag/harbor/feed/'])
        expect((await t.app.inject(url)).statusCode, url).toBe(404);
      expect((await auditOf('tag.delete'))[0]).toMatchObject({
        subject: `tag:${harbor}`,
        user_id: editor.id,
      });
      // Deleting what is gone is a 404 on the page, not a 500.
      expect((await editor.post(`/admin/tags/${harbor}/delete`)).statusCode).toBe(404);
      void harbour;
    });

    it('is for tag.manage only, on every route', async () => {
      const { harbor, harbour } = await setUp();
      const routes: [string, Record<string, string>][] = [
        ['/admin/tags', {}],
        [`/admin/tags/${harbor}/rename`, { name: 'X' }],
        [`/admin/tags/${harbor}/merge`, { into: String(harbour) }],
        [`/admin/tags/${harbor}/delete`, {}],
        ['/admin/tags/suggestions/approve', { article_id: '1', slug: 'x' }],
        ['/admin/tags/suggestions/reject', { article_id: '1', slug: 'x' }],
      ];
      for (const role of ['contributor', 'author'] as const) {
        const person = await signedIn(t, role);
        expect((await person.get('/admin/tags')).statusCode, role).toBe(403);
        for (const [url, form] of routes.slice(1))
          expect((await person.post(url, form)).statusCode, `${role} ${url}`).toBe(403);
        expect(load((await person.get('/admin/profile')).body)('a[href="/admin/tags"]'), role).toHaveLength(
          0,
        );
      }
      expect(
        await tagsOf(
          (await t.database.db.selectFrom('articles').select('id').orderBy('id').executeTakeFirstOrThrow())
            .id,
        ),
      ).toEqual(['harbor']);
      for (const role of ['editor', 'admin'] as const) {
        const person = await signedIn(t, role);
        expect((await person.get('/admin/tags')).statusCode, role).toBe(200);
        expect(load((await person.get('/admin/profile')).body)('a[href="/admin/tags"]'), role).toHaveLength(
          1,
        );
      }
    });
  });
});
