// The editor's Authors and Tags comboboxes in a real browser, by keyboard alone: a co-author is
// chosen by name, the bylines are reordered, two tags are picked from suggestions, and the public
// page shows the bylines in that order and both tags. Without script the same fields take names.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Services } from '../../src/app.tsx';
import { DIALECTS } from '../databases.ts';
import { describeBrowser, startBrowserNewsroom, type BrowserNewsroom } from './browser.ts';

const WAIT = 30_000;
const person = { name: 'Eli Editor', email: 'eli@example.com', password: 'eli edits every day' };

for (const dialect of DIALECTS) {
  describeBrowser(`the editor's people and tags on ${dialect} (Chromium)`, () => {
    let services: Services;
    let base: string;
    let browser: Browser;
    let newsroom: BrowserNewsroom | undefined;

    beforeAll(async () => {
      newsroom = await startBrowserNewsroom(dialect, [{ ...person, role: 'editor' }]);
      ({ services, base, browser } = newsroom);
      for (const [name, slug] of [
        ['Aino Harju', 'aino-harju'],
        ['Bram de Wit', 'bram-de-wit'],
        ['Aida Osei', 'aida-osei'],
      ] as const)
        await services.authors.saveAuthor({ name, slug, bio: '' });
      for (const name of ['Harbour', 'Night ferries', 'Harvest'])
        await services.tags.create({ name, actor: null });
      // PGlite's first start and Chromium's launch take long on a busy machine.
    }, 180_000);

    afterAll(async () => newsroom?.close());

    async function signedInPage(javaScriptEnabled = true): Promise<Page> {
      const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(person.email);
      await page.getByLabel('Password', { exact: true }).fill(person.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout: WAIT });
      return page;
    }

    /** The names on the chips of one combobox, in order. */
    const chipNames = (page: Page, kind: 'authors' | 'tags') =>
      page.locator(`ul[aria-label="Chosen ${kind}"] .people-chip-name`).allTextContents();

    it('chooses a co-author by name, reorders the bylines and picks two tags, by keyboard', async () => {
      const page = await signedInPage();
      await page.goto(`${base}/admin/articles/new`);
      await page.getByLabel('Title', { exact: true }).fill('Night ferry crews get a second deckhand');
      await page.getByLabel('Body', { exact: true }).fill('The harbour board agreed on Tuesday.');

      const authors = page.getByRole('combobox', { name: 'Authors', exact: true });
      expect(await chipNames(page, 'authors')).toEqual(['Eli Editor']);
      await authors.focus();
      await page.keyboard.type('ai');
      const suggestions = page.getByRole('listbox', { name: 'Authors suggestions' });
      await suggestions.waitFor({ timeout: WAIT });
      expect(await authors.getAttribute('aria-expanded')).toBe('true');
      expect(await suggestions.getByRole('option').allTextContents()).toEqual(['Aida Osei', 'Aino Harju']);
      // Arrows move through the list; the active option is the one Enter takes.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await suggestions.getByRole('option', { selected: true }).textContent()).toBe('Aino Harju');
      await page.keyboard.press('Enter');
      expect(await chipNames(page, 'authors')).toEqual(['Eli Editor', 'Aino Harju']);
      // Escape closes the list without choosing.
      await page.keyboard.type('bram');
      await suggestions.waitFor({ timeout: WAIT });
      await page.keyboard.press('Escape');
      expect(await authors.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await chipNames(page, 'authors')).toEqual(['Eli Editor', 'Aino Harju', 'Bram de Wit']);
      // No slug is shown anywhere a person reads.
      expect(await page.locator('form[data-editor]').innerText()).not.toContain('aino-harju');

      // Reorder with the chips' buttons: Bram leads, then Eli, then Aino.
      await page.getByRole('button', { name: 'Move Bram de Wit up', exact: true }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Move Bram de Wit up', exact: true }).focus();
      await page.keyboard.press('Enter');
      expect(await chipNames(page, 'authors')).toEqual(['Bram de Wit', 'Eli Editor', 'Aino Harju']);
      // The focus stays on the moved chip's buttons (put back a moment after the chips are redrawn).
      await expect
        .poll(() => page.evaluate("document.activeElement.getAttribute('aria-label')"), { timeout: WAIT })
        .toBe('Move Bram de Wit down');

      // Two tags from the suggestions; a new name is offered only as "Create tag".
      const tags = page.getByRole('combobox', { name: 'Tags', exact: true });
      await tags.focus();
      await page.keyboard.type('har');
      const tagList = page.getByRole('listbox', { name: 'Tags suggestions' });
      await tagList.waitFor({ timeout: WAIT });
      expect(await tagList.getByRole('option').allTextContents()).toEqual([
        'Harbour',
        'Harvest',
        'Create tag “har”',
      ]);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.keyboard.type('night');
      await tagList.waitFor({ timeout: WAIT });
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await chipNames(page, 'tags')).toEqual(['Harbour', 'Night ferries']);

      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.waitForURL(/\/admin\/articles\/\d+\/edit\?saved=published$/, { timeout: WAIT });
      // Back in the editor, the chips come back in the saved order.
      expect(await chipNames(page, 'authors')).toEqual(['Bram de Wit', 'Eli Editor', 'Aino Harju']);
      expect(await chipNames(page, 'tags')).toEqual(['Harbour', 'Night ferries']);
      // Nothing was created by accident.
      expect((await services.tags.list()).map((t) => t.name).sort()).toEqual([
        'Harbour',
        'Harvest',
        'Night ferries',
      ]);

      const reader = await (await browser.newContext()).newPage();
      await reader.goto(`${base}/night-ferry-crews-get-a-second-deckhand/`);
      expect(await reader.locator('.byline a[rel=author]').allTextContents()).toEqual([
        'Bram de Wit',
        'Eli Editor',
        'Aino Harju',
      ]);
      expect(await reader.locator('ul.tags a[rel=tag]').allTextContents()).toEqual([
        'Harbour',
        'Night ferries',
      ]);
      await reader.context().close();
      await page.context().close();
    });

    it('takes names in the plain fields when script is off', async () => {
      const page = await signedInPage(false);
      await page.goto(`${base}/admin/articles/new`);
      await page.getByLabel('Title', { exact: true }).fill('Written without script');
      await page.getByLabel('Body', { exact: true }).fill('Plain fields still work.');
      const authors = page.getByLabel('Authors', { exact: true });
      expect(await authors.inputValue()).toBe('Eli Editor');
      await authors.fill('Aino Harju, Eli Editor');
      await page.getByLabel('Tags', { exact: true }).fill('Harvest');
      await page.getByLabel('New tags', { exact: true }).fill('Lighthouses');
      await page.getByRole('button', { name: 'Save draft', exact: true }).click();
      await page.waitForURL(/\/admin\/articles\/\d+\/edit\?saved=draft$/, { timeout: WAIT });
      expect(await page.getByLabel('Authors', { exact: true }).inputValue()).toBe('Aino Harju, Eli Editor');
      expect(await page.getByLabel('Tags', { exact: true }).inputValue()).toBe('Harvest, Lighthouses');
      await page.context().close();
    });
  });
}
