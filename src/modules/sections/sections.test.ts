import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, TEST_PUBLIC_URL, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { editedId, editorForm } from '../../../test/editor-forms.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';
import { feedparserMissing, parseFeed } from '../../../test/feedparser.ts';
import { signedIn } from '../../../test/staff.ts';
import { runCli } from '../../cli.ts';
import { AppError } from '../../platform/errors.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dateline-sections-'));
const feedSkip = feedparserMissing();

describe.each(DIALECTS)('sections on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    await buildAuthor(t.services, { name: 'Ada Quill', slug: 'ada-quill' });
    await t.services.sections.save({ name: 'News', slug: 'news', description: 'What happened.' });
    await t.services.sections.save({ name: 'Politics', slug: 'politics', parent: 'news' });
    await t.services.sections.save({ name: 'Sport', slug: 'sport' });
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const links = (html: string) =>
    load(html)('.article-list a[href^="/"], article a[href^="/"]')
      .map((_i, el) => load(html)(el).attr('href'))
      .get();
  const fieldsOf = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      if (error instanceof AppError) return error.fields;
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('nests one level: a child of a child, or a parent moved under another, is refused', async () => {
    const list = await t.services.sections.list();
    expect(list.map((s) => [s.slug, s.parent?.slug ?? null])).toEqual([
      ['news', null],
      ['politics', 'news'],
      ['sport', null],
    ]);
    expect(
      (
        await fieldsOf(() =>
          t.services.sections.save({ name: 'Council', slug: 'council', parent: 'politics' }),
        )
      )?.parent,
    ).toMatch(/one level only: "politics" is already under "news"/);
    expect(
      (await fieldsOf(() => t.services.sections.save({ name: 'News', slug: 'news', parent: 'sport' })))
        ?.parent,
    ).toMatch(/"news" has sections under it/);
    expect(
      (await fieldsOf(() => t.services.sections.save({ name: 'X', slug: 'x', parent: 'nowhere' })))?.parent,
    ).toMatch(/unknown section "nowhere"/);
    expect(
      (await fieldsOf(() => t.services.sections.save({ name: ' ', slug: 'Bad Slug' })))?.slug,
    ).toBeDefined();
    expect((await t.services.sections.list()).map((s) => s.slug)).toEqual(['news', 'politics', 'sport']);
    // An update keeps the parent and description it is not given, and '' makes a section top-level.
    const renamed = await t.services.sections.save({ name: 'Politics & Power', slug: 'politics' });
    expect(renamed).toMatchObject({
      created: false,
      section: { name: 'Politics & Power', parent: { slug: 'news' } },
    });
    const moved = await t.services.sections.save({ name: 'Politics', slug: 'politics', parent: '' });
    expect(moved.section.parent).toBeNull();
  });

  it('lists its own and its child sections’ visible articles, paginated, never a draft or a scheduled one', async () => {
    await t.services.settings.update({ 'site.posts_per_page': 2 });
    for (const [slug, section, hoursAgo] of [
      ['in-news', 'news', 1],
      ['in-politics', 'politics', 2],
      ['in-politics-older', 'politics', 3],
      ['in-sport', 'sport', 4],
    ] as const)
      await buildArticle(t.services, {
        slug,
        section,
        authors: ['ada-quill'],
        published_at: new Date(Date.parse(TEST_NOW) - hoursAgo * 3_600_000).toISOString(),
      });
    await buildArticle(t.services, {
      slug: 'politics-draft',
      section: 'politics',
      authors: ['ada-quill'],
      status: 'draft',
    });
    const scheduled = await buildArticle(t.services, {
      slug: 'politics-embargoed',
      section: 'politics',
      authors: ['ada-quill'],
      published_at: '2026-12-01T09:00:00.000Z',
    });
    await t.database.db
      .updateTable('articles')
      .set({ status: 'scheduled' })
      .where('id', '=', scheduled.id)
      .execute();

    const first = await get('/section/news/');
    expect(first.statusCode).toBe(200);
    expect(load(first.body)('h1').text()).toBe('News');
    expect(load(first.body)('.subsections a').attr('href')).toBe('/section/politics/');
    const second = await get('/section/news/page/2/');
    expect(second.statusCode).toBe(200);
    const listed = [...links(first.body), ...links(second.body)].filter((href) =>
      /^\/in-|^\/politics-/.test(href),
    );
    expect([...new Set(listed)]).toEqual(['/in-news/', '/in-politics/', '/in-politics-older/']);
    expect((await get('/section/news/page/3/')).statusCode).toBe(404);
    expect((await get('/section/news/page/1/')).headers.location).toBe('/section/news/');
    const child = await get('/section/politics/');
    expect(new Set(links(child.body).filter((h) => /^\/in-|^\/politics-/.test(h)))).toEqual(
      new Set(['/in-politics/', '/in-politics-older/']),
    );
    for (const body of [first.body, second.body, child.body]) {
      expect(body).not.toContain('politics-draft');
      expect(body).not.toContain('politics-embargoed');
    }
    // The child's page names its parent in the breadcrumbs, visible and structured.
    const $ = load(child.body);
    const trail = $('script[type="application/ld+json"]')
      .map((_i, el) => JSON.parse($(el).text()) as { '@type': string; itemListElement?: { item: string }[] })
      .get()
      .find((d) => d['@type'] === 'BreadcrumbList');
    expect(trail?.itemListElement?.map((i) => i.item)).toEqual([
      `${TEST_PUBLIC_URL}/`,
      `${TEST_PUBLIC_URL}/section/news/`,
      `${TEST_PUBLIC_URL}/section/politics/`,
    ]);
    // An empty section has a page with no articles; an unknown one is a 404.
    await t.services.sections.save({ name: 'Opinion', slug: 'opinion' });
    await buildArticle(t.services, {
      slug: 'opinion-draft',
      section: 'opinion',
      authors: ['ada-quill'],
      status: 'draft',
    });
    const empty = await get('/section/opinion/');
    expect(empty.statusCode).toBe(200);
    expect(load(empty.body)('main .empty').text()).toBe('Nothing has been published in Opinion yet.');
    expect(empty.body).not.toContain('opinion-draft');
    expect((await get('/section/nowhere/')).statusCode).toBe(404);
  });

  it.skipIf(feedSkip !== undefined && !process.env.CI)(
    'has RSS, Atom and JSON feeds that a feed reader parses, with its child sections’ articles and no drafts',
    async () => {
      await buildArticle(t.services, { slug: 'vote-tonight', section: 'politics', authors: ['ada-quill'] });
      await buildArticle(t.services, { slug: 'match-report', section: 'sport', authors: ['ada-quill'] });
      await buildArticle(t.services, {
        slug: 'secret-vote',
        section: 'politics',
        authors: ['ada-quill'],
        status: 'draft',
      });
      for (const [url, version] of [
        ['/section/news/feed/', 'rss20'],
        ['/section/news/feed/atom/', 'atom10'],
      ] as const) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(200);
        const feed = parseFeed(response.body);
        expect(feed.bozo, feed.bozo_exception).toBe(false);
        expect(feed.version).toBe(version);
        expect(feed.feed.title).toBe('News – Dateline');
        expect(feed.entries.map((e) => e.link)).toEqual([`${TEST_PUBLIC_URL}/vote-tonight/`]);
      }
      const json = await get('/section/news/feed.json');
      expect(json.headers['content-type']).toContain('application/feed+json');
      const doc = json.json<{ version: string; items: { url: string }[]; feed_url: string }>();
      expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
      expect(doc.items.map((i) => i.url)).toEqual([`${TEST_PUBLIC_URL}/vote-tonight/`]);
      expect((await get('/section/sport/feed/')).body).toContain('match-report');
      expect((await get('/section/nowhere/feed/')).statusCode).toBe(404);
    },
  );

  it('drops a section’s page and its parent’s when an article is published in it', async () => {
    for (const url of ['/section/news/', '/section/politics/', '/section/sport/', '/section/news/feed/']) {
      expect((await get(url)).statusCode, url).toBe(200);
      expect((await get(url)).headers['x-dateline-cache'], url).toBe('hit');
    }
    await buildArticle(t.services, { slug: 'budget-passes', section: 'politics', authors: ['ada-quill'] });
    for (const url of ['/section/news/', '/section/politics/', '/section/news/feed/']) {
      const response = await get(url);
      expect(response.headers['x-dateline-cache'], url).not.toBe('hit');
      expect(response.body, url).toContain('budget-passes');
    }
    expect((await get('/section/sport/')).headers['x-dateline-cache']).toBe('hit');
    // Moving the article to Sport drops both sides' lists.
    await buildArticle(t.services, { slug: 'budget-passes', section: 'sport', authors: ['ada-quill'] });
    expect((await get('/section/politics/')).body).not.toContain('budget-passes');
    expect((await get('/section/sport/')).body).toContain('budget-passes');
  });

  it('shows the section as the kicker and articleSection, and the editor files an article and keeps typed text on errors', async () => {
    const editor = await signedIn(t, 'editor');
    const form = await editor.get('/admin/articles/new');
    expect(
      load(form.body)('select[name="section"] option')
        .map((_i, el) => load(form.body)(el).text())
        .get(),
    ).toEqual(['News', 'News › Politics', 'Sport']);
    // A new article starts in the first section made, as a save without a section would file it.
    await t.services.sections.save({ name: 'Arts', slug: 'arts' });
    const fresh = load((await editor.get('/admin/articles/new')).body);
    expect(fresh('select[name="section"] option').first().attr('value')).toBe('arts');
    expect(fresh('select[name="section"] option[selected]').attr('value')).toBe('news');
    const refused = await editor.post(
      '/admin/articles',
      editorForm(editor, { section: 'no-such-desk', title: 'Typed headline stays', action: 'publish' }),
    );
    expect(refused.statusCode).toBe(400);
    const $r = load(refused.body);
    expect($r('#error-section').text()).toContain('choose a section');
    expect($r('select[name="section"] option[selected]').attr('value')).toBe('no-such-desk');
    expect($r('input[name="title"]').attr('value')).toBe('Typed headline stays');

    const saved = await editor.post(
      '/admin/articles',
      editorForm(editor, {
        section: 'politics',
        title: 'Council votes',
        slug: 'council-votes',
        action: 'publish',
      }),
    );
    expect(saved.statusCode).toBe(303);
    const id = editedId(saved.headers.location);
    const edit = await editor.get(`/admin/articles/${id}/edit`);
    expect(load(edit.body)('select[name="section"] option[selected]').attr('value')).toBe('politics');

    const page = load((await get('/council-votes/')).body);
    expect(page('.article-header .kicker a').last().attr('href')).toBe('/section/politics/');
    const data = page('script[type="application/ld+json"]')
      .map((_i, el) => JSON.parse(page(el).text()) as Record<string, unknown>)
      .get() as Record<string, unknown>[];
    expect(data.find((d) => d['@type'] === 'NewsArticle')?.articleSection).toBe('Politics');
    // The Content API names the section and its parent.
    const api = (await get('/api/v1/articles/council-votes')).json<{ section: unknown }>();
    expect(api.section).toEqual({
      slug: 'politics',
      name: 'Politics',
      url: `${TEST_PUBLIC_URL}/section/politics/`,
      parent: { slug: 'news', name: 'News', url: `${TEST_PUBLIC_URL}/section/news/` },
    });
  });

  it('adds, updates and lists sections from the command line, and files articles by front matter', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const run = (...argv: string[]) =>
      runCli(argv, {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        database: t.database,
        env: { DATABASE_URL: 'sqlite::memory:' },
      });

    expect(
      await run(
        'section',
        'add',
        '--name',
        'Local',
        '--slug',
        'local',
        '--parent',
        'news',
        '--description',
        'The town.',
      ),
    ).toBe(0);
    expect(out.at(-1)).toBe('Added section local under news: /section/local/');
    expect(await run('section', 'add', '--name', 'Local News', '--slug', 'local')).toBe(0);
    expect(out.at(-1)).toBe('Updated section local under news: /section/local/');
    expect(await run('section', 'add', '--name', 'Wards', '--slug', 'wards', '--parent', 'local')).toBe(1);
    expect(err.at(-1)).toMatch(/parent: sections nest one level only/);
    expect(await run('section', 'add', '--slug', 'nameless')).toBe(2);
    out.length = 0;
    expect(await run('section', 'list', '--json')).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual([
      { slug: 'news', name: 'News', description: 'What happened.', parent: null },
      { slug: 'local', name: 'Local News', description: 'The town.', parent: 'news' },
      { slug: 'politics', name: 'Politics', description: '', parent: 'news' },
      { slug: 'sport', name: 'Sport', description: '', parent: null },
    ]);

    const article = (section: string) =>
      `---\ntitle: Harbour wall repaired\nauthors: [ada-quill]\nsection: ${section}\nstatus: published\n---\nThe wall is mended.\n`;
    const good = path.join(dir, `good-${dialect}.md`);
    writeFileSync(good, article('local'));
    expect(await run('article', 'add', '--new-tags', good)).toBe(0);
    const row = await t.database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .where('articles.slug', '=', 'harbour-wall-repaired')
      .select('sections.slug')
      .executeTakeFirstOrThrow();
    expect(row.slug).toBe('local');
    const bad = path.join(dir, `bad-${dialect}.md`);
    writeFileSync(bad, article('atlantis'));
    expect(await run('article', 'add', bad)).toBe(1);
    expect(err.at(-1)).toContain(`${bad}: section: unknown section "atlantis"`);
  });

  it('files an article saved without a section in the first section, creating News when there is none', async () => {
    const first = await buildArticle(t.services, { slug: 'no-section-given', authors: ['ada-quill'] });
    const row = await t.database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .where('articles.id', '=', first.id)
      .select('sections.slug')
      .executeTakeFirstOrThrow();
    expect(row.slug).toBe('news');
    await t.reset();
    await buildAuthor(t.services, { name: 'Ada Quill', slug: 'ada-quill' });
    await buildArticle(t.services, { slug: 'into-an-empty-publication', authors: ['ada-quill'] });
    expect((await t.services.sections.list()).map((s) => s.slug)).toEqual(['news']);
    const nulls = await t.database.db
      .selectFrom('articles')
      .where('section_id', 'is', null)
      .select('id')
      .execute();
    expect(nulls).toEqual([]);
  });
});
