// The article editor's script in a real browser: the preview appears in place, autosave keeps the
// typed text aside a few seconds after typing stops, and leaving with unsaved changes asks first,
// while saving does not. The page's clock is Playwright's, so the seconds pass at once.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIALECTS, type TestDatabase } from '../databases.ts';
import { describeBrowser, startBrowserNewsroom, type BrowserNewsroom } from './browser.ts';

const WAIT = 30_000;
const person = { name: 'Ada Author', email: 'ada@example.com', password: 'ada writes every day' };

for (const dialect of DIALECTS) {
  describeBrowser(`the article editor's script on ${dialect} (Chromium)`, () => {
    let database: TestDatabase;
    let base: string;
    let browser: Browser;
    let newsroom: BrowserNewsroom | undefined;

    beforeAll(async () => {
      newsroom = await startBrowserNewsroom(dialect, [{ ...person, role: 'author' }]);
      ({ database, base, browser } = newsroom);
      // PGlite's first start and Chromium's launch take long on a busy machine.
    }, 180_000);

    afterAll(async () => newsroom?.close());

    async function signedInPage(): Promise<Page> {
      const page = await (await browser.newContext()).newPage();
      await page.clock.install();
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(person.email);
      await page.getByLabel('Password', { exact: true }).fill(person.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout: WAIT });
      return page;
    }

    it('previews in place, autosaves, and warns before leaving unsaved changes', async () => {
      const page = await signedInPage();
      await page.goto(`${base}/admin/articles/new`);
      await page.getByLabel('Title', { exact: true }).fill('Lighthouse keepers return');
      // Typed in the story editor, with its keyboard shortcuts for emphasis.
      const story = page.getByRole('textbox', { name: 'Body', exact: true });
      await story.click();
      await page.keyboard.type('The keepers are ');
      await page.keyboard.press('ControlOrMeta+I');
      await page.keyboard.type('back');
      await page.keyboard.press('ControlOrMeta+I');
      await page.keyboard.type('.');
      await page.getByRole('button', { name: 'Save draft', exact: true }).click();
      await page.waitForURL(/\/admin\/articles\/\d+\/edit\?saved=draft$/, { timeout: WAIT });
      const id = Number(/articles\/(\d+)\//.exec(page.url())?.[1]);

      // Preview without leaving the page: the URL stays, the sanitised HTML shows.
      await story.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('The keepers are ');
      await page.keyboard.press('ControlOrMeta+B');
      await page.keyboard.type('home');
      await page.keyboard.press('ControlOrMeta+B');
      await page.keyboard.type(' ');
      await page.keyboard.press('ControlOrMeta+I');
      await page.keyboard.type('now');
      await page.keyboard.press('ControlOrMeta+I');
      await page.keyboard.type('.');
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      const preview = page.locator('[data-preview-body] strong');
      await preview.waitFor({ timeout: WAIT });
      expect(await preview.textContent()).toBe('home');
      expect(await page.locator('[data-preview-body] em').textContent()).toBe('now');
      expect(page.url()).toMatch(/\?saved=draft$/);

      // A few seconds after typing stops the changed text is autosaved; the article itself is unchanged.
      await page.clock.fastForward(6_000);
      await expect
        .poll(() => page.locator('[data-autosave-status]').textContent(), { timeout: WAIT })
        .toBe('Saved');
      const rows = await database.db
        .selectFrom('article_revisions')
        .select(['kind', 'snapshot'])
        .where('article_id', '=', id)
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.kind)).toEqual(['save', 'autosave']);
      expect((JSON.parse(rows[1]?.snapshot ?? '{}') as { fields: { body: string } }).fields.body).toBe(
        '<p>The keepers are <strong>home</strong> <em>now</em>.</p>',
      );
      const stored = await database.db
        .selectFrom('articles')
        .select('body_markdown')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored.body_markdown).toBe('<p>The keepers are <em>back</em>.</p>');

      // Leaving with unsaved changes asks first.
      let asked = 0;
      page.on('dialog', (dialog) => {
        asked += 1;
        void dialog.dismiss();
      });
      await page.getByRole('link', { name: 'Articles', exact: true }).click();
      await expect.poll(() => asked, { timeout: WAIT }).toBe(1);
      expect(page.url()).toContain(`/admin/articles/${id}/edit`);

      // Saving leaves without a question.
      await page.getByRole('button', { name: 'Save draft', exact: true }).click();
      await page.waitForURL(/\?saved=draft$/, { timeout: WAIT });
      expect(asked).toBe(1);
      const saved = await database.db
        .selectFrom('articles')
        .select('body_markdown')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      // Stored as the editor wrote it, in Dateline's own body HTML.
      expect(saved.body_markdown).toBe('<p>The keepers are <strong>home</strong> <em>now</em>.</p>');
      await page.context().close();
    });
  });
}
