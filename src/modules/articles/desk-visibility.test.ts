import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { buildArticle } from '../../../test/factories.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';

// The newsroom's article list follows the policy's "see every draft" ('article.edit-any'): without
// it, a person sees their own articles and the ones readers can see, never others' drafts or
// scheduled headlines, whatever the filter or search.
describe.each(DIALECTS)("the desk list's reach on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  async function write(staff: SignedIn, title: string, action = 'save', publishAt = '') {
    const response = await staff.post(
      '/admin/articles',
      editorForm(staff, { title, tags: 'Harbour', action, publish_at: publishAt }),
    );
    expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
    return editedId(response.headers.location);
  }

  it("keeps others' drafts and scheduled headlines out of a contributor's list, search and filters", async () => {
    await buildArticle(t.services, { title: 'Lighthouse reopens to visitors', tags: ['Harbour'] });
    const editor = await signedIn(t, 'editor');
    await write(editor, 'Embargoed harbour merger');
    await write(editor, 'Scheduled harbour strike', 'schedule', '2026-12-01T09:00');
    const contributor = await signedIn(t, 'contributor');
    await write(contributor, 'My harbour notes');

    const lists = [
      '/admin/articles',
      '/admin/articles?q=harbour',
      '/admin/articles?status=draft',
      '/admin/articles?status=scheduled',
      '/admin/articles?tag=harbour',
      `/admin/articles?author=${editor.authorSlug}`,
    ];
    for (const url of lists) {
      const body = (await contributor.get(url)).body;
      expect(body, url).not.toContain('Embargoed harbour merger');
      expect(body, url).not.toContain('Scheduled harbour strike');
    }
    const all = (await contributor.get('/admin/articles')).body;
    expect(all).toContain('My harbour notes');
    expect(all).toContain('Lighthouse reopens to visitors');
    expect((await contributor.get('/admin/articles?status=draft')).body).toContain('My harbour notes');

    // Editors see every draft, as the policy says.
    const theirs = (await editor.get('/admin/articles')).body;
    for (const title of ['Embargoed harbour merger', 'Scheduled harbour strike', 'My harbour notes'])
      expect(theirs, title).toContain(title);
  });

  it("shows an author their own scheduled work and others' published work only", async () => {
    const editor = await signedIn(t, 'editor');
    await write(editor, 'Editor draft headline');
    await write(editor, 'Editor published headline', 'publish');
    const author = await signedIn(t, 'author');
    await write(author, 'Author scheduled headline', 'schedule', '2026-12-01T09:00');
    const body = (await author.get('/admin/articles')).body;
    expect(body).not.toContain('Editor draft headline');
    expect(body).toContain('Editor published headline');
    expect(body).toContain('Author scheduled headline');
  });
});
