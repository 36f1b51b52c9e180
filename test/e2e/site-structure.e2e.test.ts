// The shape of the site, built in a real browser on SQLite and on PostgreSQL: an editor adds a section,
// a standing page and a header link to it, and pins a story to the front page; each shows on the
// public site at once, through the page cache, with no restart and no wait.
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp, createServices, type Services } from '../../src/app.tsx';
import { TEST_PASSWORD_COST } from '../build-test-app.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../databases.ts';
import { buildArticle } from '../factories.ts';
import { describeBrowser, launchChromium } from './browser.ts';

const WAIT = 30_000;
const editor = { name: 'Eda Editor', email: 'eda@example.com', password: 'eda shapes the site' };

async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: WAIT });
  expect(await locator.isVisible()).toBe(true);
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Newsroom' });

for (const dialect of DIALECTS) {
  describeBrowser(`an editor shapes the site on ${dialect} (Chromium)`, () => {
    let database: TestDatabase;
    let services: Services;
    let app: FastifyInstance;
    let base: string;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const stories: { slug: string; title: string }[] = [];

    beforeAll(async () => {
      database = await openTestDatabase(dialect);
      services = await createServices({ database, passwordCost: TEST_PASSWORD_COST });
      await services.accounts.addUser({ ...editor, role: 'editor' });
      await services.sections.save({ name: 'News', slug: 'news' });
      for (const title of [
        'Tide gauge fixed at last',
        'Quay lights switched to LED',
        'Ferry fares hold for winter',
      ])
        stories.push(await buildArticle(services, { title, slug: title.toLowerCase().replaceAll(' ', '-') }));
      app = await createApp({
        config: { isProduction: true, logLevel: 'silent', publicUrl: 'http://127.0.0.1' },
        database,
        services,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      browser = await launchChromium();
      context = await browser.newContext();
      page = await context.newPage();
      await page.goto(`${base}/admin/`);
      await page.getByLabel('Email', { exact: true }).fill(editor.email);
      await page.getByLabel('Password', { exact: true }).fill(editor.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expectVisible(page.getByRole('button', { name: 'Sign out', exact: true }));
      // Every public page the journey checks is first read once, so that it sits in the page cache:
      // what shows afterwards shows because the change purged it.
      for (const path of ['/', `/${stories[0]!.slug}/`, '/section/news/']) {
        const first = await fetch(`${base}${path}`);
        expect(first.status).toBe(200);
        const again = await fetch(`${base}${path}`);
        expect(again.headers.get('x-dateline-cache'), path).toBe('hit');
      }
    });

    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await app?.close();
      await database?.close();
    });

    const header = async (path: string) => {
      await page.goto(`${base}${path}`);
      return page.getByRole('navigation', { name: 'Sections' });
    };

    it('adds a section, which the header and its own page show at once', async () => {
      await nav(page).getByRole('link', { name: 'Sections', exact: true }).click();
      await page.getByLabel('Name', { exact: true }).fill('Harbour');
      await page.getByLabel('Slug (its address: /section/slug/)', { exact: true }).fill('harbour');
      await page.getByLabel('Under', { exact: true }).selectOption('news');
      await page.getByLabel(/^Description/).fill('Boats, berths and the people who work the quay.');
      await page.getByRole('button', { name: 'Save section', exact: true }).click();
      await expectVisible(page.getByText('Section saved.'));
      // The default header lists the top-level sections with their children under them: Harbour
      // is under News, behind its disclosure button.
      const sections = await header('/');
      await sections.getByRole('button', { name: 'More in News' }).click();
      const links = sections.getByRole('link', { name: 'Harbour', exact: true });
      await expectVisible(links);
      expect(await links.getAttribute('href')).toBe('/section/harbour/');
      await page.goto(`${base}/section/harbour/`);
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Harbour' }));
      await expectVisible(page.getByText('Boats, berths and the people who work the quay.'));
    });

    it('writes a standing page, which readers reach at its address', async () => {
      await page.goto(`${base}/admin/`);
      await nav(page).getByRole('link', { name: 'Pages', exact: true }).click();
      await page.getByRole('link', { name: 'New page', exact: true }).click();
      await page.getByLabel('Title', { exact: true }).fill('Visiting the newsroom');
      await page.getByLabel(/^Slug/).fill('visit');
      // Written in the story editor, with its shortcut for bold.
      await page.getByRole('textbox', { name: 'Body', exact: true }).click();
      await page.keyboard.type('Our door on Quay Street is open on ');
      await page.keyboard.press('ControlOrMeta+B');
      await page.keyboard.type('Thursdays');
      await page.keyboard.press('ControlOrMeta+B');
      await page.keyboard.type('.');
      await page.getByLabel('Status', { exact: true }).selectOption('published');
      await page.getByRole('button', { name: 'Save page', exact: true }).click();
      await page.waitForURL(/\/admin\/pages/, { timeout: WAIT });
      await page.goto(`${base}/visit/`);
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Visiting the newsroom' }));
      expect(await page.locator('main strong').textContent()).toBe('Thursdays');
    });

    it('adds a header link to the page, which every cached page shows at once', async () => {
      await page.goto(`${base}/admin/`);
      await nav(page).getByRole('link', { name: 'Menus', exact: true }).click();
      await page.getByLabel('Menu', { exact: true }).selectOption('header');
      await page.getByLabel('Links to', { exact: true }).selectOption('page');
      await page.getByLabel('Label', { exact: true }).fill('Visit us');
      await page.getByLabel(/^Address/).fill('/visit/');
      await page.getByRole('button', { name: 'Add link', exact: true }).click();
      for (const path of ['/', `/${stories[0]!.slug}/`, '/section/news/']) {
        const link = (await header(path)).getByRole('link', { name: 'Visit us', exact: true });
        expect(await link.getAttribute('href'), path).toBe('/visit/');
      }
    });

    it('pins a story, which the front page’s top stories show at once', async () => {
      const pinned = stories[2]!;
      await page.goto(`${base}/admin/`);
      await nav(page).getByRole('link', { name: 'Front page', exact: true }).click();
      await page.getByLabel('Pin 1: article', { exact: true }).fill(pinned.slug);
      await page.getByRole('button', { name: 'Save front page', exact: true }).click();
      await expectVisible(page.getByRole('status'));
      await page.goto(`${base}/`);
      const pins = page.getByRole('region', { name: 'Top stories' });
      await expectVisible(pins.getByRole('link', { name: pinned.title, exact: true }));
    });
  });
}
