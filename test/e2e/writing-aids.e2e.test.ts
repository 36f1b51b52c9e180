// The editor's writing aids and the preview screen in a real browser: the word count follows the
// typing, a headline over 70 characters is warned about and the warning goes when it is shortened,
// the search preview follows the headline, and the preview frame really is a phone's or a desktop's
// width (the framed page's own window says so).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIALECTS } from '../databases.ts';
import { describeBrowser, startBrowserNewsroom, type BrowserNewsroom } from './browser.ts';

const WAIT = 30_000;
const person = { name: 'Wren Writer', email: 'wren@example.com', password: 'wren writes every day' };
const LONG_HEADLINE = 'Harbour authority confirms the ferry timetable will change from next Monday morning';

for (const dialect of DIALECTS) {
  describeBrowser(`the writing aids and the preview on ${dialect} (Chromium)`, () => {
    let base: string;
    let browser: Browser;

    let newsroom: BrowserNewsroom | undefined;

    beforeAll(async () => {
      newsroom = await startBrowserNewsroom(dialect, [{ ...person, role: 'author' }]);
      ({ base, browser } = newsroom);
      // PGlite's first start and Chromium's launch take long on a busy machine.
    }, 120_000);

    afterAll(async () => newsroom?.close());

    async function signedInPage(): Promise<Page> {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(person.email);
      await page.getByLabel('Password', { exact: true }).fill(person.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout: WAIT });
      return page;
    }

    it('counts words while typing, warns on a long headline, and previews at phone and desktop widths', async () => {
      const page = await signedInPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${base}/admin/articles/new`);
      const count = page.locator('[data-word-count]');
      const reading = page.locator('[data-reading-time]');
      expect(await count.textContent()).toBe('0 words');

      // Typed key by key, as a person types: the count follows.
      const body = page.getByRole('textbox', { name: 'Body', exact: true });
      await body.pressSequentially('The ferry runs ');
      await expect.poll(() => count.textContent(), { timeout: WAIT }).toBe('3 words');
      await body.pressSequentially('every twenty minutes.');
      await expect.poll(() => count.textContent(), { timeout: WAIT }).toBe('6 words');
      expect(await reading.textContent()).toBe('About 1 min read');
      // A long story put in at once (as a paste does): the count follows the editor's text.
      await body.fill('word '.repeat(1200).trim());
      await expect.poll(() => count.textContent(), { timeout: WAIT }).toBe('1,200 words');
      expect(await reading.textContent()).toBe('About 5 min read');

      // The headline: warned over 70 characters, and the warning goes when it is shortened.
      const title = page.getByLabel('Title', { exact: true });
      const warning = page.locator('#headline-warning');
      await title.fill(LONG_HEADLINE);
      await expect
        .poll(() => warning.textContent(), { timeout: WAIT })
        .toContain(`${LONG_HEADLINE.length} characters`);
      expect(await title.getAttribute('aria-describedby')).toContain('headline-warning');
      await page.getByText('Search and share preview').click();
      const searchTitle = page.locator('[data-search-title]');
      expect(await searchTitle.textContent()).toMatch(/…$/);
      await title.fill('Ferry timetable changes');
      await expect.poll(() => warning.textContent(), { timeout: WAIT }).toBe('');
      expect(await searchTitle.textContent()).toBe('Ferry timetable changes – Dateline');
      expect(await page.locator('[data-share-title]').textContent()).toBe('Ferry timetable changes');
      expect(await page.locator('[data-search-slug]').textContent()).toBe('ferry-timetable-changes');

      await body.fill('The ferry runs every twenty minutes from Monday.');
      await page.getByRole('button', { name: 'Save draft', exact: true }).click();
      await page.waitForURL(/\/admin\/articles\/\d+\/edit\?saved=draft$/, { timeout: WAIT });
      // The server draws the count for the saved text before any script runs again.
      expect(await count.textContent()).toBe('8 words');

      // The preview screen: the reader page in a frame, at a phone's width and then a desktop's.
      await page.getByRole('link', { name: 'Preview as readers see it' }).click();
      await page.getByRole('link', { name: /^Phone/ }).click();
      await page.waitForURL(/\/preview\?width=phone$/, { timeout: WAIT });
      const frame = page.frameLocator('iframe[data-preview-frame]');
      await frame.locator('h1').waitFor({ timeout: WAIT });
      expect(await frame.locator('h1').textContent()).toBe('Ferry timetable changes');
      expect(await frame.locator('.preview-banner').textContent()).toContain('draft');
      expect(
        await frame
          .locator('html')
          .evaluate(() => (globalThis as unknown as { innerWidth: number }).innerWidth),
      ).toBe(390);
      await page.getByRole('link', { name: /^Desktop/ }).click();
      await page.waitForURL(/\/preview\?width=desktop$/, { timeout: WAIT });
      await frame.locator('h1').waitFor({ timeout: WAIT });
      expect(
        await frame
          .locator('html')
          .evaluate(() => (globalThis as unknown as { innerWidth: number }).innerWidth),
      ).toBe(1280);
      // The reader page's own chrome is there: the site's header and its search.
      expect(await frame.getByRole('search').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    });
  });
}
