import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';
import { signedIn } from '../../../test/staff.ts';
import { AppError } from '../../platform/errors.ts';

/** The field errors a refused call carries. */
async function fieldsOf(run: () => Promise<unknown>): Promise<Record<string, string>> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED') return error.fields ?? {};
    throw error;
  }
  throw new Error('expected VALIDATION_FAILED');
}

describe.each(DIALECTS)('the curated front page on %s', (dialect) => {
  let t: TestApp;
  let ids: Record<string, number>;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    await t.services.settings.update({ 'site.posts_per_page': 4 });
    await t.services.sections.save({ name: 'News', slug: 'news' });
    await t.services.sections.save({ name: 'Politics', slug: 'politics', parent: 'news' });
    await t.services.sections.save({ name: 'Sport', slug: 'sport' });
    await buildAuthor(t.services, { name: 'Xena', slug: 'xena' });
    const story = async (slug: string, section: string, minutesAgo: number, extra = {}) =>
      (
        await buildArticle(t.services, {
          slug,
          title: `Headline of ${slug}`,
          authors: ['xena'],
          section,
          published_at: new Date(Date.parse('2026-11-26T12:00:00.000Z') - minutesAgo * 60_000).toISOString(),
          ...extra,
        })
      ).id;
    ids = {
      council: await story('council-vote', 'politics', 10),
      ferry: await story('ferry-fares', 'news', 20),
      derby: await story('derby-day', 'sport', 30),
      regatta: await story('regatta-results', 'sport', 40),
      market: await story('market-moves', 'news', 50),
      library: await story('library-hours', 'news', 60),
      draft: await story('budget-leak', 'news', 5, { status: 'draft' }),
      later: await story('tide-tables', 'news', -120),
    };
    t.app.pageCache.clear();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const save = (input: Partial<Parameters<TestApp['services']['frontPage']['save']>[0]>) =>
    t.services.frontPage.save({ lead: '', pins: [], rows: [], actor: null, ...input });
  /** The headline slugs in one part of the front page. */
  const slugsIn = (html: string, selector: string) =>
    load(html)(`${selector} .headline a`)
      .map((_, a) => load(a).root().find('a').attr('href') ?? '')
      .get()
      .map((href: string) => href.replaceAll('/', ''));

  it('stays exactly the newest-first front page while nothing is curated', async () => {
    const before = (await get('/')).body;
    expect(before).not.toContain('front-lead');
    expect(slugsIn(before, 'main')).toEqual(['council-vote', 'ferry-fares', 'derby-day', 'regatta-results']);
    // Saving nothing at all is no curation either.
    await save({});
    const after = (await get('/')).body;
    expect(after).not.toContain('front-lead');
    expect(slugsIn(after, 'main')).toEqual(slugsIn(before, 'main'));
  });

  it('shows the lead, the pins, the latest less both, and each section row with its heading', async () => {
    await save({
      lead: 'library-hours',
      pins: [
        { article: String(ids.market), expiresAt: null },
        { article: 'derby-day', expiresAt: '2026-11-27T09:00:00.000Z' },
      ],
      rows: [
        { section: 'sport', count: 2 },
        { section: 'news', count: 3 },
      ],
    });
    const page = await get('/');
    expect(page.statusCode).toBe(200);
    const $ = load(page.body);
    expect(slugsIn(page.body, '.front-lead')).toEqual(['library-hours']);
    expect($('.front-lead li.lead').length).toBe(1);
    expect(slugsIn(page.body, '.front-pinned')).toEqual(['market-moves', 'derby-day']);
    // The latest is the first newest-first page, less what leads or is pinned: never a repeat.
    expect(slugsIn(page.body, '[aria-labelledby=front-latest]')).toEqual([
      'council-vote',
      'ferry-fares',
      'regatta-results',
    ]);
    const rows = $('section[aria-labelledby^=front-row-]');
    expect(rows.map((_, r) => $(r).find('h2').text()).get()).toEqual(['Sport', 'News']);
    expect(rows.first().find('h2 a').attr('href')).toBe('/section/sport/');
    expect(slugsIn(page.body, '[aria-labelledby=front-row-sport]')).toEqual(['regatta-results']);
    // News lists its child Politics too, three stories, none of them the lead or a pin.
    expect(slugsIn(page.body, '[aria-labelledby=front-row-news]')).toEqual(['council-vote', 'ferry-fares']);
    expect($('h1').length).toBe(1);
    // Later pages stay the plain list.
    expect((await get('/page/2/')).body).not.toContain('front-lead');
  });

  it('skips a lead or pin readers may not see, and the newsroom screen says why', async () => {
    await save({
      lead: 'budget-leak',
      pins: [
        { article: 'tide-tables', expiresAt: null },
        { article: 'ferry-fares', expiresAt: null },
      ],
    });
    const page = (await get('/')).body;
    expect(page).not.toContain('budget-leak');
    expect(page).not.toContain('tide-tables');
    expect(page).not.toContain('Headline of budget-leak');
    expect(load(page)('.front-lead').length).toBe(0);
    expect(slugsIn(page, '.front-pinned')).toEqual(['ferry-fares']);
    const editor = await signedIn(t, 'editor');
    const screen = load((await editor.get('/admin/front-page')).body);
    const warnings = screen('[aria-labelledby=front-page-warnings] li')
      .map((_, li) => screen(li).text())
      .get()
      .join('\n');
    expect(warnings).toContain('“Headline of budget-leak” is a draft');
    expect(warnings).toContain('“Headline of tide-tables” is published for a later time');
    // Once its time comes it shows, with no new curation: the list it joins drops the cached page.
    const checkedUpTo = await t.services.articles.announceDue('2026-11-26T12:00:00.000Z');
    t.clock.set('2026-11-26T14:30:00.000Z');
    await t.services.articles.announceDue(checkedUpTo);
    expect((await get('/')).headers['x-dateline-cache']).toBe('miss');
    expect(slugsIn((await get('/')).body, '.front-pinned')).toEqual(['tide-tables', 'ferry-fares']);
  });

  it('refuses a seventh pin, a repeat, an unknown story or section, a past expiry and a bad count', async () => {
    const seven = [
      'council-vote',
      'ferry-fares',
      'derby-day',
      'regatta-results',
      'market-moves',
      'library-hours',
      'tide-tables',
    ];
    expect(
      (await fieldsOf(() => save({ pins: seven.map((article) => ({ article, expiresAt: null })) }))).pins,
    ).toMatch(/at most 6 pinned stories: remove 1/);
    const fields = await fieldsOf(() =>
      save({
        lead: 'ferry-fares',
        pins: [
          { article: 'ferry-fares', expiresAt: null },
          { article: 'no-such-story', expiresAt: null },
          { article: 'derby-day', expiresAt: '2026-11-26T11:00:00.000Z' },
        ],
        rows: [
          { section: 'weather', count: 3 },
          { section: 'sport', count: 13 },
        ],
      }),
    );
    expect(Object.keys(fields).sort()).toEqual(
      ['pin-1-article', 'pin-2-article', 'pin-3-expires', 'row-1-section', 'row-2-count'].sort(),
    );
    expect(fields['pin-1-article']).toMatch(/already the lead/);
    // Nothing was written by a refused save.
    expect((await t.services.frontPage.get()).updatedAt).toBeNull();
    expect(await t.database.db.selectFrom('front_page_pins').selectAll().execute()).toEqual([]);
  });

  it('drops an expired pin from the page at its time', async () => {
    await save({ pins: [{ article: 'derby-day', expiresAt: '2026-11-26T13:00:00.000Z' }] });
    expect(slugsIn((await get('/')).body, '.front-pinned')).toEqual(['derby-day']);
    t.clock.set('2026-11-26T13:00:01.000Z');
    t.app.pageCache.clear();
    expect(load((await get('/')).body)('.front-pinned').length).toBe(0);
    const curation = await t.services.frontPage.get();
    expect(curation.pins.map((p) => [p.slug, p.isExpired])).toEqual([['derby-day', true]]);
  });

  it('lets go of a deleted story and a deleted pin’s row', async () => {
    await save({ lead: 'ferry-fares', pins: [{ article: 'derby-day', expiresAt: null }] });
    await t.database.db.deleteFrom('articles').where('id', '=', ids.derby!).execute();
    const curation = await t.services.frontPage.get();
    expect(curation.lead?.slug).toBe('ferry-fares');
    expect(curation.pins).toEqual([]);
  });

  describe('the page cache', () => {
    const PAGES = ['/', '/page/2/', '/ferry-fares/', '/derby-day/', '/section/sport/', '/section/news/'];
    async function warm() {
      for (const url of PAGES) expect((await get(url)).statusCode, url).toBe(200);
      for (const url of PAGES) expect((await get(url)).headers['x-dateline-cache'], url).toBe('hit');
    }
    async function dropped() {
      const misses: string[] = [];
      for (const url of PAGES) if ((await get(url)).headers['x-dateline-cache'] !== 'hit') misses.push(url);
      return misses;
    }

    it('drops exactly the first page when the curation is saved, uncurated or curated', async () => {
      await warm();
      await save({ lead: 'derby-day' });
      expect(await dropped()).toEqual(['/']);
      expect(slugsIn((await get('/')).body, '.front-lead')).toEqual(['derby-day']);
      await save({ lead: 'ferry-fares', rows: [{ section: 'sport', count: 2 }] });
      expect(await dropped()).toEqual(['/']);
      expect(slugsIn((await get('/')).body, '.front-lead')).toEqual(['ferry-fares']);
    });

    it('drops the first page when a pin expires, with no request, through the due-work job', async () => {
      await save({ pins: [{ article: 'regatta-results', expiresAt: '2026-11-26T12:30:00.000Z' }] });
      await warm();
      expect(slugsIn((await get('/')).body, '.front-pinned')).toEqual(['regatta-results']);
      const checkedUpTo = await t.services.frontPage.announceExpired('2026-11-26T11:59:00.000Z');
      expect(await dropped()).toEqual([]);
      t.clock.set('2026-11-26T12:31:00.000Z');
      const stats = t.app.pageCache.stats();
      await t.services.frontPage.announceExpired(checkedUpTo);
      // The entry is gone before anyone asks for the page again.
      expect(t.app.pageCache.stats().entries).toBeLessThan(stats.entries);
      expect(await dropped()).toEqual(['/']);
      expect(load((await get('/')).body)('.front-pinned').length).toBe(0);
    });

    it('drops the first page when a story is published in a row’s section, and when the lead is edited', async () => {
      await save({ lead: 'ferry-fares', rows: [{ section: 'politics', count: 2 }] });
      const tags = String((await get('/')).headers['surrogate-key']).split(' ');
      const politics = (await t.services.sections.findBySlug('politics'))!.id;
      expect(tags).toEqual(
        expect.arrayContaining([
          'front-page',
          'list:front',
          `list:section:${politics}`,
          `article:${ids.ferry}`,
        ]),
      );
      await warm();
      await buildArticle(t.services, {
        slug: 'ward-boundaries',
        authors: ['xena'],
        section: 'politics',
        published_at: '2026-11-20T08:00:00.000Z',
      });
      expect(await dropped()).toContain('/');
      expect(slugsIn((await get('/')).body, '[aria-labelledby=front-row-politics]')).toEqual([
        'council-vote',
        'ward-boundaries',
      ]);
      await warm();
      const ferry = await buildArticle(t.services, {
        slug: 'ferry-fares',
        title: 'Ferry fares frozen for winter',
        authors: ['xena'],
        section: 'news',
        published_at: new Date(Date.parse('2026-11-26T12:00:00.000Z') - 20 * 60_000).toISOString(),
      });
      expect(ferry.id).toBe(ids.ferry);
      expect(await dropped()).toContain('/');
      expect((await get('/')).body).toContain('Ferry fares frozen for winter');
    });
  });

  describe('the newsroom screen', () => {
    it('is the editors’ and admins’, not a contributor’s or an author’s', async () => {
      for (const role of ['contributor', 'author'] as const) {
        const staff = await signedIn(t, role);
        expect((await staff.get('/admin/front-page')).statusCode, role).toBe(403);
        expect((await staff.post('/admin/front-page', { lead: 'derby-day' })).statusCode, role).toBe(403);
        expect((await staff.get('/admin/articles')).body).not.toContain('href="/admin/front-page"');
      }
      expect((await t.services.frontPage.get()).updatedAt).toBeNull();
      const editor = await signedIn(t, 'editor');
      const screen = await editor.get('/admin/front-page');
      expect(screen.statusCode).toBe(200);
      expect(screen.body).toContain('href="/admin/front-page" aria-current="page"');
      // Without the form's token, nothing is saved.
      const forged = await editor.post('/admin/front-page', { _csrf: 'nope', lead: 'derby-day' });
      expect(forged.statusCode).toBe(403);
      expect((await t.services.frontPage.get()).updatedAt).toBeNull();
    });

    it('saves the form, in the publication’s time zone, and shows the change at once', async () => {
      await t.services.settings.update({ 'site.timezone': 'Europe/London' });
      const editor = await signedIn(t, 'editor');
      await get('/');
      const saved = await editor.post('/admin/front-page', {
        lead: 'council-vote',
        'pin-1-article': '',
        'pin-1-expires': '',
        'pin-2-article': String(ids.derby),
        'pin-2-expires': '2026-11-27T09:30',
        'row-1-section': 'sport',
        'row-1-count': '3',
        'row-2-section': '',
        'row-2-count': '4',
      });
      expect(saved.statusCode, saved.body.slice(0, 400)).toBe(303);
      expect(saved.headers.location).toBe('/admin/front-page?done=saved');
      const curation = await t.services.frontPage.get();
      expect(curation.lead?.slug).toBe('council-vote');
      expect(curation.pins.map((p) => [p.slug, p.expiresAt])).toEqual([
        ['derby-day', '2026-11-27T09:30:00.000Z'],
      ]);
      expect(curation.rows.map((r) => [r.section.slug, r.count])).toEqual([['sport', 3]]);
      const front = await get('/');
      expect(front.headers['x-dateline-cache']).toBe('miss');
      expect(slugsIn(front.body, '.front-lead')).toEqual(['council-vote']);
      const $ = load((await editor.get('/admin/front-page?done=saved')).body);
      expect($('[role=status]').text()).toContain('Front page saved');
      expect($('#field-lead').val()).toBe('council-vote');
      expect($('#field-pin-1-article').val()).toBe('derby-day');
      expect($('#field-pin-1-expires').val()).toBe('2026-11-27T09:30');
      expect($('#field-row-1-section option[selected]').val()).toBe('sport');
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'user_id'])
        .where('action', '=', 'frontpage.update')
        .execute();
      expect(audit).toEqual([{ action: 'frontpage.update', user_id: editor.id }]);
    });

    it('refuses seven pins and a bad time, keeping every typed value', async () => {
      const editor = await signedIn(t, 'editor');
      const form: Record<string, string> = { lead: 'no-such-lead <b>' };
      const seven = [
        'council-vote',
        'ferry-fares',
        'derby-day',
        'regatta-results',
        'market-moves',
        'library-hours',
        'tide-tables',
      ];
      seven.forEach((slug, i) => {
        form[`pin-${i + 1}-article`] = slug;
        form[`pin-${i + 1}-expires`] = '';
      });
      form['row-1-section'] = 'sport';
      form['row-1-count'] = 'lots';
      const refused = await editor.post('/admin/front-page', form);
      expect(refused.statusCode).toBe(400);
      let $ = load(refused.body);
      expect($('#error-pins').text()).toMatch(/at most 6 pinned stories/);
      expect($('#error-lead').text()).toContain('no-such-lead <b>');
      expect($('#field-lead').val()).toBe('no-such-lead <b>');
      expect($('#field-pin-7-article').val()).toBe('tide-tables');
      expect($('#field-row-1-count').val()).toBe('lots');
      expect($('#error-row-1-count').text()).toMatch(/whole number from 1 to 12/);
      expect((await t.services.frontPage.get()).updatedAt).toBeNull();

      const badTime = await editor.post('/admin/front-page', {
        lead: 'ferry-fares',
        'pin-1-article': 'derby-day',
        'pin-1-expires': '2026-02-30T10:00',
      });
      expect(badTime.statusCode).toBe(400);
      $ = load(badTime.body);
      expect($('#error-pin-1-expires').text()).toMatch(/date and time/);
      expect($('#field-pin-1-expires').attr('value')).toBe('2026-02-30T10:00');
      expect($('#field-lead').val()).toBe('ferry-fares');
      expect((await t.services.frontPage.get()).updatedAt).toBeNull();
    });
  });
});
