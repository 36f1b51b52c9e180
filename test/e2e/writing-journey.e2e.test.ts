// The writing desk's whole journey (issue #17), in Chromium on every database. A contributor who has
// never seen Markdown writes a story with the toolbar and the keyboard alone: a heading, bold text, a
// link and a quote; an image uploaded through the Image button, with its alt text, caption and credit;
// a co-author chosen by name, two tags from suggestions and a section from the list; then "Submit for
// review". An editor finds it under "Ready for review" and publishes it, and the public page shows
// every element.
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Services } from '../../src/app.tsx';
import { DIALECTS, type TestDatabase } from '../databases.ts';
import { describeBrowser, startBrowserNewsroom, type BrowserNewsroom } from './browser.ts';

const WAIT = 30_000;
const cass = { name: 'Cass Contributor', email: 'cass@example.com', password: 'cass writes drafts' };
const eli = { name: 'Eli Editor', email: 'eli@example.com', password: 'eli edits everything' };
const TITLE = 'The breakwater lights go back on';

for (const dialect of DIALECTS) {
  describeBrowser(`a story written, illustrated, credited and published on ${dialect} (Chromium)`, () => {
    let database: TestDatabase;
    let services: Services;
    let base: string;
    let browser: Browser;
    let newsroom: BrowserNewsroom | undefined;
    const problems: string[] = [];

    beforeAll(async () => {
      newsroom = await startBrowserNewsroom(dialect, [
        { ...cass, role: 'contributor' },
        { ...eli, role: 'editor' },
      ]);
      ({ database, services, base, browser } = newsroom);
      await services.authors.saveAuthor({ name: 'Noor Haddad', slug: 'noor-haddad', bio: '' });
      await services.authors.saveAuthor({ name: 'Nam Tran', slug: 'nam-tran', bio: '' });
      for (const name of ['Harbour', 'Harvest', 'Night ferries'])
        await services.tags.create({ name, actor: null });
      await services.sections.save({ name: 'Local', slug: 'local' });
      // PGlite's first start and Chromium's launch take long on a busy machine.
    }, 180_000);

    afterAll(async () => newsroom?.close());

    async function signIn(person: typeof cass): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext();
      context.setDefaultTimeout(WAIT);
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(person.email);
      await page.getByLabel('Password', { exact: true }).fill(person.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
      return { context, page };
    }

    const chipNames = (page: Page, kind: 'authors' | 'tags') =>
      page.locator(`ul[aria-label="Chosen ${kind}"] .people-chip-name`).allTextContents();

    /** Picks the first suggestion for `typed` in the combobox `name`. */
    async function choose(page: Page, name: 'Authors' | 'Tags', typed: string): Promise<void> {
      await page.getByRole('combobox', { name, exact: true }).focus();
      await page.keyboard.type(typed);
      await page.getByRole('listbox', { name: `${name} suggestions` }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
    }

    it('a contributor writes and illustrates a story with the toolbar and keyboard, and submits it', async () => {
      const { context, page } = await signIn(cass);
      await page.goto(`${base}/admin/articles/new`);
      await page.getByLabel('Title', { exact: true }).fill(TITLE);
      await page
        .getByLabel('Standfirst', { exact: true })
        .fill('After two dark winters the harbour board has mended the lamps.');

      const story = page.getByRole('textbox', { name: 'Body', exact: true });
      await story.click();
      await page.keyboard.type('Lamps for the winter');
      await page.getByRole('button', { name: 'Heading', exact: true }).click();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('The two lamps at the end of the breakwater are ');
      await page.keyboard.press('ControlOrMeta+B');
      await page.keyboard.type('lit again');
      await page.keyboard.press('ControlOrMeta+B');
      await page.keyboard.type(', the harbour board said in its notice');
      for (let i = 0; i < 'notice'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
      await page.getByRole('button', { name: 'Link', exact: true }).click();
      await page
        .getByRole('dialog')
        .getByLabel('Address', { exact: true })
        .fill('https://harbour.example/notice');
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await page.keyboard.press('End');
      await page.keyboard.type('.');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Quote', exact: true }).click();
      await page.keyboard.type('Boats can see the mouth of the harbour from a mile out.');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');

      // The picture: the Image button opens the media library; the upload asks for alt text, the
      // Image form for its caption and credit.
      await page.getByRole('button', { name: 'Image', exact: true }).click();
      const library = page.getByRole('dialog', { name: 'Choose an image' });
      await library.waitFor();
      const png = await sharp({
        create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 160, b: 40 } },
      })
        .png()
        .toBuffer();
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        library.getByRole('button', { name: 'Upload image', exact: true }).click(),
      ]);
      await chooser.setFiles({ name: 'breakwater-lamps.png', mimeType: 'image/png', buffer: png });
      const describe = page.getByRole('dialog', { name: 'Describe the image' });
      await describe
        .getByRole('textbox', { name: 'Alt text', exact: true })
        .fill('Two lamps lit on a stone breakwater at dusk');
      await describe.getByRole('button', { name: 'Use this image', exact: true }).click();
      const form = page.getByRole('dialog', { name: 'Image' });
      await form.waitFor();
      expect(await form.getByLabel('Alt text', { exact: true }).inputValue()).toBe(
        'Two lamps lit on a stone breakwater at dusk',
      );
      await form.getByLabel('Caption', { exact: true }).fill('The lamps on their first night back.');
      await form.getByLabel('Credit', { exact: true }).fill('Cass Contributor');
      await page.keyboard.press('Enter');
      await form.waitFor({ state: 'hidden' });
      await story.locator('figure img').waitFor();

      // A co-author by name, two tags from the suggestions, the section from its list.
      await choose(page, 'Authors', 'noor');
      expect(await chipNames(page, 'authors')).toEqual(['Cass Contributor', 'Noor Haddad']);
      await choose(page, 'Tags', 'harb');
      await choose(page, 'Tags', 'night');
      expect(await chipNames(page, 'tags')).toEqual(['Harbour', 'Night ferries']);
      await page.getByLabel('Section', { exact: true }).selectOption({ label: 'Local' });

      // A contributor cannot publish: they submit.
      expect(await page.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
      await page.getByRole('button', { name: 'Submit for review', exact: true }).click();
      await page.waitForURL(/\/admin\/articles\/\d+\/edit\?saved=/);
      await page.getByRole('status').filter({ hasText: 'Ready for review' }).first().waitFor();
      // Nothing of it is public yet.
      expect((await fetch(`${base}/the-breakwater-lights-go-back-on/`)).status).toBe(404);
      await context.close();
    });

    it('an editor finds it ready for review and publishes it; the page shows every element', async () => {
      const { context, page } = await signIn(eli);
      await page.goto(`${base}/admin/articles`);
      await page.getByRole('link', { name: 'Ready for review', exact: true }).click();
      await page.getByRole('link', { name: TITLE, exact: true }).click();
      await page.getByRole('textbox', { name: 'Body', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.waitForURL(/\?saved=published$/);
      await context.close();

      const row = await database.db
        .selectFrom('articles')
        .select(['body_markdown', 'status'])
        .where('slug', '=', 'the-breakwater-lights-go-back-on')
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('published');
      // One body format: the editor wrote HTML, and no Markdown was typed.
      expect(row.body_markdown).toMatch(/^<h2>Lamps for the winter<\/h2><p>The two lamps/);

      const reader = await (await browser.newContext()).newPage();
      await reader.goto(`${base}/the-breakwater-lights-go-back-on/`);
      const body = reader.locator('.article-body');
      expect(await body.locator('h2').textContent()).toBe('Lamps for the winter');
      expect(await body.locator('strong').textContent()).toBe('lit again');
      expect(await body.locator('a[href="https://harbour.example/notice"]').textContent()).toBe('notice');
      expect(await body.locator('blockquote').textContent()).toBe(
        'Boats can see the mouth of the harbour from a mile out.',
      );
      const figure = body.locator('figure.figure');
      const img = figure.locator('img');
      expect(await img.getAttribute('alt')).toBe('Two lamps lit on a stone breakwater at dusk');
      expect(await img.getAttribute('src')).toMatch(/^\/uploads\/.+\/original\.png$/);
      expect(await img.getAttribute('srcset')).toMatch(/w480\.webp 480w/);
      expect(await figure.locator('figcaption').innerText()).toContain(
        'The lamps on their first night back.',
      );
      expect(await figure.locator('figcaption cite').textContent()).toBe('Cass Contributor');
      await img.scrollIntoViewIfNeeded();
      await expect
        .poll(() => img.evaluate((node) => (node as HTMLImageElement).naturalWidth), { timeout: WAIT })
        .toBeGreaterThan(0);
      expect(await reader.locator('.byline a[rel=author]').allTextContents()).toEqual([
        'Cass Contributor',
        'Noor Haddad',
      ]);
      expect(await reader.locator('ul.tags a[rel=tag]').allTextContents()).toEqual([
        'Harbour',
        'Night ferries',
      ]);
      expect(await reader.locator('.kicker a').last().textContent()).toBe('Local');
      await reader.context().close();
      expect(problems).toEqual([]);
    });
  });
}
