import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { buildArticle, buildAuthor, buildComment } from '../../../test/factories.ts';
import { signedIn, type SignedIn } from '../../../test/staff.ts';

// Every reader-facing place an article can show up, walked with one article readers may see and four
// they may not. Each story carries one word of its own (in its title, slug, body and comment), so a
// hidden story that leaks anywhere, as a title, a link, a snippet or a comment, shows as that word.

const HOUR = 3_600_000;
const at = (ms: number) => new Date(new Date(TEST_NOW).getTime() + ms).toISOString();

/** In every body, so that one search matches all five stories. */
const SHARED_WORD = 'quillwort';

interface Story {
  /** The story's own word: lower case, in nothing else (tags and author names included). */
  word: string;
  title: string;
  slug: string;
  author: { name: string; slug: string };
  tag: { name: string; slug: string };
}

function story(word: string, title: string, author: string, tag: string): Story {
  const slugOf = (text: string) => text.toLowerCase().replace(/\s+/g, '-');
  return {
    word,
    title,
    slug: slugOf(title),
    author: { name: author, slug: slugOf(author) },
    tag: { name: tag, slug: slugOf(tag) },
  };
}

const PUBLISHED = story('lighthouse', 'Lighthouse keeper retires', 'Vic Visible', 'Coast');
const HIDDEN = {
  /** Saved, never published. */
  draft: story('zeppelin', 'Zeppelin mooring plan', 'Dora Draftwell', 'Airships'),
  /** Scheduled by the newsroom for an hour from now. */
  scheduled: story('walrus', 'Walrus census results', 'Sam Schedule', 'Wildlife'),
  /** Published, then taken back. */
  unpublished: story('gondola', 'Gondola line withdrawn', 'Uma Unpublish', 'Cableways'),
  /** Stored as published with a time still to come, as an import or the command line may. */
  futureDated: story('sextant', 'Sextant auction announced', 'Fay Future', 'Antiques'),
};
const STORIES = [PUBLISHED, ...Object.values(HIDDEN)];

