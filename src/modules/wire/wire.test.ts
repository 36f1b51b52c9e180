// The wire desk's domain on both databases, against the local feed server: sources, fetching with
// its politeness rules, what goes wrong, identity across fetches, and the poll across processes.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import {
  answer,
  fixture,
  huge,
  redirect,
  sequence,
  serve,
  slow,
  startFeedServer,
  type FeedServer,
} from '../../../test/wire/feed-server.ts';
import { createFeedReader, createWireService, type FeedReader, type WireService } from './index.ts';
import { claimHost, claimSource } from './repository.ts';

const START = '2026-12-05T12:00:00.000Z';
const MINUTE = 60_000;

describe.each(DIALECTS)('the wire desk on %s', (dialect) => {
  let database: TestDatabase;
  let server: FeedServer;
  let reader: FeedReader;
  let clock: ReturnType<typeof fixedClock>;
  let wire: WireService;
  const build = () =>
    createWireService({
      db: database.db,
      clock,
      reader,
      userAgent: 'Dateline/0.1.0 (+https://news.example)',
      timeoutMs: 300,
    });
  const source = async (id: number) => (await wire.listSources()).find((s) => s.id === id);
  const add = async (name: string, path: string, terms?: 'link' | 'republish') =>
    (await wire.addSource({ name, url: server.url(path), ...(terms && { terms }) })).id;
  const items = async (sourceId: number) =>
    await database.db
      .selectFrom('wire_items')
      .selectAll()
      .where('source_id', '=', sourceId)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    reader = createFeedReader();
  });
  afterAll(async () => {
    await reader.close();
    await database?.close();
  });
  beforeEach(async () => {
    await database.reset();
    server = await startFeedServer();
    clock = fixedClock(START);
    wire = build();
  });
  afterEach(() => server.close());

  it('adds sources with their terms, and refuses bad or repeated addresses', async () => {
    const added = await wire.addSource({
      name: '  Harbour Post ',
      url: server.url('/hp.xml'),
      terms: 'republish',
    });
    expect(added).toMatchObject({ name: 'Harbour Post', terms: 'republish', status: 'active', itemCount: 0 });
    expect(added.nextFetchAt).toBe(START);
    const refusal = async (input: Parameters<WireService['addSource']>[0]) =>
      wire.addSource(input).then(
        () => undefined,
        (error: unknown) => (error instanceof AppError ? [error.code, error.fields] : error),
      );
    expect(await refusal({ name: 'Again', url: `${server.url('/hp.xml')}#top` })).toEqual([
      'WIRE_SOURCE_TAKEN',
      undefined,
    ]);
    expect(await refusal({ name: 'X', url: 'ftp://files.example/feed' })).toEqual([
      'VALIDATION_FAILED',
      { url: 'must be an absolute http(s) address' },
    ]);
    expect(await refusal({ name: '', url: server.url('/other'), terms: 'copy' })).toEqual([
      'VALIDATION_FAILED',
      { name: 'must not be empty', terms: 'must be link or republish' },
    ]);
  });

  it('fetches every format, stores items as text, and fills in the home page', async () => {
    server.route('/hp.xml', serve(fixture('harbour-post.rss.xml')));
    server.route('/vc.rdf', serve(fixture('valley-courier.rdf.xml'), { contentType: 'application/rdf+xml' }));
    server.route(
      '/ng.atom',
      serve(fixture('northgate-ledger.atom.xml'), { contentType: 'application/atom+xml' }),
    );
    server.route('/ld.json', serve(fixture('lakeside-daily.json'), { contentType: 'application/feed+json' }));
    const ids = [
      await add('Harbour Post', '/hp.xml'),
      await add('Valley Courier', '/vc.rdf'),
      await add('Northgate Ledger', '/ng.atom'),
      await add('Lakeside Daily', '/ld.json', 'republish'),
    ];
    const reports = await wire.fetchNow();
    expect(reports.map((r) => [r.name, r.outcome, r.added])).toEqual([
      ['Harbour Post', 'fetched', 4],
      ['Valley Courier', 'fetched', 2],
      ['Northgate Ledger', 'fetched', 2],
      ['Lakeside Daily', 'fetched', 2],
    ]);
    const sources = await wire.listSources();
    expect(sources.map((s) => [s.itemCount, s.status, s.lastError, s.homeUrl])).toEqual([
      [4, 'active', null, 'https://harbour-post.example/'],
      [2, 'active', null, 'https://valley-courier.example/'],
      [2, 'active', null, 'https://northgate-ledger.example/'],
      [2, 'active', null, 'https://lakeside-daily.example/'],
    ]);
    expect(sources[0]).toMatchObject({
      lastFetchedAt: START,
      nextFetchAt: new Date(Date.parse(START) + 10 * MINUTE).toISOString(),
    });
    const [ferry] = await items(ids[0] as number);
    expect(ferry).toMatchObject({
      identity: 'guid:hp-1001',
      normalized_url: 'https://harbour-post.example/news/ferry-resumes?ref=home',
      summary: 'The morning ferry to Gull Island ran again on Friday. Repairs took three weeks.',
      published_at: '2026-12-04T09:30:00.000Z',
      published_at_raw: 'Fri, 04 Dec 2026 09:30:00 +0000',
      fetched_at: START,
      // The Harbour Post's terms are 'link': its text is kept for grouping, its HTML is not.
      content_html: null,
    });
    expect(ferry?.content_text).toContain('Ines Calloway');
    const [regatta] = await items(ids[3] as number);
    expect(regatta?.content_html).toBe(
      "<p>Organisers called off Saturday's races on Lake Orrin after ice formed along the northern shore.</p>",
    );
    const listed = await wire.listItems({ since: '2026-12-04T00:00:00Z' });
    expect(listed[0]).toMatchObject({
      source: ids[0],
      duplicate_of: null,
      story: expect.any(Number) as number,
    });
    expect(listed.every((i) => i.published_at >= '2026-12-04T00:00:00.000Z')).toBe(true);
    expect(listed.map((i) => i.published_at)).toEqual(
      listed
        .map((i) => i.published_at)
        .sort()
        .reverse(),
    );
  });

  it('decodes what the server and the prolog say, or fail to say, about the encoding', async () => {
    server.route(
      '/cafe.xml',
      serve(fixture('windows-1252-wrong-prolog.xml'), { contentType: 'application/rss+xml' }),
    );
    server.route(
      '/gavan.xml',
      serve(fixture('charset-in-header.koi8r.xml'), { contentType: 'application/xml; charset=KOI8-R' }),
    );
    const cafe = await add('Café Gazette', '/cafe.xml');
    const gavan = await add('Severnaya Gavan', '/gavan.xml');
    await wire.fetchNow();
    expect((await items(cafe)).map((i) => i.title)).toEqual(['“Best crêpe” prize – €50 to the winner']);
    expect((await items(gavan)).map((i) => i.title)).toEqual(['Паром снова ходит']);
  });

  it('asks conditionally, and a 304 changes nothing but the schedule', async () => {
    server.route(
      '/hp.xml',
      serve(fixture('harbour-post.rss.xml'), {
        etag: '"hp-7"',
        lastModified: 'Fri, 04 Dec 2026 10:00:00 GMT',
      }),
    );
    const id = await add('Harbour Post', '/hp.xml');
    await wire.fetchNow();
    clock.advance(10 * MINUTE);
    const [report] = await wire.fetchNow();
    expect(report).toMatchObject({ outcome: 'not-modified', added: 0, updated: 0 });
    const [, second] = server.requestsTo('/hp.xml');
    expect(second?.headers['if-none-match']).toBe('"hp-7"');
    expect(second?.headers['if-modified-since']).toBe('Fri, 04 Dec 2026 10:00:00 GMT');
    expect((await source(id))?.nextFetchAt).toBe(new Date(clock.now().getTime() + 10 * MINUTE).toISOString());
    expect(await items(id)).toHaveLength(4);
  });

  it('never asks before a Retry-After, in seconds or as a date, nor before <ttl> or max-age', async () => {
    server.route(
      '/busy.xml',
      sequence(answer(429, { 'retry-after': '3600' }), serve(fixture('valley-courier.rdf.xml'))),
    );
    server.route(
      '/down.xml',
      sequence(
        answer(503, { 'retry-after': 'Sat, 05 Dec 2026 15:00:00 GMT' }),
        serve(fixture('valley-courier.rdf.xml')),
      ),
    );
    server.route('/ttl.xml', serve(fixture('fernbrook-entities.rss.xml')));
    server.route('/max-age.xml', serve(fixture('lakeside-daily.json'), { cacheControl: 'max-age=7200' }));
    const busy = await add('Busy', '/busy.xml');
    const down = await add('Down', '/down.xml');
    const ttl = await add('Fernbrook Herald', '/ttl.xml');
    const maxAge = await add('Lakeside Daily', '/max-age.xml');
    const first = await wire.fetchNow();
    expect(first.map((r) => r.outcome)).toEqual(['failed', 'failed', 'fetched', 'fetched']);
    expect(first[0]?.message).toMatch(/429 Too Many Requests/);
    expect((await source(busy))?.nextFetchAt).toBe('2026-12-05T13:00:00.000Z');
    expect((await source(down))?.nextFetchAt).toBe('2026-12-05T15:00:00.000Z');
    expect((await source(ttl))?.nextFetchAt).toBe('2026-12-05T13:00:00.000Z');
    expect((await source(maxAge))?.nextFetchAt).toBe('2026-12-05T14:00:00.000Z');

    // Neither the poller nor a fetch by hand asks before then.
    clock.advance(30 * MINUTE);
    expect(await wire.pollDue()).toEqual([]);
    const byHand = await wire.fetchNow();
    expect(byHand.map((r) => r.outcome)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(byHand[0]?.message).toBe(
      'The outlet asked not to be fetched again before 2026-12-05T13:00:00.000Z.',
    );
    expect(server.requests).toHaveLength(4);

    clock.set('2026-12-05T13:00:00.000Z');
    const due = await wire.pollDue();
    expect([...due].sort((a, b) => a.sourceId - b.sourceId).map((r) => [r.sourceId, r.outcome])).toEqual([
      [busy, 'fetched'],
      [ttl, 'fetched'],
    ]);
    expect(server.requestsTo('/busy.xml')).toHaveLength(2);
    expect(server.requestsTo('/down.xml')).toHaveLength(1);
    expect((await source(busy))?.status).toBe('active');
  });

  it('polls each source on its schedule: due sources only, ten minutes apart', async () => {
    server.route('/a.xml', serve(fixture('valley-courier.rdf.xml')));
    await add('Valley Courier', '/a.xml');
    expect(await wire.pollDue()).toHaveLength(1);
    clock.advance(9 * MINUTE);
    expect(await wire.pollDue()).toEqual([]);
    clock.advance(MINUTE);
    expect((await wire.pollDue()).map((r) => r.outcome)).toEqual(['fetched']);
    expect(server.requests).toHaveLength(2);
  });

  it('follows a 301 to its new address for good, and a 302 only this once', async () => {
    server.route('/old.xml', redirect(301, '/new.xml'));
    server.route('/new.xml', serve(fixture('valley-courier.rdf.xml')));
    server.route('/today.xml', redirect(302, '/new.xml'));
    const moved = await add('Moved', '/old.xml');
    const temporary = await add('Temporary', '/today.xml');
    await wire.fetchNow();
    expect((await source(moved))?.url).toBe(server.url('/new.xml'));
    expect((await source(temporary))?.url).toBe(server.url('/today.xml'));
    expect((await items(moved)).length).toBe(2);
  });

  it('disables a source on 410, marks one failing after five failures in a row, and lets it recover', async () => {
    server.route('/gone.xml', answer(410));
    server.route(
      '/flaky.xml',
      sequence(
        answer(404),
        answer(500),
        answer(404),
        answer(404),
        answer(404),
        serve(fixture('valley-courier.rdf.xml')),
      ),
    );
    const gone = await add('Gone', '/gone.xml');
    const flaky = await add('Flaky', '/flaky.xml');
    await wire.fetchNow();
    expect(await source(gone)).toMatchObject({
      status: 'disabled',
      lastError: expect.stringMatching(/410 Gone/) as string,
    });
    const waits: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const s = await source(flaky);
      if (i > 1) {
        waits.push(Date.parse(s?.nextFetchAt ?? '') - clock.now().getTime());
        clock.set(s?.nextFetchAt ?? '');
        await wire.pollDue();
      }
      expect((await source(flaky))?.status).toBe(i < 5 ? 'active' : 'failing');
    }
    // Backoff: each wait twice the one before.
    expect(waits).toEqual([20, 40, 80, 160].map((m) => m * MINUTE));
    expect((await source(flaky))?.lastError).toBe(
      'Failed 5 times in a row; Dateline keeps trying, less often. Last: The feed address answered 404 Not Found: the outlet may have moved or removed its feed.',
    );
    clock.set((await source(flaky))?.nextFetchAt ?? '');
    const [recovered] = await wire.pollDue();
    expect(recovered).toMatchObject({ outcome: 'fetched', added: 2, status: 'active' });
    expect(await source(flaky)).toMatchObject({ status: 'active', lastError: null });
    // A disabled source is never asked again.
    clock.advance(24 * 60 * MINUTE);
    await wire.pollDue();
    expect(server.requestsTo('/gone.xml')).toHaveLength(1);
  });

  it('leaves each broken feed with a clear reason while the others are read', async () => {
    server.route('/page', serve(fixture('not-a-feed.html'), { contentType: 'text/html; charset=utf-8' }));
    server.route('/empty', serve(''));
    server.route('/cut.xml', serve(fixture('truncated.rss.xml')));
    server.route('/huge.xml', huge(50 * 1024 * 1024));
    server.route('/missing.xml', answer(404));
    server.route('/slow.xml', slow(30_000, '</rss>'));
    server.route('/fine.xml', serve(fixture('valley-courier.rdf.xml')));
    for (const path of ['/page', '/empty', '/cut.xml', '/huge.xml', '/missing.xml', '/slow.xml', '/fine.xml'])
      await add(path.slice(1), path);
    const reports = await wire.fetchNow();
    expect(reports.map((r) => [r.name, r.outcome])).toEqual([
      ['page', 'failed'],
      ['empty', 'failed'],
      ['cut.xml', 'failed'],
      ['huge.xml', 'failed'],
      ['missing.xml', 'failed'],
      ['slow.xml', 'failed'],
      ['fine.xml', 'fetched'],
    ]);
    expect((await wire.listSources()).map((s) => s.lastError)).toEqual([
      'The address returned a web page (HTML), not a feed. Check the feed’s address: it often ends in /feed, /rss or .xml.',
      'The feed address answered with an empty document: there is nothing to read.',
      'The feed is malformed or cut off, so it could not be read (line 12: unclosed tag: title).',
      'The feed is larger than 10 MB; Dateline stopped reading it.',
      'The feed address answered 404 Not Found: the outlet may have moved or removed its feed.',
      'The server did not send the feed within 0.3 seconds.',
      null,
    ]);
  });

  it('never duplicates an item for a missing, repeated or changing GUID', async () => {
    server.route('/missing.xml', serve(fixture('guids-missing.rss.xml')));
    server.route('/same.xml', serve(fixture('guids-duplicate.rss.xml')));
    server.route(
      '/changing.xml',
      sequence(serve(fixture('guids-changing-a.rss.xml')), serve(fixture('guids-changing-b.rss.xml'))),
    );
    const missing = await add('Missing', '/missing.xml');
    const same = await add('Same', '/same.xml');
    const changing = await add('Changing', '/changing.xml');
    await wire.fetchNow();
    clock.advance(10 * MINUTE);
    const second = await wire.fetchNow();
    expect(second.map((r) => [r.name, r.added])).toEqual([
      ['Missing', 0],
      ['Same', 0],
      ['Changing', 0],
    ]);
    expect((await items(missing)).map((i) => i.identity)).toEqual([
      'url:https://valley-courier.example/notices/pell-cross',
      'url:https://valley-courier.example/notices/dog',
      expect.stringMatching(/^hash:[0-9a-f]{64}$/),
    ]);
    // One GUID on three items identifies none of them.
    expect((await items(same)).map((i) => [i.title, i.guid])).toEqual([
      ['Tide tables printed', null],
      ['Net repair course full', null],
      ['Quay lights replaced', null],
    ]);
    // The site moved and rewrote its GUIDs: the same two items, now under their new GUIDs.
    expect((await items(changing)).map((i) => [i.title, i.guid])).toEqual([
      ['Market square to be repaved', 'https://northgate-ledger.example/post-11-moved'],
      ['Cycle lanes on Tanner Street', 'https://northgate-ledger.example/post-12-moved'],
    ]);
    expect(second.find((r) => r.name === 'Changing')?.updated).toBe(2);
  });

  it('keeps a GUID reused for a new story apart from the old one', async () => {
    const feed = (title: string, link: string) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Reuse</title><item><title>${title}</title><link>${link}</link><guid>same-guid</guid></item></channel></rss>`;
    server.route(
      '/reuse.xml',
      sequence(
        serve(feed('Harbour dredging starts', 'https://reuse.example/dredging')),
        serve(feed('Harbour dredging starts', 'https://reuse.example/dredging-updated')),
        serve(feed('Regatta moved to May', 'https://reuse.example/regatta')),
      ),
    );
    const id = await add('Reuse', '/reuse.xml');
    for (let i = 0; i < 3; i++) {
      await wire.fetchNow();
      clock.advance(10 * MINUTE);
    }
    expect((await items(id)).map((i) => [i.title, i.url, i.identity])).toEqual([
      ['Harbour dredging starts', 'https://reuse.example/dredging-updated', 'guid:same-guid'],
      ['Regatta moved to May', 'https://reuse.example/regatta', 'url:https://reuse.example/regatta'],
    ]);
  });

  it('reports a fault of its own without blaming the feed, and frees the source for the next try', async () => {
    const id = await add('Valley Courier', '/vc.rdf');
    const broken = createWireService({
      db: database.db,
      clock,
      reader,
      userAgent: 'test',
      fetcher: { fetch: () => Promise.reject(new Error('the reading thread died')) },
    });
    const [report] = await broken.fetchNow();
    expect(report).toMatchObject({ sourceId: id, outcome: 'failed', status: 'active' });
    expect(report?.message).toMatch(/Dateline could not finish this fetch \(the reading thread died\)/);
    const row = await database.db
      .selectFrom('wire_sources')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect([row.consecutive_failures, row.leased_until, row.last_error]).toEqual([0, null, null]);
    server.route('/vc.rdf', serve(fixture('valley-courier.rdf.xml')));
    expect((await wire.fetchNow()).map((r) => r.outcome)).toEqual(['fetched']);
  });

  it('polls each due source exactly once across processes, and asks each host one thing at a time', async () => {
    const other = await startFeedServer();
    try {
      for (const [host, name] of [
        [server, 'a'],
        [other, 'b'],
      ] as const)
        for (let i = 0; i < 6; i++) {
          host.route(`/feed-${i}.xml`, async (request, response) => {
            // Long enough for requests to overlap, were anything to let them.
            await new Promise((resolve) => setTimeout(resolve, 10));
            await serve(fixture('valley-courier.rdf.xml'))(request, response);
          });
          await wire.addSource({ name: `Feed ${name}${i}`, url: host.url(`/feed-${i}.xml`) });
        }
      // Three processes' services on one database, each with its own fetcher, as separate processes have.
      const processes = [wire, build(), build()];
      for (let round = 0; round < 2; round++) {
        const results = await Promise.all(processes.map((w) => w.pollDue()));
        expect(results.flat()).toHaveLength(12);
        clock.advance(10 * MINUTE);
      }
      for (let i = 0; i < 6; i++) {
        expect(server.requestsTo(`/feed-${i}.xml`)).toHaveLength(2);
        expect(other.requestsTo(`/feed-${i}.xml`)).toHaveLength(2);
      }
      expect(server.maxConcurrency()).toBe(1);
      expect(other.maxConcurrency()).toBe(1);
      expect((await wire.listSources()).every((s) => s.itemCount === 2)).toBe(true);
      expect(await database.db.selectFrom('wire_host_leases').selectAll().execute()).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('claims a source for one caller only, until its lease runs out', async () => {
    const id = await add('Valley Courier', '/vc.rdf');
    const claim = () =>
      claimSource(database.db, {
        id,
        now: clock.now().toISOString(),
        leaseUntil: new Date(clock.now().getTime() + 10 * MINUTE).toISOString(),
        isPoll: true,
      });
    // Racing on a pool, any one of them may win, and only one does.
    expect((await Promise.all([claim(), claim(), claim()])).filter(Boolean)).toEqual([true]);
    clock.advance(10 * MINUTE);
    expect(await claim()).toBe(true);
    const host = (holder: string) =>
      claimHost(database.db, {
        host: 'feeds.example',
        holder,
        now: clock.now().toISOString(),
        leaseUntil: new Date(clock.now().getTime() + MINUTE).toISOString(),
      });
    const won = await Promise.all([host('one'), host('two')]);
    expect(won.filter(Boolean)).toEqual([true]);
    const [winner, loser] = won[0] ? ['one', 'two'] : ['two', 'one'];
    // The holder may take its host again; the other waits for the lease to run out.
    expect(await host(winner)).toBe(true);
    expect(await host(loser)).toBe(false);
    clock.advance(MINUTE);
    expect(await host(loser)).toBe(true);
  });
});
