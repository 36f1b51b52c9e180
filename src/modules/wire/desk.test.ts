// The wire desk's grouping, corrections and drafts on both databases: two fictional outlets report one
// landslide (one of them also reruns the other's agency copy), fetched from the local feed server; the
// Wire screen as staff see it; and "Start a draft" through the articles module's own save path.
import { load } from 'cheerio';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { signedIn } from '../../../test/staff.ts';
import { fixture, serve, startFeedServer, type FeedServer } from '../../../test/wire/feed-server.ts';
import { creditsOf, isInternalAddress } from './index.ts';

const FETCHED = '2026-12-05T12:00:00.000Z';

describe.each(DIALECTS)('the wire desk in the newsroom on %s', (dialect) => {
  let t: TestApp;
  let server: FeedServer;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { wireAllowPrivateHosts: true });
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    t.clock.set(FETCHED);
    server = await startFeedServer();
    server.route('/tt.xml', serve(fixture('desk-tidewater-times.rss.xml')));
    server.route('/sh.xml', serve(fixture('desk-saltmarsh-herald.rss.xml')));
  });
  afterEach(() => server.close());

  /** A draft's credits, in order, each with the wire item it came from. */
  const draftCredits = (articleId: number) =>
    t.database.db
      .selectFrom('article_sources')
      .select(['name', 'url', 'wire_item_id'])
      .where('article_id', '=', articleId)
      .orderBy('position')
      .execute();

  async function followBoth(terms: 'link' | 'republish' = 'link') {
    const tidewater = await t.services.wire.addSource({
      name: 'Tidewater Times',
      url: server.url('/tt.xml'),
      terms,
    });
    const saltmarsh = await t.services.wire.addSource({
      name: 'Saltmarsh Herald',
      url: server.url('/sh.xml'),
    });
    const reports = await t.services.wire.fetchNow();
    expect(
      reports
        .filter((r) => r.sourceId !== 0 && r.name !== 'Hostile <b>Gazette</b>')
        .map((r) => [r.name, r.outcome, r.added]),
    ).toEqual([
      ['Tidewater Times', 'fetched', 2],
      ['Saltmarsh Herald', 'fetched', 3],
    ]);
    const items = await t.services.wire.listItems();
    const byTitle = (title: string) => {
      const item = items.find((i) => i.title.startsWith(title));
      if (!item) throw new Error(`no item "${title}"`);
      return item;
    };
    return {
      tidewater,
      saltmarsh,
      items,
      original: byTitle('Landslide shuts coast road'),
      ownWords: byTitle('Saltby cut off'),
      agencyCopy: byTitle('Coast road closed by landslide'),
      choir: byTitle('Brannock choir'),
      geese: byTitle('Marsh reserve counts'),
    };
  }

  it('groups two outlets’ reports of one event into one story, and an agency rerun as a copy, with scores stored', async () => {
    const { original, ownWords, agencyCopy, choir, geese, items } = await followBoth();
    expect(items.every((i) => i.story !== null)).toBe(true);
    expect(ownWords.story).toBe(original.story);
    expect(agencyCopy.story).toBe(original.story);
    expect(agencyCopy.duplicate_of).toBe(original.id);
    expect(ownWords.duplicate_of).toBeNull();
    expect(original.duplicate_of).toBeNull();
    expect(new Set([original.story, choir.story, geese.story]).size).toBe(3);
    const scores = await t.database.db
      .selectFrom('wire_item_scores')
      .selectAll()
      .where('item_a', '=', original.id)
      .where('item_b', '=', agencyCopy.id)
      .execute();
    expect(scores.find((s) => s.kind === 'duplicate')?.score).toBe(1);
    const placed = await t.database.db
      .selectFrom('wire_items')
      .select(['id', 'story_score'])
      .where('id', '=', ownWords.id)
      .executeTakeFirstOrThrow();
    expect(Number(placed.story_score)).toBeGreaterThan(0);
    // A second fetch of the same feeds adds nothing and moves nothing.
    t.clock.set('2026-12-05T13:00:00.000Z');
    await t.services.wire.fetchNow();
    expect(await t.services.wire.listItems()).toEqual(items);
  });

  it('keeps everything fetched off every public page, feed, sitemap, search and API answer, drafts included', async () => {
    const { original, ownWords } = await followBoth();
    const editor = await signedIn(t, 'editor');
    expect((await editor.post(`/admin/wire/stories/${original.story}/draft`)).statusCode).toBe(303);
    t.app.pageCache.clear();
    const words = [original.title, ownWords.title, 'Kestrel Point', 'tidewater-times.example'];
    for (const url of [
      '/',
      '/feed/',
      '/feed/atom/',
      '/sitemap.xml',
      '/news-sitemap.xml',
      '/search?q=landslide',
      '/api/v1/articles',
      '/api/v1/search?q=landslide',
    ]) {
      const response = await t.app.inject(url);
      expect(response.statusCode, url).toBe(200);
      for (const word of words) expect(response.body, `${url} shows “${word}”`).not.toContain(word);
    }
  });

  it('lets an editor split a report out, merge it back and detach a copy; each persists and is audited', async () => {
    const { original, ownWords, agencyCopy } = await followBoth();
    const editor = await signedIn(t, 'editor');
    const story = original.story!;

    let response = await editor.post(`/admin/wire/items/${ownWords.id}/split`);
    expect(response.statusCode).toBe(303);
    const afterSplit = await t.services.wire.listItems();
    const split = afterSplit.find((i) => i.id === ownWords.id)!;
    expect(split.story).not.toBe(story);
    expect(afterSplit.find((i) => i.id === agencyCopy.id)!.story).toBe(story);

    response = await editor.post(`/admin/wire/stories/${split.story}/merge`, { into: String(story) });
    expect(response.statusCode).toBe(303);
    expect((await t.services.wire.listItems()).find((i) => i.id === ownWords.id)!.story).toBe(story);
    expect(
      await t.database.db.selectFrom('wire_stories').select('id').where('id', '=', split.story!).execute(),
    ).toEqual([]);

    response = await editor.post(`/admin/wire/items/${agencyCopy.id}/detach`);
    expect(response.statusCode).toBe(303);
    const detached = (await t.services.wire.listItems()).find((i) => i.id === agencyCopy.id)!;
    expect(detached).toMatchObject({ duplicate_of: null, story });

    // Detaching twice, merging a story into itself, and a story that does not exist are refused on the page.
    expect((await editor.post(`/admin/wire/items/${agencyCopy.id}/detach`)).statusCode).toBe(400);
    expect(
      (await editor.post(`/admin/wire/stories/${story}/merge`, { into: String(story) })).statusCode,
    ).toBe(400);
    expect((await editor.post(`/admin/wire/stories/${story}/merge`, { into: '999999' })).statusCode).toBe(
      404,
    );
    expect((await editor.post(`/admin/wire/stories/${story}/merge`, { into: 'x' })).statusCode).toBe(400);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('action', 'like', 'wire.%')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'wire.split', user_id: editor.id },
      { action: 'wire.merge', user_id: editor.id },
      { action: 'wire.detach', user_id: editor.id },
    ]);
  });

  it('shows stories newest first with outlets, copies folded, feed health, filters, and feed text only as text', async () => {
    server.route(
      '/hostile.xml',
      serve(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example/</link>
        <item><title>&lt;img src=x onerror=alert(1)&gt; Pier &lt;script&gt;alert(2)&lt;/script&gt;</title>
        <link>javascript:alert(3)</link><guid>h1</guid><pubDate>Sat, 05 Dec 2026 11:00:00 +0000</pubDate>
        <description>&lt;a href="javascript:alert(4)" onclick="x()"&gt;click&lt;/a&gt;</description></item></channel></rss>`,
      ),
    );
    await t.services.wire.addSource({ name: 'Hostile <b>Gazette</b>', url: server.url('/hostile.xml') });
    const { original, agencyCopy } = await followBoth();
    const contributor = await signedIn(t, 'contributor');
    const response = await contributor.get('/admin/wire');
    expect(response.statusCode).toBe(200);
    const $ = load(response.body);
    expect($('nav.admin-nav a[href="/admin/wire"]').text()).toBe('Wire');
    const stories = $('li.wire-story');
    // The hostile item is newest (11:00), then the landslide (10:05 at the latest).
    expect(stories.length).toBe(4);
    expect(stories.eq(1).attr('id')).toBe(`story-${original.story}`);
    expect(stories.eq(1).find('.wire-story-meta').text()).toContain('Tidewater Times, Saltmarsh Herald');
    const copies = stories.eq(1).find('details.wire-copies');
    expect(copies.find('summary').text()).toContain('1 copy');
    expect(copies.find('.wire-item-head strong').text()).toBe(agencyCopy.title);
    // A contributor reads and drafts, but does not manage.
    expect($('form[action="/admin/wire/sources"]').length).toBe(0);
    expect($('form[action="/admin/wire/fetch"]').length).toBe(0);
    expect($(`form[action="/admin/wire/items/${original.id}/draft"]`).length).toBe(1);
    // Feed health names each source's state.
    expect($('table.wire-sources tbody tr').length).toBe(3);
    // Nothing from the feed became markup, and no script: link was drawn.
    expect($('script:not([src])').length).toBe(0);
    expect($('[onerror], [onclick]').length).toBe(0);
    expect($('a[href^="javascript:"]').length).toBe(0);
    expect(response.body).toContain('&lt;script&gt;');
    expect(response.body).toContain('Hostile &lt;b&gt;Gazette&lt;/b&gt;');

    const bySource = load((await contributor.get(`/admin/wire?source=${original.source}`)).body);
    expect(bySource('li.wire-story').length).toBe(2);
    const byWords = load((await contributor.get('/admin/wire?q=kestrel+point')).body);
    expect(
      byWords('li.wire-story')
        .map((_i, el) => byWords(el).attr('id'))
        .get(),
    ).toEqual([`story-${original.story}`]);
    expect(load((await contributor.get('/admin/wire?q=100%25_')).body)('li.wire-story').length).toBe(0);

    // Managing is an editor's: a contributor's post is refused.
    expect((await contributor.post('/admin/wire/fetch')).statusCode).toBe(403);
    expect((await contributor.post(`/admin/wire/items/${agencyCopy.id}/detach`)).statusCode).toBe(403);
    // No wire text reaches a public page.
    expect((await t.app.inject('/')).body).not.toContain('Kestrel Point');
  });

  it('lets an editor add a source and fetch now from the desk, and refuses private addresses unless allowed', async () => {
    const editor = await signedIn(t, 'editor');
    let response = await editor.post('/admin/wire/sources', {
      name: 'Tidewater Times',
      url: server.url('/tt.xml'),
      home_url: 'https://tidewater-times.example/',
      terms: 'republish',
    });
    expect(response.statusCode).toBe(303);
    response = await editor.post('/admin/wire/fetch');
    expect(response.statusCode).toBe(303);
    const page = load((await editor.get('/admin/wire?done=fetched')).body);
    expect(page('table.wire-sources tbody tr').first().text()).toContain('active');
    expect(page('li.wire-story').length).toBe(2);
    // Bad input answers on the page, keeping what was typed.
    response = await editor.post('/admin/wire/sources', { name: '', url: 'ftp://x', terms: 'steal' });
    expect(response.statusCode).toBe(400);
    expect(load(response.body)('#field-url').val()).toBe('ftp://x');
    // The same desk without the operator's permission refuses loopback and private addresses.
    const strict = await buildTestApp(dialect);
    try {
      const strictEditor = await signedIn(strict, 'editor');
      for (const url of [
        server.url('/tt.xml'),
        'http://10.1.2.3/feed',
        'http://[::1]/feed',
        'http://169.254.169.254/',
      ]) {
        const refused = await strictEditor.post('/admin/wire/sources', { name: 'Inside', url });
        expect(refused.statusCode, url).toBe(400);
        expect(load(refused.body)('#error-url').text()).toContain('private network');
      }
      expect(await strict.services.wire.listSources()).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('starts a credited draft from an item once, and a story draft names every outlet', async () => {
    const { original, ownWords, agencyCopy } = await followBoth();
    const author = await signedIn(t, 'contributor');
    let response = await author.post(`/admin/wire/items/${ownWords.id}/draft`);
    expect(response.statusCode).toBe(303);
    const draftId = Number(/\/admin\/articles\/(\d+)\/edit/.exec(String(response.headers.location))?.[1]);
    const article = await t.database.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(article).toMatchObject({
      status: 'draft',
      title: ownWords.title,
      standfirst: ownWords.summary,
    });
    expect(await draftCredits(draftId)).toEqual([
      { name: 'Saltmarsh Herald', url: ownWords.url, wire_item_id: ownWords.id },
    ]);
    // `link` terms: our summary and a link back, never the outlet's text.
    expect(article.body_html).toContain('Read the original at');
    expect(article.body_html).not.toContain('Shopkeeper Dafydd Trelawny');
    const byline = await t.database.db
      .selectFrom('article_authors')
      .select('author_id')
      .where('article_id', '=', draftId)
      .execute();
    expect(byline).toEqual([{ author_id: author.authorId }]);
    // A second click opens the same draft.
    response = await author.post(`/admin/wire/items/${ownWords.id}/draft`);
    expect(response.headers.location).toBe(`/admin/articles/${draftId}/edit`);
    expect(await t.database.db.selectFrom('articles').select('id').execute()).toHaveLength(1);
    const desk = load((await author.get('/admin/wire')).body);
    const drafted = desk('.wire-drafted a');
    expect(drafted.text()).toBe(ownWords.title);
    expect(drafted.attr('href')).toBe(`/admin/articles/${draftId}/edit`);
    expect((await author.get(`/admin/articles/${draftId}/edit`)).statusCode).toBe(200);

    // The story: its items now point at the draft already started from one of them.
    const story = await t.services.wire.findStory(original.story!);
    expect(creditsOf({ items: story!.items.flatMap((i) => [i, ...i.copies]) })).toEqual([
      { name: 'Tidewater Times', url: original.url },
      { name: 'Saltmarsh Herald', url: ownWords.url },
    ]);
    expect(agencyCopy.story).toBe(original.story);
    // The story already has a draft (from one of its reports): its button opens that one.
    response = await author.post(`/admin/wire/stories/${original.story}/draft`);
    expect(response.headers.location).toBe(`/admin/articles/${draftId}/edit`);
  });

  it('starts a story draft under link terms with a summary and a link to every outlet, never their text', async () => {
    const { original, ownWords } = await followBoth();
    const editor = await signedIn(t, 'editor');
    const response = await editor.post(`/admin/wire/stories/${original.story}/draft`);
    const draftId = Number(/\/admin\/articles\/(\d+)\/edit/.exec(String(response.headers.location))?.[1]);
    const article = await t.database.db
      .selectFrom('articles')
      .select('body_html')
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    // Every outlet of the story is a source of the draft, the lead first, each tied to its wire item.
    expect(await draftCredits(draftId)).toEqual([
      { name: 'Tidewater Times', url: original.url, wire_item_id: original.id },
      { name: 'Saltmarsh Herald', url: ownWords.url, wire_item_id: ownWords.id },
    ]);
    const $ = load(article.body_html);
    expect(
      $('a')
        .map((_i, a) => [[$(a).text(), $(a).attr('href')]])
        .get(),
    ).toEqual([
      ['Tidewater Times', original.url],
      ['Saltmarsh Herald', ownWords.url],
    ]);
    expect(article.body_html).not.toContain('Engineers from Brannock County Council');
  });

  it('starts a story draft crediting every outlet, carrying the text only for republish terms', async () => {
    const { original, ownWords } = await followBoth('republish');
    const editor = await signedIn(t, 'editor');
    const response = await editor.post(`/admin/wire/stories/${original.story}/draft`);
    expect(response.statusCode).toBe(303);
    const draftId = Number(/\/admin\/articles\/(\d+)\/edit/.exec(String(response.headers.location))?.[1]);
    const article = await t.database.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    // The earliest report leads; Tidewater allows republishing, so its sanitised text is the body.
    expect(article).toMatchObject({ title: original.title });
    expect((await draftCredits(draftId)).map((c) => c.name)).toEqual(['Tidewater Times', 'Saltmarsh Herald']);
    expect(article.body_html).toContain('Engineers from Brannock County Council');
    expect(article.body_html).not.toContain('<script');
    const pointed = await t.database.db
      .selectFrom('wire_items')
      .select('draft_article_id')
      .where('story_id', '=', original.story)
      .execute();
    expect(pointed.map((p) => p.draft_article_id)).toEqual([draftId, draftId, draftId]);
    expect(ownWords.story).toBe(original.story);
  });
});

describe('private addresses', () => {
  it('are loopback, private, link-local and mapped ones, not public ones', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.8',
      '172.20.1.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::2',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ])
      expect(isInternalAddress(address), address).toBe(true);
    for (const address of ['93.184.216.34', '2606:4700::1111', '8.8.8.8'])
      expect(isInternalAddress(address), address).toBe(false);
  });
});
