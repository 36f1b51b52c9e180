import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';
import { feedparserMissing, parseFeed } from '../../../test/feedparser.ts';
import { parseXml, type XmlElement } from '../../../test/xml.ts';

const skipReason = feedparserMissing();
if (skipReason && !process.env.CI) console.warn(`Skipping feed parsing tests: ${skipReason}`);

describe.skipIf(skipReason !== undefined && !process.env.CI).each(DIALECTS)('feeds on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    await buildAuthor(t.services, {
      name: 'Ines Vale',
      slug: 'ines-vale',
      email: 'ines.private@example.com',
    });
    await buildAuthor(t.services, {
      name: 'Omar Reyes',
      slug: 'omar-reyes',
      email: 'omar.private@example.com',
    });
    await buildArticle(t.services, {
      slug: 'sourced-story',
      title: 'Pier <repairs> & tides',
      standfirst: 'The pier closes for a month.',
      body: 'Full *text* of the pier story.',
      authors: ['ines-vale', 'omar-reyes'],
      tags: ['Harbour', 'City Hall'],
      source: { name: 'Coastal Radio North', url: 'https://radio.example/pier' },
      published_at: '2026-11-20T08:00:00.000Z',
      updated_at: '2026-11-21T09:00:00.000Z',
    });
    await buildArticle(t.services, {
      slug: 'older-story',
      authors: ['omar-reyes'],
      tags: ['Sport'],
      published_at: '2026-11-10T08:00:00.000Z',
    });
    await buildArticle(t.services, { slug: 'draft-story', authors: ['ines-vale'], status: 'draft' });
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  it('serves RSS 2.0, Atom and JSON Feed 1.1 that a feed reader parses, newest first, without drafts', async () => {
    for (const [url, version] of [
      ['/feed/', 'rss20'],
      ['/feed/atom/', 'atom10'],
    ] as const) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const feed = parseFeed(response.body);
      expect(feed.bozo, feed.bozo_exception).toBe(false);
      expect(feed.version).toBe(version);
      expect(feed.entries.map((e) => e.link)).toEqual([
        `${TEST_PUBLIC_URL}/sourced-story/`,
        `${TEST_PUBLIC_URL}/older-story/`,
      ]);
      const first = feed.entries[0]!;
      // Atom titles are typed HTML, so the reader hands back HTML that displays as the headline.
      expect(first.title).toBe(
        version === 'atom10' ? 'Pier &lt;repairs&gt; &amp; tides' : 'Pier <repairs> & tides',
      );
      expect(first.authors).toEqual(
        version === 'rss20' ? ['Ines Vale and Omar Reyes'] : ['Ines Vale', 'Omar Reyes'],
      );
      expect(first.tags.length).toBe(2);
      expect(new Date(first.published ?? '').toISOString()).toBe('2026-11-20T08:00:00.000Z');
      if (version === 'atom10')
        expect(new Date(first.updated ?? '').toISOString()).toBe('2026-11-21T09:00:00.000Z');
      expect(first.content[0]).toContain('<em>text</em>');
      expect(first.content[0]).toContain(
        'Original Source: <a href="https://radio.example/pier">Coastal Radio North</a>',
      );
      expect(response.body).not.toContain('private@example.com');
      expect(response.body).not.toContain('draft-story');
    }
    const json = await get('/feed.json');
    expect(json.headers['content-type']).toContain('application/feed+json');
    const doc = json.json<{ version: string; feed_url: string; items: { url: string }[] }>();
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
    expect(doc.feed_url).toBe(`${TEST_PUBLIC_URL}/feed.json`);
    expect(doc.items.map((i) => i.url)).toEqual([
      `${TEST_PUBLIC_URL}/sourced-story/`,
      `${TEST_PUBLIC_URL}/older-story/`,
    ]);
    expect(doc.items[0]).toMatchObject({
      title: 'Pier <repairs> & tides',
      date_published: '2026-11-20T08:00:00.000Z',
      date_modified: '2026-11-21T09:00:00.000Z',
      tags: ['Harbour', 'City Hall'],
      authors: [
        { name: 'Ines Vale', url: `${TEST_PUBLIC_URL}/author/ines-vale/` },
        { name: 'Omar Reyes', url: `${TEST_PUBLIC_URL}/author/omar-reyes/` },
      ],
    });
    expect(json.body).not.toContain('private@example.com');
  });

  it('credits every source: the item text names them, RSS has one <source>, Atom a via link each', async () => {
    await buildArticle(t.services, {
      slug: 'three-outlets',
      title: 'Quay wall repaired',
      authors: ['ines-vale'],
      tags: ['Credited'],
      // The first has no address: RSS's <source> needs one, so it credits the first that has.
      sources: [
        { name: 'Harbour Post', url: null },
        { name: 'Valley <Courier> & Co', url: 'https://courier.example/quay?a=1&b=2' },
        { name: 'Coastal Radio North', url: 'https://radio.example/quay' },
      ],
      published_at: '2026-11-22T08:00:00.000Z',
    });
    const line =
      'Original Source: Harbour Post, <a href="https://courier.example/quay?a=1&amp;b=2">' +
      'Valley &lt;Courier&gt; &amp; Co</a>, <a href="https://radio.example/quay">Coastal Radio North</a>';

    const rss = (await get('/tag/credited/feed/')).body;
    expect(parseFeed(rss).bozo).toBe(false);
    expect(parseFeed(rss).entries[0]?.content[0]).toContain(line);
    const item = parseXml(rss)
      .children.find((c) => c.tag === 'channel')!
      .children.find((c) => c.tag === 'item')!;
    expect(item.children.filter((c) => c.tag === 'source').map((c) => [c.attrib.url, c.text])).toEqual([
      ['https://courier.example/quay?a=1&b=2', 'Valley <Courier> & Co'],
    ]);

    const atom = (await get('/feed/atom/')).body;
    expect(parseFeed(atom).bozo).toBe(false);
    // Newest first: the credited story is the first entry, the unsourced older story the last.
    const entries = parseXml(atom).children.filter((c) => c.tag === '{http://www.w3.org/2005/Atom}entry');
    const viaOf = (entry: XmlElement | undefined) =>
      (entry?.children ?? [])
        .filter((c) => c.tag === '{http://www.w3.org/2005/Atom}link' && c.attrib.rel === 'via')
        .map((c) => [c.attrib.href, c.attrib.title]);
    expect(entries.length).toBe(3);
    expect(viaOf(entries.at(-1))).toEqual([]);
    expect(viaOf(entries[0])).toEqual([
      ['https://courier.example/quay?a=1&b=2', 'Valley <Courier> & Co'],
      ['https://radio.example/quay', 'Coastal Radio North'],
    ]);

    const json = (await get('/feed.json')).json<{ items: Record<string, unknown>[] }>();
    expect(json.items[0]?._dateline).toEqual({
      source: { name: 'Harbour Post', url: null },
      sources: [
        { name: 'Harbour Post', url: null },
        { name: 'Valley <Courier> & Co', url: 'https://courier.example/quay?a=1&b=2' },
        { name: 'Coastal Radio North', url: 'https://radio.example/quay' },
      ],
    });

    // An article with no source credits none.
    const plain = parseXml((await get('/tag/sport/feed/')).body)
      .children.find((c) => c.tag === 'channel')!
      .children.find((c) => c.tag === 'item')!;
    expect(plain.children.some((c) => c.tag === 'source')).toBe(false);
  });

  it('serves each author’s and each tag’s feed', async () => {
    const author = parseFeed((await get('/author/ines-vale/feed/')).body);
    expect(author.bozo).toBe(false);
    expect(author.entries.map((e) => e.link)).toEqual([`${TEST_PUBLIC_URL}/sourced-story/`]);
    const tag = parseFeed((await get('/tag/sport/feed/')).body);
    expect(tag.entries.map((e) => e.link)).toEqual([`${TEST_PUBLIC_URL}/older-story/`]);
    expect((await get('/author/nobody/feed/')).statusCode).toBe(404);
    expect((await get('/tag/nothing/feed/')).statusCode).toBe(404);
  });

  it('carries only the standfirst when full content is off, still naming the source', async () => {
    await t.services.settings.update({ 'feeds.full_content': false });
    const feed = parseFeed((await get('/feed/')).body);
    const first = feed.entries[0]!;
    expect(first.content).toEqual([]);
    expect(first.summary).toContain('The pier closes for a month.');
    expect(first.summary).toContain('Original Source');
    expect(first.summary).not.toContain('Full');
  });

  it('answers ETag and Last-Modified, with 304 when nothing changed', async () => {
    const first = await get('/feed/');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['last-modified']).toBe(new Date('2026-11-21T09:00:00.000Z').toUTCString());
    expect((await get('/feed/', { 'if-none-match': etag })).statusCode).toBe(304);
    expect(
      (await get('/feed/', { 'if-modified-since': first.headers['last-modified'] as string })).statusCode,
    ).toBe(304);
    expect((await get('/feed/', { 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' })).statusCode).toBe(
      200,
    );
    await buildArticle(t.services, { slug: 'newest-story', published_at: '2026-11-25T08:00:00.000Z' });
    const changed = await get('/feed/', { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('newest-story');
  });

  it('is discoverable from every page', async () => {
    for (const url of ['/', '/sourced-story/', '/author/ines-vale/', '/tag/harbour/']) {
      const body = (await get(url)).body;
      expect(body, url).toContain('<link rel="alternate" type="application/rss+xml"');
      expect(body, url).toContain('href="/feed/atom/"');
      expect(body, url).toContain('href="/feed.json"');
    }
    expect((await get('/author/ines-vale/')).body).toContain('href="/author/ines-vale/feed/"');
    expect((await get('/tag/harbour/')).body).toContain('href="/tag/harbour/feed/"');
  });
});
