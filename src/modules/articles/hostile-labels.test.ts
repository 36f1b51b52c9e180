import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';
import { signedIn } from '../../../test/staff.ts';

// A right-to-left override, an isolate pair, an embedding and a lone surrogate: the tricks that make
// a label read differently from what is stored, or that cannot be stored as UTF-8.
const HOSTILE = 'Harbour\u202e moc.live\u202c \u2066news\u2069 \u202bx\u202c\ud800';
const EXPECTED = 'Harbour moc.live news x\ufffd';
const UNSAFE = /[\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])/u;

describe.each(DIALECTS)('titles, names and tags with bidirectional tricks on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  it('strips them from an article’s title and tags, and from an author’s name', async () => {
    const author = await buildAuthor(t.services, { name: `Ada ${HOSTILE}`, slug: 'ada' });
    const { slug } = await buildArticle(t.services, {
      title: HOSTILE,
      tags: [`Tag ${HOSTILE}`],
      authors: [author.slug],
    });
    const article = await t.services.articles.getPublished(slug);
    expect(article?.title).toBe(EXPECTED);
    expect(article?.tags.map((tag) => tag.name)).toEqual([`Tag ${EXPECTED}`]);
    expect(article?.authors.map((a) => a.name)).toEqual([`Ada ${EXPECTED}`]);
    const page = await t.app.inject(`/${slug}/`);
    expect(page.body).not.toMatch(UNSAFE);
    expect(page.body).toContain(EXPECTED);
  });

  it('refuses a title or name that is nothing but such characters', async () => {
    await expect(buildArticle(t.services, { title: '\u202e\u2066\u2069 ' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { title: expect.any(String) as string },
    });
    await expect(buildAuthor(t.services, { name: '\u202e', slug: 'nobody' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('strips them from a renamed tag and from the site’s title', async () => {
    await buildArticle(t.services, { tags: ['Harbour'] });
    await t.services.tags.rename({
      id: (await t.services.tags.findBySlug('harbour'))!.id,
      name: HOSTILE,
      actor: null,
    });
    expect((await t.services.tags.findBySlug('harbour'))?.name).toBe(EXPECTED);
    await t.services.settings.update({ 'site.title': HOSTILE });
    expect((await t.services.settings.all())['site.title']).toBe(EXPECTED);
  });

  it('strips them from the newsroom editor’s title and tags, and refuses them in a profile’s name', async () => {
    const staff = await signedIn(t, 'editor');
    const saved = await staff.post(
      '/admin/articles',
      editorForm(staff, { title: HOSTILE, tags: `Tag ${HOSTILE}`, action: 'publish' }),
    );
    expect(saved.statusCode).toBe(303);
    const id = editedId(saved.headers.location);
    const editor = await staff.get(`/admin/articles/${id}/edit`);
    expect(editor.body).not.toMatch(UNSAFE);
    expect(editor.body).toContain(EXPECTED);

    // The profile form already refused control characters with a message; it refuses these too.
    for (const mark of ['\u202e', '\u2066', '\ud800'])
      await expect(
        t.services.authors.updateProfile({
          authorId: staff.authorId,
          form: { name: `Bo ${mark}x`, slug: staff.authorSlug, bio: '' },
          actor: { id: staff.id, name: staff.name },
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { name: expect.any(String) as string } });
  });
});
