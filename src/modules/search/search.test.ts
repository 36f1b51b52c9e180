import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS, POSTGRES_KIND } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';
import { AppError } from '../../platform/errors.ts';
import { ARTICLE_BODY_MAX_CHARS } from '../articles/index.ts';
import * as searchMigration from '../../platform/db/migrations/0003-search.ts';
import { TEST_NOW } from '../../../test/build-test-app.ts';
import { createSqliteSearchIndex } from './sqlite.ts';
import { parseQuery } from './query.ts';

describe.each(DIALECTS)('search on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => t.reset());

  const slugs = async (q: string, perPage = 50) =>
    (await t.services.search.search({ q, page: 1, perPage })).items.map((hit) => hit.slug);

  it(`runs on ${dialect === 'sqlite' ? 'SQLite' : POSTGRES_KIND}`, () => {
    expect(t.database.dialect).toBe(dialect);
  });

  describe('a labelled set', () => {
    // Each article holds the query words in one place only, and the newest articles are the weakest
    // matches, so that recency cannot explain the order.
    const set = [
      {
        slug: 'in-body',
        title: 'Council meets on Tuesday',
        standfirst: 'Budget talks continue.',
        body: 'Councillors will also hear about the dredging of the harbour mouth.',
        published_at: '2026-11-25T09:00:00.000Z',
      },
      {
        slug: 'in-standfirst',
        title: 'Fishing fleet returns early',
        standfirst: 'Skippers blame the dredging work for poor catches.',
        body: 'The fleet came back on Monday.',
        published_at: '2026-11-24T09:00:00.000Z',
      },
      {
        slug: 'in-title',
        title: 'Dredging begins at the old quay',
        standfirst: 'Work starts on Monday.',
        body: 'Contractors arrived with two barges.',
        published_at: '2026-11-20T09:00:00.000Z',
      },
      {
        slug: 'harbour-phrase',
        title: 'Harbour dredging contract signed',
        standfirst: 'The port authority chose a Dutch firm.',
        body: 'The contract runs for three years.',
        published_at: '2026-11-21T09:00:00.000Z',
      },
      {
        slug: 'words-apart',
        title: 'Harbour tolls rise',
        standfirst: 'Ferry operators object.',
        body: 'Tolls pay for dredging, the harbour master said.',
        published_at: '2026-11-22T09:00:00.000Z',
      },
      {
        slug: 'ferry-news',
        title: 'Ferry timetable changes for winter',
        standfirst: 'Fewer crossings from December.',
        body: 'The operator blames fuel costs.',
        published_at: '2026-11-23T09:00:00.000Z',
      },
      {
        slug: 'lighthouse',
        title: 'Lighthouse keeper retires',
        standfirst: 'Forty years on the point.',
        body: 'She climbed the stairs every night.',
        published_at: '2026-11-19T09:00:00.000Z',
      },
      {
        slug: 'cafe-zurich',
        title: 'Café from Zürich opens on the COVID-19 anniversary',
        standfirst: 'A naïve idea, the owner says.',
        body: 'It serves coffee by the water.',
        published_at: '2026-11-18T09:00:00.000Z',
      },
    ];

    beforeEach(async () => {
      const author = await buildAuthor(t.services);
      for (const article of set) await buildArticle(t.services, { ...article, authors: [author.slug] });
    });

    // Where "dredging" stands in each article that holds it: 0 title, 1 standfirst, 2 body.
    const dredgingIn: Record<string, number> = {
      'in-title': 0,
      'harbour-phrase': 0,
      'in-standfirst': 1,
      'in-body': 2,
      'words-apart': 2,
    };

    it('ranks a title match above a standfirst match above a body match', async () => {
      const found = await slugs('dredging');
      expect([...found].sort()).toEqual(Object.keys(dredgingIn).sort());
      expect(found.map((slug) => dredgingIn[slug])).toEqual([0, 0, 1, 2, 2]);
      // The newest of them is a body match and the oldest a title match: rank, not date, decides.
      expect(found.indexOf('in-title')).toBeLessThan(found.indexOf('in-standfirst'));
      expect(found.indexOf('in-standfirst')).toBeLessThan(found.indexOf('in-body'));
      // The same holds for a prefix.
      expect((await slugs('dredg')).map((slug) => dredgingIn[slug])).toEqual([0, 0, 1, 2, 2]);
    });

    it('finds bare words as prefixes', async () => {
      expect(await slugs('lightho')).toEqual(['lighthouse']);
      expect((await slugs('harb')).sort()).toEqual(['harbour-phrase', 'in-body', 'words-apart']);
    });

    it('finds a quoted phrase only where its words stand together, in order', async () => {
      expect(await slugs('"harbour dredging"')).toEqual(['harbour-phrase']);
      expect(await slugs('"dredging harbour"')).toEqual([]);
      // Quoted words are whole words, not prefixes.
      expect(await slugs('"lightho"')).toEqual([]);
    });

    it('leaves out excluded words and phrases', async () => {
      expect((await slugs('dredging -harbour')).sort()).toEqual(['in-standfirst', 'in-title']);
      expect((await slugs('harbour -"harbour dredging"')).sort()).toEqual(['in-body', 'words-apart']);
      expect((await slugs('harbour -tolls -dredg')).sort()).toEqual([]);
    });

    it('finds either side of OR, and both words by default', async () => {
      expect((await slugs('lighthouse OR ferry')).sort()).toEqual([
        'ferry-news',
        'lighthouse',
        'words-apart',
      ]);
      expect(await slugs('harbour ferry')).toEqual(['words-apart']);
      expect((await slugs('ferry OR lighthouse -winter')).sort()).toEqual(['lighthouse', 'words-apart']);
    });

    it('folds case and diacritics, and reads hyphenated words alike on both databases', async () => {
      expect(await slugs('cafe zurich')).toEqual(['cafe-zurich']);
      expect(await slugs('CAFÉ ZÜRICH')).toEqual(['cafe-zurich']);
      expect(await slugs('naive')).toEqual(['cafe-zurich']);
      expect(await slugs('covid-19')).toEqual(['cafe-zurich']);
      expect(await slugs('"covid 19"')).toEqual(['cafe-zurich']);
    });

    it('answers queries that are all syntax with nothing rather than an error', async () => {
      for (const q of ['NEAR(', "'); drop table articles; --", 'title:harbour', '^x', '½']) {
        await expect(slugs(q), q).resolves.toEqual(expect.any(Array));
      }
      expect((await slugs('dredging')).length).toBe(5);
    });

    it('builds snippets from the body, marking the matches', async () => {
      const result = await t.services.search.search({ q: 'harbour mouth', page: 1, perPage: 10 });
      const hit = result.items.find((h) => h.slug === 'in-body');
      expect(hit?.snippet).toEqual([
        { text: 'Councillors will also hear about the dredging of the ', isMatch: false },
        { text: 'harbour', isMatch: true },
        { text: ' ', isMatch: false },
        { text: 'mouth', isMatch: true },
        { text: '.', isMatch: false },
      ]);
      expect(hit).toMatchObject({
        title: 'Council meets on Tuesday',
        standfirst: 'Budget talks continue.',
        publishedAt: '2026-11-25T09:00:00.000Z',
      });
    });

    it('pages through the results', async () => {
      const all = await slugs('dredging');
      const pages = [];
      for (const page of [1, 2, 3]) {
        pages.push(await t.services.search.search({ q: 'dredging', page, perPage: 2 }));
      }
      expect(pages.map((p) => p.items.map((h) => h.slug))).toEqual([
        all.slice(0, 2),
        all.slice(2, 4),
        all.slice(4),
      ]);
      expect(pages.map((p) => [p.total, p.totalPages, p.page])).toEqual([
        [5, 3, 1],
        [5, 3, 2],
        [5, 3, 3],
      ]);
      const past = await t.services.search.search({ q: 'dredging', page: 4, perPage: 2 });
      expect(past).toMatchObject({ items: [], total: 5, totalPages: 3, page: 4 });
    });
  });

  it('follows an article through publishing, editing and unpublishing', async () => {
    const author = await buildAuthor(t.services);
    const input = {
      slug: 'breakwater-story',
      title: 'Breakwater plans drawn up',
      standfirst: 'Engineers report.',
      body: 'The plans are out.',
      authors: [author.slug],
      published_at: '2026-11-20T09:00:00.000Z',
    };
    await t.services.articles.saveArticle({ ...input, status: 'draft' });
    expect(await slugs('breakwater')).toEqual([]);

    await t.services.articles.saveArticle({ ...input, status: 'published' });
    expect(await slugs('breakwater')).toEqual(['breakwater-story']);

    await t.services.articles.saveArticle({ ...input, title: 'Seawall plans drawn up', status: 'published' });
    expect(await slugs('seawall')).toEqual(['breakwater-story']);
    expect(await slugs('breakwater')).toEqual([]);

    await t.services.articles.saveArticle({ ...input, title: 'Seawall plans drawn up', status: 'draft' });
    expect(await slugs('seawall')).toEqual([]);
  });

  it('counts and shows a published match while a draft that does not match exists', async () => {
    // SQLite once counted every match as hidden when one draft existed (see sqlite.ts), and the
    // results page, trusting the count, said nothing was found.
    await buildArticle(t.services, { slug: 'quiet-draft', title: 'Zebrafish survey', status: 'draft' });
    await buildArticle(t.services, { slug: 'harbour-news', title: 'Dredger arrives at the quay' });
    const found = await t.services.search.search({ q: 'dredger', page: 1, perPage: 10 });
    expect(found.items.map((hit) => hit.slug)).toEqual(['harbour-news']);
    expect(found.total).toBe(1);
    const page = await t.app.inject({ url: '/search?q=dredger' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Dredger arrives at the quay');
    expect(page.body).not.toContain('Zebrafish');
  });

  describe('many matches, some hidden, many tied', () => {
    // 300 articles hold "buoy": 100 in the title, 100 in the standfirst, 100 in the body, otherwise
    // alike, so that each hundred ties on relevance and falls back to newest first. A third of them are
    // hidden (drafts, or scheduled for later). The order is known without trusting the database.
    async function seed(extraHiddenDrafts: number) {
      const rows = [];
      const expected: { slug: string; place: number; publishedAt: string; id?: number }[] = [];
      for (let i = 0; i < 300; i += 1) {
        const place = i % 3;
        const n = String(i).padStart(3, '0');
        // Spread over the last 300 days, in an order unrelated to i.
        const day = (i * 7919) % 300;
        const publishedAt = new Date(Date.parse(TEST_NOW) - (day + 1) * 86_400_000).toISOString();
        const hidden = i % 3 === 1 ? (i % 2 === 0 ? 'draft' : 'future') : undefined;
        const slug = `buoy-${n}`;
        rows.push({
          slug,
          title: place === 0 ? `Buoy report x${n}` : `Quay report x${n}`,
          standfirst: place === 1 ? 'Notes on the buoy.' : 'Notes on the quay.',
          body_markdown: place === 2 ? 'A new buoy was laid.' : 'A new post was laid.',
          body_html: place === 2 ? '<p>A new buoy was laid.</p>' : '<p>A new post was laid.</p>',
          // Search indexes the body's plain text (0021-body-html).
          body_text: place === 2 ? 'A new buoy was laid.' : 'A new post was laid.',
          status: hidden === 'draft' ? ('draft' as const) : ('published' as const),
          published_at: hidden === 'future' ? '2027-03-01T00:00:00.000Z' : publishedAt,
          updated_at: TEST_NOW,
          created_at: TEST_NOW,
        });
        if (!hidden) expected.push({ slug, place, publishedAt });
      }
      for (let i = 0; i < extraHiddenDrafts; i += 1) {
        rows.push({
          slug: `draft-${i}`,
          title: `Unrelated draft ${i}`,
          standfirst: '',
          body_markdown: '',
          body_html: '',
          body_text: '',
          status: 'draft' as const,
          published_at: null,
          updated_at: TEST_NOW,
          created_at: TEST_NOW,
        });
      }
      await t.database.db.insertInto('articles').values(rows).execute();
      const ids = new Map(
        (await t.database.db.selectFrom('articles').select(['id', 'slug']).execute()).map((r) => [
          r.slug,
          r.id,
        ]),
      );
      return expected
        .map((e) => ({ ...e, id: ids.get(e.slug) as number }))
        .sort((a, b) =>
          a.place !== b.place
            ? a.place - b.place
            : a.publishedAt !== b.publishedAt
              ? a.publishedAt < b.publishedAt
                ? 1
                : -1
              : b.id - a.id,
        )
        .map((e) => e.slug);
    }

    async function everyPage(perPage: number) {
      const all: string[] = [];
      for (let page = 1; ; page += 1) {
        const result = await t.services.search.search({ q: 'buoy', page, perPage });
        all.push(...result.items.map((h) => h.slug));
        if (page >= result.totalPages) return { all, total: result.total };
      }
    }

    // The shortcuts SQLite's index takes (sqlite.ts) against its query over every match.
    if (dialect === 'sqlite')
      it('answers the same on SQLite whichever way a page and the count are worked out', async () => {
        await seed(250);
        const parsed = parseQuery('buoy');
        if (!parsed.ok) throw new Error('the query should parse');
        const args = { query: parsed.query, now: TEST_NOW };
        const quick = createSqliteSearchIndex(t.database.db);
        const thorough = createSqliteSearchIndex(t.database.db, { maxRanked: 0, maxHiddenProbed: 0 });
        const probing = createSqliteSearchIndex(t.database.db, { maxRanked: 16, maxHiddenProbed: 1_000 });
        expect(await quick.count(args)).toBe(200);
        expect(await thorough.count(args)).toBe(200);
        expect(await probing.count(args)).toBe(200);
        for (const [limit, offset] of [
          [10, 0],
          [10, 95],
          [33, 66],
          [100, 150],
          [10, 199],
          [10, 200],
        ] as const) {
          const page = { ...args, limit, offset };
          const reference = (await thorough.find(page)).map((r) => r.slug);
          expect(reference).toHaveLength(Math.max(0, Math.min(limit, 200 - offset)));
          expect((await quick.find(page)).map((r) => r.slug)).toEqual(reference);
          expect((await probing.find(page)).map((r) => r.slug)).toEqual(reference);
        }
      });

    it.each([
      ['few', 0],
      ['many', 250],
    ])('pages through every visible match in order, with %s other hidden articles', async (_, drafts) => {
      const expected = await seed(drafts);
      expect(expected).toHaveLength(200);
      for (const perPage of [7, 50]) {
        const { all, total } = await everyPage(perPage);
        expect(total).toBe(200);
        expect(all).toEqual(expected);
      }
    });
  });

  it('finds a scheduled article only once its time has come', async () => {
    await buildArticle(t.services, {
      slug: 'scheduled',
      title: 'Regatta route announced',
      published_at: '2026-12-01T00:00:00.000Z',
    });
    expect(await slugs('regatta')).toEqual([]);
    t.clock.set('2026-12-01T00:00:01.000Z');
    expect(await slugs('regatta')).toEqual(['scheduled']);
  });

  it('finds words deep in a long body', async () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `filler${i}`).join(' ');
    await buildArticle(t.services, { slug: 'long-one', body: `${filler}\n\nThe word is estuary.` });
    const result = await t.services.search.search({ q: 'estuary', page: 1, perPage: 10 });
    expect(result.items.map((h) => h.slug)).toEqual(['long-one']);
    expect(result.items[0]?.snippet.filter((p) => p.isMatch).map((p) => p.text)).toEqual(['estuary']);
  });

  it('indexes the longest body an article may have without refusing the save', async () => {
    // The longest body the editor accepts, all distinct words: the index reads only the start of a body,
    // so PostgreSQL is never asked for a tsvector over its 1 MB limit.
    let body = 'Opening words about the estuary. ';
    for (let i = 0; body.length < ARTICLE_BODY_MAX_CHARS; i += 1) body += `${i.toString(36)} `;
    body = body.slice(0, ARTICLE_BODY_MAX_CHARS);
    expect(body.length).toBe(ARTICLE_BODY_MAX_CHARS);
    await buildArticle(t.services, { slug: 'huge', title: 'A very long report', body });
    expect(await slugs('estuary')).toEqual(['huge']);
  });

  it.each([
    ['', 'q'],
    ['   ', 'q'],
    ['!!! ???', 'q'],
    ['-ferry', 'q'],
    ['x'.repeat(201), 'q'],
    [Array.from({ length: 21 }, (_, i) => `w${i}`).join(' '), 'q'],
  ])('refuses %j with VALIDATION_FAILED on the field q', async (q, field) => {
    const error: unknown = await t.services.search
      .search({ q, page: 1, perPage: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    expect(Object.keys((error as AppError).fields ?? {})).toEqual([field]);
  });

  it('refuses a page or page size out of range', async () => {
    for (const [page, perPage, field] of [
      [0, 10, 'page'],
      [1.5, 10, 'page'],
      [1, 0, 'perPage'],
      [1, 101, 'perPage'],
    ] as const) {
      const error: unknown = await t.services.search
        .search({ q: 'x', page, perPage })
        .catch((e: unknown) => e);
      expect((error as AppError).code).toBe('VALIDATION_FAILED');
      expect(Object.keys((error as AppError).fields ?? {})).toEqual([field]);
    }
  });

  it('indexes the articles written before the search migration, and can be migrated down and up', async () => {
    // Only this migration goes down and up again, so that later migrations stay in place.
    await searchMigration.down(t.database.db);
    try {
      await buildArticle(t.services, { slug: 'older-story', title: 'Pier reopens after storm' });
    } finally {
      await searchMigration.up(t.database.db);
    }
    expect(await slugs('pier')).toEqual(['older-story']);
    // And the triggers or generated column work again after the round trip.
    await buildArticle(t.services, { slug: 'newer-story', title: 'Pier lights repaired' });
    expect((await slugs('pier')).sort()).toEqual(['newer-story', 'older-story']);
  });
});