describe.each(DIALECTS)('who may see an article, on %s', (dialect) => {
  let t: TestApp;
  let editor: SignedIn;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  function fields(s: Story, action: string, extra: Record<string, string> = {}) {
    return editorForm(editor, {
      title: s.title,
      slug: s.slug,
      standfirst: `About the ${s.word}.`,
      body: `The ${s.word} story, filed under ${SHARED_WORD}.`,
      tags: s.tag.name,
      authors: s.author.slug,
      action,
      ...extra,
    });
  }

  async function write(s: Story, action: string, extra: Record<string, string> = {}): Promise<number> {
    const response = await editor.post('/admin/articles', fields(s, action, extra));
    expect(response.statusCode, response.body.slice(0, 400)).toBe(303);
    return editedId(response.headers.location);
  }

  async function unpublish(s: Story, id: number): Promise<void> {
    const $ = load((await editor.get(`/admin/articles/${id}/edit`)).body);
    const version = String($('input[name=version]').val());
    const taken = await editor.post(`/admin/articles/${id}`, fields(s, 'unpublish', { version }));
    expect(taken.statusCode, taken.body.slice(0, 400)).toBe(303);
  }

  let ids: Map<Story, number>;
  beforeEach(async () => {
    await t.reset();
    editor = await signedIn(t, 'editor');
    for (const s of STORIES) await buildAuthor(t.services, s.author);

    ids = new Map<Story, number>();
    ids.set(PUBLISHED, await write(PUBLISHED, 'publish'));
    ids.set(HIDDEN.draft, await write(HIDDEN.draft, 'save'));
    ids.set(
      HIDDEN.scheduled,
      await write(HIDDEN.scheduled, 'schedule', { publish_at: at(HOUR).slice(0, 16) }),
    );
    const unpublished = await write(HIDDEN.unpublished, 'publish');
    await unpublish(HIDDEN.unpublished, unpublished);
    ids.set(HIDDEN.unpublished, unpublished);
    const future = HIDDEN.futureDated;
    const saved = await buildArticle(t.services, {
      title: future.title,
      slug: future.slug,
      standfirst: `About the ${future.word}.`,
      body: `The ${future.word} story, filed under ${SHARED_WORD}.`,
      authors: [future.author.slug],
      tags: [future.tag.name],
      status: 'published',
      published_at: at(HOUR),
    });
    ids.set(future, saved.id);
    // An approved comment on each, as an import or a moderator before the unpublish would leave it.
    for (const [s, id] of ids)
      await buildComment(t.services, id, { author_name: 'Reader', body: `Remarks on the ${s.word}.` });

    const rows = await t.database.db
      .selectFrom('articles')
      .select(['slug', 'status'])
      .orderBy('slug')
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.slug, r.status]))).toEqual({
      [PUBLISHED.slug]: 'published',
      [HIDDEN.draft.slug]: 'draft',
      [HIDDEN.scheduled.slug]: 'scheduled',
      [HIDDEN.unpublished.slug]: 'unpublished',
      [HIDDEN.futureDated.slug]: 'published',
    });
  });

  /** Every public URL that lists or shows articles or comments, sitemaps found from their index. */
  async function publicUrls(): Promise<string[]> {
    const urls = [
      '/',
      '/feed/',
      '/feed/atom/',
      '/feed.json',
      '/comments/feed/',
      '/sitemap.xml',
      '/news-sitemap.xml',
      `/search?q=${SHARED_WORD}`,
      '/api/v1/articles',
      '/api/v1/articles?fields=slug,title,body_html&limit=50',
      `/api/v1/articles?since=${encodeURIComponent(at(-24 * HOUR))}`,
      '/api/v1/authors',
      '/api/v1/tags',
      `/api/v1/search?q=${SHARED_WORD}`,
    ];
    for (const s of STORIES) {
      urls.push(
        `/${s.slug}/`,
        `/${s.slug}/feed/`,
        `/author/${s.author.slug}/`,
        `/author/${s.author.slug}/feed/`,
        `/tag/${s.tag.slug}/`,
        `/tag/${s.tag.slug}/feed/`,
        `/api/v1/articles/${s.slug}`,
        `/api/v1/articles?author=${s.author.slug}`,
        `/api/v1/articles?tag=${s.tag.slug}`,
        `/api/v1/authors/${s.author.slug}`,
      );
    }
    const index = await get('/sitemap.xml');
    const children = [...index.body.matchAll(/<loc>https?:\/\/[^/]+(\/[^<]+)<\/loc>/g)].map(
      (m) => m[1] ?? '',
    );
    expect(children).toContain('/sitemaps/articles-1.xml');
    return [...urls, ...children];
  }

  /** Where the published story must show: proof that each place was really looked at. */
  const showsPublished = [
    '/',
    '/feed/',
    '/feed/atom/',
    '/feed.json',
    '/comments/feed/',
    '/news-sitemap.xml',
    '/sitemaps/articles-1.xml',
    `/search?q=${SHARED_WORD}`,
    '/api/v1/articles',
    '/api/v1/articles?fields=slug,title,body_html&limit=50',
    `/api/v1/articles?since=${encodeURIComponent(at(-24 * HOUR))}`,
    `/api/v1/search?q=${SHARED_WORD}`,
    `/${PUBLISHED.slug}/`,
    `/${PUBLISHED.slug}/feed/`,
    `/author/${PUBLISHED.author.slug}/`,
    `/author/${PUBLISHED.author.slug}/feed/`,
    `/tag/${PUBLISHED.tag.slug}/`,
    `/tag/${PUBLISHED.tag.slug}/feed/`,
    `/api/v1/articles/${PUBLISHED.slug}`,
    `/api/v1/articles?author=${PUBLISHED.author.slug}`,
    `/api/v1/articles?tag=${PUBLISHED.tag.slug}`,
  ];

  /** The words of the stories that show at every URL, or `error` for a server error. */
  async function walk(urls: readonly string[], stories: readonly Story[]) {
    const found: Record<string, string[]> = {};
    for (const url of urls) {
      const response = await get(url);
      const body = response.body.toLowerCase();
      const words = stories.filter((s) => body.includes(s.word)).map((s) => s.word);
      found[url] = response.statusCode >= 500 ? ['error', ...words] : words;
    }
    return found;
  }

  it('shows the published article everywhere, and never a draft, a scheduled, an unpublished or a future-dated one', async () => {
    const urls = await publicUrls();
    const found = await walk(urls, STORIES);
    const expected = Object.fromEntries(
      urls.map((url) => [url, showsPublished.includes(url) ? [PUBLISHED.word] : []]),
    );
    expect(found).toEqual(expected);

    for (const s of Object.values(HIDDEN)) {
      for (const url of [`/${s.slug}/`, `/${s.slug}/feed/`, `/api/v1/articles/${s.slug}`])
        expect((await get(url)).statusCode, url).toBe(404);
    }
  });

  it('finds only the published article by any of the five stories’ words, in pages and the API', async () => {
    for (const s of STORIES) {
      const isPublished = s === PUBLISHED;
      const api = (await get(`/api/v1/search?q=${s.word}`)).json<{
        total: number;
        results: { slug: string }[];
      }>();
      expect(
        api.results.map((r) => r.slug),
        s.word,
      ).toEqual(isPublished ? [s.slug] : []);
      expect(api.total, s.word).toBe(isPublished ? 1 : 0);
      const $ = load((await get(`/search?q=${s.word}`)).body);
      const links = $('.search-results a')
        .map((_, a) => $(a).attr('href'))
        .get();
      expect(
        links.filter((href) => /^\/[^/]+\/$/.test(href)),
        s.word,
      ).toEqual(isPublished ? [`/${s.slug}/`] : []);
    }
    const shared = (await get(`/api/v1/search?q=${SHARED_WORD}`)).json<{ total: number }>();
    expect(shared.total).toBe(1);
  });

  it('leaves out tags that only hidden articles carry, and refuses comments on hidden articles', async () => {
    const tags = (await get('/api/v1/tags')).json<{ tags: { slug: string; article_count: number }[] }>();
    expect(tags.tags).toEqual([expect.objectContaining({ slug: PUBLISHED.tag.slug, article_count: 1 })]);
    for (const s of STORIES) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/${s.slug}/comments`,
        headers: { accept: 'application/json' },
        payload: { comment: `Another word on the ${s.word}.`, author: 'Reader', email: 'reader@example.org' },
      });
      expect(response.statusCode, s.word).toBe(s === PUBLISHED ? 201 : 404);
    }
  });

  it('hides an article everywhere the moment it is unpublished, from cached pages too', async () => {
    const urls = await publicUrls();
    // Every page is asked for once first, so that the page cache holds it.
    expect(Object.values(await walk(showsPublished, STORIES))).toEqual(
      showsPublished.map(() => [PUBLISHED.word]),
    );
    await unpublish(PUBLISHED, ids.get(PUBLISHED) as number);
    const found = await walk(urls, STORIES);
    expect(found).toEqual(Object.fromEntries(urls.map((url) => [url, []])));
  });

  it('shows a hidden article once its time has come and it is published, and the others still never', async () => {
    t.clock.set(at(2 * HOUR));
    // The future-dated story needs no job: its time alone makes it visible (announcing drops cached lists).
    await t.services.articles.announceDue(TEST_NOW);
    const visible = [PUBLISHED, HIDDEN.futureDated];
    const urls = ['/', '/feed/', '/comments/feed/', '/sitemaps/articles-1.xml', '/api/v1/articles'];
    const before = await walk(urls, STORIES);
    expect(before).toEqual(Object.fromEntries(urls.map((url) => [url, visible.map((s) => s.word)])));

    // A scheduled story waits for the scheduler, whose time has come.
    expect(await t.services.articles.publishDue()).toBe(1);
    visible.splice(1, 0, HIDDEN.scheduled);
    const after = await walk(urls, STORIES);
    expect(after).toEqual(Object.fromEntries(urls.map((url) => [url, visible.map((s) => s.word)])));
    const api = (await get(`/api/v1/search?q=${SHARED_WORD}`)).json<{
      total: number;
      results: { slug: string }[];
    }>();
    expect(api.total).toBe(3);
    expect(api.results.map((r) => r.slug).sort()).toEqual(visible.map((s) => s.slug).sort());
  });
});
