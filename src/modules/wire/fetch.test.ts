// The HTTP side alone, against the local feed server: what Dateline sends, and how it reads answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answer,
  fixture,
  huge,
  redirect,
  serve,
  slow,
  startFeedServer,
  type FeedServer,
} from '../../../test/wire/feed-server.ts';
import { createFeedFetcher, fetchFeed, type FetchOutcome } from './fetch.ts';

const userAgent = 'Dateline/0.1.0 (+https://news.example)';
const now = new Date('2026-12-05T12:00:00Z');
const options = { userAgent, now: () => now, timeoutMs: 2_000 };

function fetched(outcome: FetchOutcome) {
  if (outcome.kind !== 'fetched')
    throw new Error(`expected a body, got ${outcome.kind}: ${'reason' in outcome ? outcome.reason : ''}`);
  return outcome;
}

describe('fetching one feed', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(() => server.close());

  it('names Dateline and the site, asks for feeds and compression, and sends its validators', async () => {
    server.route(
      '/hp.xml',
      serve(fixture('harbour-post.rss.xml'), { etag: '"v1"', lastModified: 'Fri, 04 Dec 2026 10:00:00 GMT' }),
    );
    const first = fetched(await fetchFeed({ url: server.url('/hp.xml') }, options));
    expect(first.etag).toBe('"v1"');
    expect(first.lastModified).toBe('Fri, 04 Dec 2026 10:00:00 GMT');
    expect(first.body.equals(fixture('harbour-post.rss.xml'))).toBe(true);
    const [seen] = server.requestsTo('/hp.xml');
    expect(seen?.headers['user-agent']).toBe(userAgent);
    expect(seen?.headers['accept-encoding']).toBe('gzip, br');
    expect(seen?.headers.accept).toMatch(/application\/rss\+xml/);
    expect(seen?.headers['if-none-match']).toBeUndefined();

    const again = await fetchFeed(
      { url: server.url('/hp.xml'), etag: '"v1"', lastModified: first.lastModified },
      options,
    );
    expect(again.kind).toBe('not-modified');
    const second = server.requestsTo('/hp.xml')[1];
    expect(second?.headers['if-none-match']).toBe('"v1"');
    expect(second?.headers['if-modified-since']).toBe('Fri, 04 Dec 2026 10:00:00 GMT');
    // Last-Modified alone is enough for a 304 too.
    const byDate = await fetchFeed(
      { url: server.url('/hp.xml'), lastModified: 'Fri, 04 Dec 2026 10:00:00 GMT' },
      options,
    );
    expect(byDate.kind).toBe('not-modified');
  });

  it('decompresses gzip and brotli', async () => {
    server.route('/gz.xml', serve(fixture('valley-courier.rdf.xml'), { encoding: 'gzip' }));
    server.route('/br.xml', serve(fixture('valley-courier.rdf.xml'), { encoding: 'br' }));
    for (const path of ['/gz.xml', '/br.xml']) {
      const outcome = fetched(await fetchFeed({ url: server.url(path) }, options));
      expect(outcome.body.equals(fixture('valley-courier.rdf.xml'))).toBe(true);
    }
  });

  it('moves the stored address on 301 and 308 only while every hop is permanent', async () => {
    server.route('/moved', redirect(301, '/moved-2'));
    server.route('/moved-2', redirect(308, '/final.xml'));
    server.route('/final.xml', serve(fixture('valley-courier.rdf.xml')));
    server.route('/temporary', redirect(302, '/final.xml'));
    server.route('/temporary-then-permanent', redirect(307, '/moved-2'));
    const permanent = fetched(await fetchFeed({ url: server.url('/moved') }, options));
    expect(permanent.permanentUrl).toBe(server.url('/final.xml'));
    expect(permanent.finalUrl).toBe(server.url('/final.xml'));
    const temporary = fetched(await fetchFeed({ url: server.url('/temporary') }, options));
    expect(temporary.permanentUrl).toBeNull();
    expect(temporary.finalUrl).toBe(server.url('/final.xml'));
    expect(
      fetched(await fetchFeed({ url: server.url('/temporary-then-permanent') }, options)).permanentUrl,
    ).toBeNull();
  });

  it('stops a redirect loop, and a chain that is too long, with a reason', async () => {
    server.route('/loop-a', redirect(301, '/loop-b'));
    server.route('/loop-b', redirect(302, '/loop-a'));
    const loop = await fetchFeed({ url: server.url('/loop-a') }, options);
    expect(loop.kind === 'failed' && loop.reason).toBe(
      `The feed address redirects in a loop: ${server.url('/loop-a')} → ${server.url('/loop-b')} → ${server.url('/loop-a')}.`,
    );
    for (let i = 0; i < 8; i++) server.route(`/hop-${i}`, redirect(302, `/hop-${i + 1}`));
    const long = await fetchFeed({ url: server.url('/hop-0') }, options);
    expect(long.kind === 'failed' && long.reason).toMatch(/redirects more than 5 times/);
    expect(server.requestsTo('/hop-6')).toHaveLength(0);
  });

  it('reads Cache-Control, Expires and Retry-After in seconds or as a date', async () => {
    server.route('/cached', serve('<rss/>', { cacheControl: 'public, max-age=1800' }));
    server.route('/expires', serve('<rss/>', { expires: 'Sat, 05 Dec 2026 13:00:00 GMT' }));
    server.route('/busy', answer(429, { 'retry-after': '120' }));
    server.route('/down', answer(503, { 'retry-after': 'Sat, 05 Dec 2026 15:00:00 GMT' }));
    server.route('/busy-until', answer(429, { 'retry-after': 'Sat, 05 Dec 2026 12:45:00 GMT' }));
    expect((await fetchFeed({ url: server.url('/cached') }, options)).hints.maxAgeSeconds).toBe(1800);
    expect((await fetchFeed({ url: server.url('/expires') }, options)).hints.expires?.toISOString()).toBe(
      '2026-12-05T13:00:00.000Z',
    );
    const busy = await fetchFeed({ url: server.url('/busy') }, options);
    expect(busy.kind === 'failed' && busy.reason).toMatch(/slow down \(429 Too Many Requests\)/);
    expect(busy.hints.retryAfter?.toISOString()).toBe('2026-12-05T12:02:00.000Z');
    expect((await fetchFeed({ url: server.url('/down') }, options)).hints.retryAfter?.toISOString()).toBe(
      '2026-12-05T15:00:00.000Z',
    );
    expect(
      (await fetchFeed({ url: server.url('/busy-until') }, options)).hints.retryAfter?.toISOString(),
    ).toBe('2026-12-05T12:45:00.000Z');
  });

  it('tells 404, 410 and 500 apart', async () => {
    server.route('/missing', answer(404));
    server.route('/gone', answer(410));
    server.route('/broken', answer(500));
    const missing = await fetchFeed({ url: server.url('/missing') }, options);
    expect(missing.kind === 'failed' && missing.reason).toMatch(/404 Not Found/);
    expect((await fetchFeed({ url: server.url('/gone') }, options)).kind).toBe('gone');
    const broken = await fetchFeed({ url: server.url('/broken') }, options);
    expect(broken.kind === 'failed' && broken.reason).toMatch(/server failed \(500 Internal Server Error\)/);
  });

  it('gives up on a slow answer after its time limit', async () => {
    server.route('/slow', slow(30_000, '</rss>'));
    const outcome = await fetchFeed({ url: server.url('/slow') }, { ...options, timeoutMs: 200 });
    expect(outcome.kind === 'failed' && outcome.reason).toBe(
      'The server did not send the feed within 0.2 seconds.',
    );
  });

  it('stops reading past the 10 MB cap, counting decompressed bytes', async () => {
    server.route('/huge', huge(50 * 1024 * 1024));
    server.route('/bomb', huge(50 * 1024 * 1024, { encoding: 'gzip' }));
    for (const path of ['/huge', '/bomb']) {
      const outcome = await fetchFeed({ url: server.url(path) }, options);
      expect(outcome.kind === 'failed' && outcome.reason).toBe(
        'The feed is larger than 10 MB; Dateline stopped reading it.',
      );
    }
  });

  it('says who refused the connection when nothing listens', async () => {
    const closed = await startFeedServer();
    const url = closed.url('/feed');
    await closed.close();
    const outcome = await fetchFeed({ url }, options);
    expect(outcome.kind === 'failed' && outcome.reason).toMatch(/refused the connection/);
  });
});

describe('one host, one request at a time', () => {
  it('never opens two requests to one host, while other hosts go on', async () => {
    const [one, two] = [await startFeedServer(), await startFeedServer()];
    try {
      for (const server of [one, two])
        for (let i = 0; i < 12; i++)
          server.route(`/feed-${i}.xml`, async (request, response) => {
            // Long enough that requests would overlap if the fetcher let them.
            await new Promise((resolve) => setTimeout(resolve, 15));
            await serve(fixture('valley-courier.rdf.xml'))(request, response);
          });
      const fetcher = createFeedFetcher(options);
      const outcomes = await Promise.all(
        [one, two].flatMap((server) =>
          Array.from({ length: 12 }, (_, i) => fetcher.fetch({ url: server.url(`/feed-${i}.xml`) })),
        ),
      );
      expect(outcomes.every((o) => o.kind === 'fetched')).toBe(true);
      expect(one.requests).toHaveLength(12);
      expect(two.requests).toHaveLength(12);
      expect(one.maxConcurrency()).toBe(1);
      expect(two.maxConcurrency()).toBe(1);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
