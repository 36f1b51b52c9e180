import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../test/databases.ts';
import { answer, fixture, serve, startFeedServer, type FeedServer } from '../test/wire/feed-server.ts';

describe.each(DIALECTS)('dateline wire on %s', (dialect) => {
  let database: TestDatabase;
  let server: FeedServer;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]) =>
    runCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      database,
      env: { DATABASE_URL: 'sqlite::memory:', PUBLIC_URL: 'https://news.example' },
    });
  const listed = async () => {
    out = [];
    expect(await run('wire', 'source', 'list', '--json')).toBe(0);
    return JSON.parse(out.join('\n')) as Record<string, unknown>[];
  };

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await database.reset();
    server = await startFeedServer();
    out = [];
    err = [];
  });
  afterEach(() => server.close());

  it('adds sources, prints their ids, and lists them as JSON', async () => {
    expect(await run('wire', 'source', 'add', '--name', 'Harbour Post', '--url', server.url('/hp.xml'))).toBe(
      0,
    );
    expect(
      await run(
        'wire',
        'source',
        'add',
        '--name',
        'Lakeside Daily',
        '--url',
        server.url('/ld.json'),
        '--terms',
        'republish',
      ),
    ).toBe(0);
    const [first, second] = out.map(Number);
    expect(Number.isInteger(first) && Number.isInteger(second) && first !== second).toBe(true);
    expect(await listed()).toEqual([
      {
        id: first,
        name: 'Harbour Post',
        url: server.url('/hp.xml'),
        terms: 'link',
        status: 'active',
        last_error: null,
        last_fetched_at: null,
        next_fetch_at: expect.any(String) as string,
        item_count: 0,
      },
      expect.objectContaining({ id: second, name: 'Lakeside Daily', terms: 'republish' }),
    ]);
    expect(await run('wire', 'source', 'add', '--name', 'X', '--url', server.url('/hp.xml'))).toBe(1);
    expect(err.at(-1)).toMatch(/already follows a feed at that address/);
    expect(await run('wire', 'source', 'add', '--name', 'X', '--url', 'not a url')).toBe(1);
    expect(err.at(-1)).toMatch(/url: must be an absolute http\(s\) address/);
    expect(
      await run('wire', 'source', 'add', '--name', 'X', '--url', server.url('/y'), '--terms', 'copy'),
    ).toBe(2);
    expect(await run('wire', 'source', 'add', '--url', server.url('/y'))).toBe(2);
    expect(await run('wire', 'source', 'remove')).toBe(2);
  });

  it('fetches now, names each failure, and exits 0 when only some failed', async () => {
    server.route('/hp.xml', serve(fixture('harbour-post.rss.xml')));
    server.route('/missing.xml', answer(404));
    await run('wire', 'source', 'add', '--name', 'Harbour Post', '--url', server.url('/hp.xml'));
    await run('wire', 'source', 'add', '--name', 'Lost Gazette', '--url', server.url('/missing.xml'));
    const [hp, lost] = out.map(Number);
    out = [];
    expect(await run('wire', 'fetch')).toBe(0);
    expect(out).toEqual([
      `Harbour Post (#${hp}): 4 new, 0 updated`,
      `Lost Gazette (#${lost}): FAILED: The feed address answered 404 Not Found: the outlet may have moved or removed its feed.`,
      'Fetched 1 of 2 sources: 4 new items, 1 failed.',
    ]);
    expect(err).toEqual([
      `Failed: Lost Gazette (#${lost}): The feed address answered 404 Not Found: the outlet may have moved or removed its feed.`,
    ]);
    const [, lostSource] = await listed();
    expect(lostSource).toMatchObject({
      status: 'active',
      last_error: expect.stringMatching(/404/) as string,
      item_count: 0,
    });
    expect(server.requestsTo('/hp.xml')[0]?.headers['user-agent']).toBe(
      'Dateline/0.1.0 (+https://news.example)',
    );

    // Only the failing one: every source asked failed, so the command fails.
    out = [];
    err = [];
    expect(await run('wire', 'fetch', '--source', String(lost))).toBe(1);
    expect(out[0]).toMatch(/^Lost Gazette .*FAILED/);
    expect(await run('wire', 'fetch', '--source', 'abc')).toBe(2);
    expect(await run('wire', 'fetch', '--source', '999999')).toBe(1);
    expect(err.at(-1)).toMatch(/No wire source has id 999999/);
  });

  it('lists items as JSON, newest first, from a time on', async () => {
    server.route('/vc.rdf', serve(fixture('valley-courier.rdf.xml')));
    await run('wire', 'source', 'add', '--name', 'Valley Courier', '--url', server.url('/vc.rdf'));
    const id = Number(out[0]);
    await run('wire', 'fetch');
    out = [];
    expect(await run('wire', 'list', '--json', '--since', '2026-12-04T00:00:00Z')).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual([
      {
        id: expect.any(Number) as number,
        source: id,
        title: 'Bridge repair vote delayed again',
        url: 'https://valley-courier.example/2026/12/bridge-vote',
        published_at: '2026-12-04T08:00:00.000Z',
        summary: 'The district board will meet in January instead.',
        duplicate_of: null,
        story: expect.any(Number) as number,
      },
    ]);
    expect(await run('wire', 'list', '--since', 'yesterday')).toBe(2);
  });

  it('lists one story for two outlets’ reports and an agency rerun as duplicate_of, and drafts an item once', async () => {
    server.route('/tt.xml', serve(fixture('desk-tidewater-times.rss.xml')));
    server.route('/sh.xml', serve(fixture('desk-saltmarsh-herald.rss.xml')));
    await run('wire', 'source', 'add', '--name', 'Tidewater Times', '--url', server.url('/tt.xml'));
    await run('wire', 'source', 'add', '--name', 'Saltmarsh Herald', '--url', server.url('/sh.xml'));
    await run('wire', 'fetch');
    out = [];
    expect(await run('wire', 'list', '--json')).toBe(0);
    const items = JSON.parse(out.join('\n')) as {
      id: number;
      title: string;
      url: string;
      duplicate_of: number | null;
      story: number;
    }[];
    expect(items).toHaveLength(5);
    const find = (start: string) => items.find((i) => i.title.startsWith(start))!;
    const original = find('Landslide shuts');
    expect(find('Saltby cut off')).toMatchObject({ story: original.story, duplicate_of: null });
    expect(find('Coast road closed')).toMatchObject({ story: original.story, duplicate_of: original.id });
    expect(new Set(items.map((i) => i.story)).size).toBe(3);

    // No author to byline it to yet: a clear refusal.
    expect(await run('wire', 'draft', String(original.id))).toBe(1);
    expect(err.at(-1)).toMatch(/author/);
    await run('author', 'add', '--name', 'Nia Osei', '--slug', 'nia-osei', '--bio', 'Coast reporter.');
    expect(await run('wire', 'draft', String(original.id), '--author', 'nobody-here')).toBe(1);
    out = [];
    expect(await run('wire', 'draft', String(original.id), '--author', 'nia-osei')).toBe(0);
    const drafted = JSON.parse(out.join('\n')) as { id: number; slug: string };
    expect(drafted).toEqual({
      id: expect.any(Number) as number,
      slug: 'landslide-shuts-coast-road-at-kestrel-point',
    });
    const article = await database.db
      .selectFrom('articles')
      .select('status')
      .where('id', '=', drafted.id)
      .executeTakeFirstOrThrow();
    expect(article).toEqual({ status: 'draft' });
    const credits = await database.db
      .selectFrom('article_sources')
      .select(['name', 'url', 'wire_item_id'])
      .where('article_id', '=', drafted.id)
      .orderBy('position')
      .execute();
    expect(credits).toEqual([{ name: 'Tidewater Times', url: original.url, wire_item_id: original.id }]);
    out = [];
    expect(await run('wire', 'draft', String(original.id))).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual(drafted);
    expect(await database.db.selectFrom('articles').select('id').execute()).toHaveLength(1);
    expect(await run('wire', 'draft', 'abc')).toBe(2);
    expect(await run('wire', 'draft', '999999')).toBe(1);
  });

  it('says so when there is nothing to fetch', async () => {
    expect(await run('wire', 'fetch')).toBe(0);
    expect(out).toEqual(['The wire desk follows no sources yet: add one with dateline wire source add.']);
  });
});
