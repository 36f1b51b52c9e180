import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/wire/feed-server.ts';
import { parseFeedDocument, FeedProblem, type ParsedFeed } from './parse.ts';
import { readFeedBytes } from './read.ts';

const fetchedAt = new Date('2026-12-05T12:00:00Z');
const read = (
  name: string,
  url = 'https://feeds.example/feed',
  contentType: string | null = null,
): ParsedFeed => {
  const result = readFeedBytes(fixture(name), contentType, url, fetchedAt);
  if (!result.ok) throw new Error(result.problem);
  return result.feed;
};
const problem = (text: string) => {
  try {
    parseFeedDocument(text, 'https://feeds.example/feed', fetchedAt);
  } catch (error) {
    if (error instanceof FeedProblem) return error.message;
    throw error;
  }
  throw new Error('read as a feed');
};

describe('reading feeds', () => {
  it('reads RSS 2.0: plain-text summaries, sanitised bodies, strict dates and normalised links', () => {
    const feed = read('harbour-post.rss.xml', 'https://harbour-post.example/feed.xml');
    expect(feed).toMatchObject({
      format: 'rss',
      title: 'Harbour Post',
      homeUrl: 'https://harbour-post.example/',
    });
    const [ferry, market, lighthouse, warden] = feed.items;
    expect(ferry).toMatchObject({
      guid: 'hp-1001',
      url: 'https://harbour-post.example/news/ferry-resumes?utm_source=rss&utm_medium=feed&ref=home#comments',
      normalizedUrl: 'https://harbour-post.example/news/ferry-resumes?ref=home',
      title: 'Ferry service to Gull Island resumes after storm repairs',
      summary: 'The morning ferry to Gull Island ran again on Friday. Repairs took three weeks.',
      publishedAt: '2026-12-04T09:30:00.000Z',
      publishedAtRaw: 'Fri, 04 Dec 2026 09:30:00 +0000',
      dateSource: 'feed',
    });
    expect(ferry?.contentText).toContain('The harbour master, Ines Calloway');
    expect(ferry?.contentText).not.toContain('alert');
    expect(ferry?.contentHtml).toContain('<p>The morning ferry');
    expect(ferry?.contentHtml).not.toMatch(/script|alert|onclick/);
    // 04.12.2026 could be April or December: never guessed.
    expect(market).toMatchObject({
      publishedAt: fetchedAt.toISOString(),
      publishedAtRaw: '04.12.2026 10:00',
      dateSource: 'fetch-time',
    });
    expect(lighthouse).toMatchObject({
      url: 'https://harbour-post.example/news/lighthouse-open-day',
      publishedAt: fetchedAt.toISOString(),
      dateSource: 'clamped',
    });
    expect(warden?.dateSource).toBe('fetch-time');
  });

  it('reads RSS 1.0 (RDF) with dc:date, and RSS 0.91', () => {
    const rdf = read('valley-courier.rdf.xml');
    expect(rdf.format).toBe('rdf');
    expect(rdf.items.map((i) => [i.title, i.publishedAt, i.guid])).toEqual([
      [
        'Orchard co-operative buys a second cider press',
        '2026-12-03T15:45:00.000Z',
        'https://valley-courier.example/2026/12/orchard-co-op',
      ],
      [
        'Bridge repair vote delayed again',
        '2026-12-04T08:00:00.000Z',
        'https://valley-courier.example/2026/12/bridge-vote',
      ],
    ]);
    const old = read('old-mill-gazette.rss091.xml');
    expect(old.items).toHaveLength(1);
    expect(old.items[0]).toMatchObject({
      title: 'Mill pond clean-up on Sunday',
      guid: null,
      dateSource: 'fetch-time',
    });
  });

  it('reads Atom, resolving relative links against xml:base and html titles as text', () => {
    const feed = read('northgate-ledger.atom.xml', 'https://feeds.northgate-ledger.example/atom');
    expect(feed.homeUrl).toBe('https://northgate-ledger.example/');
    expect(feed.items.map((i) => i.url)).toEqual([
      'https://northgate-ledger.example/news/2026/tram-extension',
      'https://northgate-ledger.example/news/library-hours',
    ]);
    expect(feed.items[0]).toMatchObject({
      title: 'Tram line extension approved',
      summary: 'The line will reach Eastmoor by 2029.',
      publishedAt: '2026-12-04T08:15:00.000Z',
    });
    expect(feed.items[0]?.contentText).toBe(
      'Councillors approved the eastern tram extension by a wide margin.',
    );
    // No <published>: <updated> stands in.
    expect(feed.items[1]?.publishedAt).toBe('2026-12-03T09:00:00.000Z');
  });

  it('reads JSON Feed 1.1, with relative URLs against the document', () => {
    const feed = read('lakeside-daily.json', 'https://lakeside-daily.example/feed.json');
    expect(feed.format).toBe('json');
    expect(feed.items.map((i) => [i.guid, i.url, i.summary, i.publishedAt])).toEqual([
      [
        'ld-501',
        'https://lakeside-daily.example/stories/regatta-cancelled',
        "Organisers called off Saturday's races on Lake Orrin.",
        '2026-12-04T12:20:00.000Z',
      ],
      [
        'ld-502',
        'https://lakeside-daily.example/stories/school-roof',
        'Parents raised the last four thousand in a week.',
        '2026-12-02T18:00:00.000Z',
      ],
    ]);
  });

  it('reads JSON Feed 1.0 too', () => {
    const text = JSON.stringify({
      version: 'https://jsonfeed.org/version/1',
      title: 'Fernbrook Herald',
      items: [
        { id: 7, url: 'https://fernbrook-herald.example/a', content_text: 'Market day moves to Friday.' },
      ],
    });
    const feed = parseFeedDocument(text, 'https://fernbrook-herald.example/feed.json', fetchedAt);
    expect(feed.items).toMatchObject([
      {
        guid: '7',
        title: 'Market day moves to Friday.',
        summary: 'Market day moves to Friday.',
        dateSource: 'fetch-time',
      },
    ]);
  });

  it('reads unescaped ampersands, HTML entities and <ttl>', () => {
    const feed = read('fernbrook-entities.rss.xml');
    expect(feed.title).toBe('Fernbrook Herald & Advertiser');
    expect(feed.ttlMinutes).toBe(60);
    expect(feed.items[0]).toMatchObject({
      title: 'Fish & chips shop wins «best in county» award',
      summary: 'Judges praised the batter — and the mushy peas.',
      normalizedUrl: 'https://fernbrook-herald.example/food/award?id=7',
    });
  });

  it('reads a byte order mark and whitespace before the prolog', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('\n\n  '),
      fixture('valley-courier.rdf.xml'),
    ]);
    const result = readFeedBytes(bytes, null, 'https://valley-courier.example/feed', fetchedAt);
    expect(result.ok && result.feed.items).toHaveLength(2);
  });

  it('decodes mislabelled and header-labelled encodings before reading', () => {
    expect(read('windows-1252-wrong-prolog.xml').items[0]?.title).toBe(
      '“Best crêpe” prize – €50 to the winner',
    );
    expect(read('charset-in-header.koi8r.xml', undefined, 'text/xml; charset=koi8-r').title).toBe(
      'Северная гавань',
    );
  });

  it('says clearly what is wrong with a document that is no feed', () => {
    expect(problem('')).toMatch(/empty document/);
    expect(problem('   \n ')).toMatch(/empty document/);
    expect(problem(fixture('not-a-feed.html').toString())).toMatch(/web page \(HTML\), not a feed/);
    expect(problem(fixture('truncated.rss.xml').toString())).toMatch(
      /malformed or cut off.*\(line 12: unclosed tag: title\)/,
    );
    expect(problem('{"version": "https://jsonfeed.org/version/1.1", "items": [')).toMatch(
      /malformed or cut off/,
    );
    expect(problem('<?xml version="1.0"?><catalogue><book/></catalogue>')).toMatch(
      /not a feed Dateline can read/,
    );
    expect(problem('{"hello": "world"}')).toMatch(/not a feed Dateline can read/);
  });
});
