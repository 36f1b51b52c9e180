import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle, buildAuthor } from '../../../test/factories.ts';
import { signedIn } from '../../../test/staff.ts';
import { AppError } from '../../platform/errors.ts';

describe.each(DIALECTS)('menus on %s', (dialect) => {
  let t: TestApp;
  let ids: Record<string, number>;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    await buildAuthor(t.services, { name: 'Ada Quill', slug: 'ada-quill' });
    const save = async (name: string, slug: string, parent?: string) =>
      (await t.services.sections.save({ name, slug, ...(parent && { parent }) })).section.id;
    ids = {
      news: await save('News', 'news'),
      politics: await save('Politics', 'politics', 'news'),
      sport: await save('Sport', 'sport'),
    };
    await buildArticle(t.services, { slug: 'ferry-timetable', section: 'news', tags: ['Ferries'] });
    await buildArticle(t.services, { slug: 'secret-plan', status: 'draft', tags: ['Hidden Plans'] });
    ids.ferries = (await t.services.tags.findBySlug('ferries'))!.id;
    ids.hidden = (await t.services.tags.findBySlug('hidden-plans'))!.id;
  });

  const menus = () => t.services.menus;
  const fieldsOf = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED') return error.fields;
      throw error;
    }
    throw new Error('expected a refusal');
  };
  const add = (args: {
    menu?: 'header' | 'footer';
    kind: string;
    label?: string;
    target: string;
    parent?: string;
  }) => menus().add({ menu: args.menu ?? 'header', label: args.label ?? '', actor: null, ...args });
  const headerOf = (html: string) => {
    const $ = load(html);
    return $('header nav.site-nav > ul > li')
      .map((_i, li) => ({
        label: $(li).children('a').text(),
        href: $(li).children('a').attr('href'),
        children: $(li)
          .find('ul a')
          .map((_j, a) => `${$(a).text()} ${$(a).attr('href')}`)
          .get(),
      }))
      .get();
  };

  it('defaults the header to the top-level sections with their children, and the footer to feeds and search', async () => {
    const { header, footer } = await menus().resolved();
    expect(header).toEqual([
      {
        label: 'News',
        href: '/section/news/',
        children: [{ label: 'Politics', href: '/section/politics/' }],
      },
      { label: 'Sport', href: '/section/sport/' },
    ]);
    expect(footer.map((l) => l.href)).toEqual(['/feed/', '/feed/atom/', '/feed.json', '/search']);
    // A new section shows at once, in the sections' order.
    await t.services.sections.save({ name: 'Arts', slug: 'arts' });
    expect((await menus().resolved()).header.map((l) => l.label)).toEqual(['Arts', 'News', 'Sport']);
  });

  it('links each kind of entry, with current names, and leaves out a tag readers cannot see', async () => {
    await menus().reset({ menu: 'header', actor: null });
    await add({ kind: 'section', target: String(ids.sport) });
    await add({ kind: 'tag', target: String(ids.ferries) });
    await add({ kind: 'tag', label: 'Plans', target: String(ids.hidden) });
    await add({ kind: 'page', label: 'About us', target: '/about/' });
    await add({ kind: 'url', label: 'Tide tables', target: 'https://tides.example/harbourton' });
    const { header } = await menus().resolved();
    // The default entries came first: the first change made the default the newsroom's own.
    expect(header.map((l) => [l.label, l.href])).toEqual([
      ['News', '/section/news/'],
      ['Sport', '/section/sport/'],
      ['Sport', '/section/sport/'],
      ['Ferries', '/tag/ferries/'],
      ['About us', '/about/'],
      ['Tide tables', 'https://tides.example/harbourton'],
    ]);
    expect(JSON.stringify(header)).not.toMatch(/hidden|Plans/);
    // A renamed section shows its new name.
    await t.services.sections.save({ name: 'Sports desk', slug: 'sport' });
    expect((await menus().resolved()).header[1]).toEqual({ label: 'Sports desk', href: '/section/sport/' });
    // The tag becomes public once an article carrying it is published.
    await buildArticle(t.services, { slug: 'plans-revealed', tags: ['Hidden Plans'] });
    expect((await menus().resolved()).header.map((l) => l.label)).toContain('Plans');
  });

  it('refuses bad entries with a reason for the field, and stores nothing', async () => {
    expect(
      (await fieldsOf(() => add({ kind: 'url', label: 'Evil', target: 'javascript:alert(1)' })))?.target,
    ).toMatch(/http:\/\/ or https:\/\/ address.*javascript: and other kinds of link are refused/);
    for (const target of [
      'data:text/html,hi',
      '//evil.example/',
      'ftp://files.example/',
      'harbour news',
      '/a b',
    ])
      expect((await fieldsOf(() => add({ kind: 'url', label: 'X', target })))?.target, target).toBeDefined();
    expect(
      (await fieldsOf(() => add({ kind: 'page', label: 'X', target: 'https://elsewhere.example/' })))?.target,
    ).toMatch(/path on this site/);
    expect((await fieldsOf(() => add({ kind: 'page', target: '/about/' })))?.label).toMatch(/is needed/);
    expect((await fieldsOf(() => add({ kind: 'section', target: '99999' })))?.target).toMatch(
      /one of the sections/,
    );
    expect((await fieldsOf(() => add({ kind: 'tag', target: 'ferries' })))?.target).toMatch(
      /one of the tags/,
    );
    expect((await fieldsOf(() => add({ kind: 'gallery', target: '/x/' })))?.kind).toBeDefined();
    expect((await fieldsOf(() => add({ kind: 'url', label: 'x'.repeat(81), target: '/x/' })))?.label).toMatch(
      /80/,
    );
    expect(await menus().stored()).toEqual({});
  });

  it('nests one level in the header and none in the footer', async () => {
    const [news] = (await menus().overview('header')).entries;
    const child = await add({
      kind: 'page',
      label: 'Council',
      target: '/council/',
      parent: String(news!.entry.id),
    });
    // Under a link that is itself under another: refused.
    expect(
      (
        await fieldsOf(() =>
          add({ kind: 'page', label: 'Deeper', target: '/deeper/', parent: String(child.id) }),
        )
      )?.parent,
    ).toMatch(/one level/);
    expect(
      (await fieldsOf(() => add({ menu: 'footer', kind: 'page', label: 'X', target: '/x/', parent: '1' })))
        ?.parent,
    ).toMatch(/footer links do not nest/);
    // Sport goes under News with `in`; News, which has links under it, cannot go under anything.
    const sport = (await menus().overview('header')).entries[1]!.entry;
    await menus().move({ menu: 'header', id: sport.id, move: 'in', actor: null });
    expect((await menus().resolved()).header).toEqual([
      {
        label: 'News',
        href: '/section/news/',
        children: [
          { label: 'Politics', href: '/section/politics/' },
          { label: 'Council', href: '/council/' },
          { label: 'Sport', href: '/section/sport/' },
        ],
      },
    ]);
    await menus().move({ menu: 'header', id: sport.id, move: 'out', actor: null });
    await menus().move({ menu: 'header', id: sport.id, move: 'up', actor: null });
    expect((await menus().resolved()).header.map((l) => l.label)).toEqual(['Sport', 'News']);
    expect(
      (await fieldsOf(() => menus().move({ menu: 'header', id: news!.entry.id, move: 'in', actor: null })))
        ?.move,
    ).toMatch(/one level/);
    expect(
      (await fieldsOf(() => menus().move({ menu: 'footer', id: 2, move: 'in', actor: null })))?.move,
    ).toMatch(/do not nest/);
    // Whole menus are checked the same way.
    expect(
      await fieldsOf(() =>
        menus().replace({
          menu: 'footer',
          entries: [
            {
              kind: 'url',
              label: 'A',
              target: '/a/',
              children: [{ kind: 'url', label: 'B', target: '/b/' }],
            },
          ],
          actor: null,
        }),
      ),
    ).toEqual({ 'entry 1.children': 'footer links do not nest' });
    // Deleting a parent keeps its links, at the top level.
    await menus().remove({ menu: 'header', id: news!.entry.id, actor: null });
    expect((await menus().resolved()).header.map((l) => l.label)).toEqual(['Sport', 'Politics', 'Council']);
  });

  it('draws the header on every reader page, with a disclosure for nested links', async () => {
    for (const url of [
      '/',
      '/ferry-timetable/',
      '/tag/ferries/',
      '/section/news/',
      '/search?q=ferry',
      '/no-such-page/',
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(headerOf(response.body), url).toEqual([
        { label: 'News', href: '/section/news/', children: ['Politics /section/politics/'] },
        { label: 'Sport', href: '/section/sport/', children: [] },
      ]);
    }
    const html = (await t.app.inject({ method: 'GET', url: '/section/news/' })).body;
    const $ = load(html);
    const button = $('nav.site-nav button.sub-toggle');
    expect(button.length).toBe(1);
    expect(button.attr('aria-expanded')).toBe('false');
    expect(
      $(`#${button.attr('aria-controls')}`)
        .find('a')
        .attr('href'),
    ).toBe('/section/politics/');
    expect(button.text()).toBe('More in News');
    expect($('nav.site-nav a[aria-current="page"]').attr('href')).toBe('/section/news/');
    expect($('script[src^="/assets/nav."]').length).toBe(1);
    expect(
      $('footer nav[aria-label="Footer"] a')
        .map((_i, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['/feed/', '/feed/atom/', '/feed.json', '/search']);
    // A flat header needs no script.
    await menus().replace({
      menu: 'header',
      entries: [{ kind: 'page', label: 'About', target: '/about/' }],
      actor: null,
    });
    const flat = load((await t.app.inject({ method: 'GET', url: '/' })).body);
    expect(flat('script[src^="/assets/nav."]').length).toBe(0);
    expect(flat('nav.site-nav a').text()).toBe('About');
  });

  it('lets editors edit on the Menus screen, keeps typed text when refused, and refuses contributors', async () => {
    const contributor = await signedIn(t, 'contributor');
    expect((await contributor.get('/admin/menus')).statusCode).toBe(403);
    expect(
      (
        await contributor.post('/admin/menus/add', {
          menu: 'header',
          kind: 'page',
          label: 'X',
          address: '/x/',
        })
      ).statusCode,
    ).toBe(403);
    const editor = await signedIn(t, 'editor');
    const screen = await editor.get('/admin/menus');
    expect(screen.statusCode).toBe(200);
    expect(load(screen.body)('h2').text()).toContain('Header menu');

    const refused = await editor.post('/admin/menus/add', {
      menu: 'header',
      kind: 'url',
      label: 'Bad link ✓',
      address: 'javascript:alert(1)',
      parent: '',
    });
    expect(refused.statusCode).toBe(400);
    const $ = load(refused.body);
    expect($('#field-label').val()).toBe('Bad link ✓');
    expect($('#field-target').val()).toBe('javascript:alert(1)');
    expect($('#field-kind option[selected]').val()).toBe('url');
    expect($('#error-target').text()).toMatch(/javascript: and other kinds of link are refused/);
    expect(await menus().stored()).toEqual({});

    // Without the CSRF token, nothing changes.
    expect(
      (
        await editor.post('/admin/menus/add', {
          _csrf: 'wrong',
          menu: 'header',
          kind: 'page',
          label: 'A',
          address: '/a/',
        })
      ).statusCode,
    ).toBe(403);

    const added = await editor.post('/admin/menus/add', {
      menu: 'footer',
      kind: 'page',
      label: 'Contact the Gazette',
      address: '/contact/',
      parent: '',
    });
    expect(added.statusCode).toBe(303);
    expect((await menus().resolved()).footer.at(-1)).toEqual({
      label: 'Contact the Gazette',
      href: '/contact/',
    });
    const footer = (await menus().overview('footer')).entries;
    const last = footer.at(-1)!.entry.id;
    expect((await editor.post('/admin/menus/footer/move', { id: String(last), move: 'up' })).statusCode).toBe(
      303,
    );
    expect((await menus().resolved()).footer.at(-2)?.label).toBe('Contact the Gazette');
    // The first link cannot go further up: the page says so.
    const first = footer[0]!.entry.id;
    const stuck = await editor.post('/admin/menus/footer/move', { id: String(first), move: 'up' });
    expect(stuck.statusCode).toBe(400);
    expect(load(stuck.body)('.form-errors').text()).toMatch(/already the first/);
    expect((await editor.post('/admin/menus/footer/delete', { id: '9999' })).statusCode).toBe(404);
    expect((await editor.post('/admin/menus/footer/delete', { id: String(last) })).statusCode).toBe(303);
    expect((await editor.post('/admin/menus/nowhere/reset', {})).statusCode).toBe(404);
    expect((await editor.post('/admin/menus/footer/reset', {})).statusCode).toBe(303);
    expect(await menus().stored()).toEqual({});
    const audit = await t.database.db
      .selectFrom('audit_log')
      .where('action', '=', 'menu.change')
      .select('subject')
      .execute();
    expect(audit.map((a) => a.subject)).toEqual(['menu:footer', 'menu:footer', 'menu:footer', 'menu:footer']);
  });
});
