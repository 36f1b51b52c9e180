// "Never lose a word" (issue #17) in a real browser: the text survives closing the tab
// mid-sentence, and being offline; two editors saving the same article keep both texts.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIALECTS, type TestDatabase } from '../databases.ts';
import { describeBrowser, startBrowserNewsroom, type BrowserNewsroom } from './browser.ts';

const WAIT = 30_000;
const ada = { name: 'Ada Author', email: 'ada@example.com', password: 'ada writes every day' };
const ines = { name: 'Ines Editor', email: 'ines@example.com', password: 'ines edits every day' };

for (const dialect of DIALECTS) {
  describeBrowser(`never losing a word on ${dialect} (Chromium)`, () => {
    let database: TestDatabase;
    let base: string;
    let browser: Browser;

    let newsroom: BrowserNewsroom | undefined;

    beforeAll(async () => {
      newsroom = await startBrowserNewsroom(dialect, [
        { ...ada, role: 'editor' },
        { ...ines, role: 'editor' },
      ]);
      ({ database, base, browser } = newsroom);
      // PGlite's first start and Chromium's launch take long on a busy machine.
    }, 180_000);

    afterAll(async () => newsroom?.close());

    async function signIn(person: typeof ada): Promise<BrowserContext> {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(person.email);
      await page.getByLabel('Password', { exact: true }).fill(person.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout: WAIT });
      await page.close();
      return context;
    }

    async function newDraft(page: Page, title: string, body: string): Promise<number> {
      await page.goto(`${base}/admin/articles/new`);
      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByRole('textbox', { name: 'Body', exact: true }).fill(body);
      await page.getByRole('button', { name: 'Save draft', exact: true }).click();
      await page.waitForURL(/\/admin\/articles\/\d+\/edit\?saved=draft$/, { timeout: WAIT });
      return Number(/articles\/(\d+)\//.exec(page.url())?.[1]);
    }

    const stored = (id: number) =>
      database.db
        .selectFrom('articles')
        .select(['body_markdown', 'version'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const autosavedBodies = async (id: number) =>
      (
        await database.db
          .selectFrom('article_revisions')
          .select('snapshot')
          .where('article_id', '=', id)
          .where('kind', '=', 'autosave')
          .orderBy('id')
          .execute()
      ).map((r) => (JSON.parse(r.snapshot) as { fields: { body: string } }).fields.body);

    it('keeps the text when the tab is closed mid-sentence, without pressing save', async () => {
      const context = await signIn(ada);
      const page = await context.newPage();
      const id = await newDraft(page, 'Lighthouse keepers return', 'The keepers are back.');
      const body = page.getByRole('textbox', { name: 'Body', exact: true });
      await body.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' After forty years the lamp room is lit again and the');
      const typed = '<p>The keepers are back. After forty years the lamp room is lit again and the</p>';
      await page.close();

      // Reopened: the words are there, with a notice saying where they came from.
      const again = await context.newPage();
      await again.goto(`${base}/admin/articles/${id}/edit`);
      await again.locator('[data-restored]').waitFor({ timeout: WAIT });
      expect(await again.locator('textarea[name="body"]').inputValue()).toBe(typed);
      // The closing tab also sent them to the server, beside the article, which is unchanged.
      await expect.poll(() => autosavedBodies(id), { timeout: WAIT }).toContain(typed);
      expect((await stored(id)).body_markdown).toBe('<p>The keepers are back.</p>');

      // Saving makes them the article's, and the browser's copy goes.
      await again.getByRole('button', { name: 'Save draft', exact: true }).click();
      await again.waitForURL(/\?saved=draft$/, { timeout: WAIT });
      expect((await stored(id)).body_markdown).toBe(typed);
      await again.reload();
      expect(await again.locator('[data-restored]').count()).toBe(0);
      await context.close();
    });

    it('says "Saved" and "Not saved: offline", and keeps an offline copy in the browser', async () => {
      const context = await signIn(ada);
      const page = await context.newPage();
      await page.clock.install();
      const id = await newDraft(page, 'Harbour toll rises', 'Tolls go up in March.');
      const status = page.locator('[data-autosave-status]');
      await page.getByRole('textbox', { name: 'Body', exact: true }).fill('Tolls go up in April.');
      await page.clock.fastForward(6_000);
      await expect.poll(() => status.textContent(), { timeout: WAIT }).toBe('Saved');
      expect(await autosavedBodies(id)).toEqual(['<p>Tolls go up in April.</p>']);

      await context.setOffline(true);
      await page
        .getByRole('textbox', { name: 'Body', exact: true })
        .fill('Tolls go up in May, the council said.');
      await page.clock.fastForward(6_000);
      await expect.poll(() => status.textContent(), { timeout: WAIT }).toBe('Not saved: offline');
      expect(await autosavedBodies(id)).toEqual(['<p>Tolls go up in April.</p>']);
      await page.close();

      await context.setOffline(false);
      const again = await context.newPage();
      await again.goto(`${base}/admin/articles/${id}/edit`);
      await again.locator('[data-restored]').waitFor({ timeout: WAIT });
      expect(await again.locator('textarea[name="body"]').inputValue()).toBe(
        '<p>Tolls go up in May, the council said.</p>',
      );
      await context.close();
    });

    it('refuses the second of two editors’ saves with a diff, and both texts survive', async () => {
      const adaContext = await signIn(ada);
      const inesContext = await signIn(ines);
      const adaPage = await adaContext.newPage();
      const id = await newDraft(adaPage, 'Ferry timetable', 'The ferry leaves at nine.');
      const inesPage = await inesContext.newPage();
      await inesPage.goto(`${base}/admin/articles/${id}/edit`);
      // Ines is told Ada has it open.
      expect(await inesPage.locator('[data-presence]').textContent()).toBe(
        'Ada Author is editing this article now.',
      );

      await adaPage.getByRole('textbox', { name: 'Body', exact: true }).fill('The ferry leaves at ten.');
      await inesPage
        .getByRole('textbox', { name: 'Body', exact: true })
        .fill('The ferry leaves at half past nine.');
      await adaPage.getByRole('button', { name: 'Save draft', exact: true }).click();
      await adaPage.waitForURL(/\?saved=draft$/, { timeout: WAIT });
      await inesPage.getByRole('button', { name: 'Save draft', exact: true }).click();

      await inesPage
        .getByRole('heading', { name: 'Not saved: someone else saved a newer version' })
        .waitFor({ timeout: WAIT });
      expect(await inesPage.locator('textarea[name="body"]').inputValue()).toBe(
        '<p>The ferry leaves at half past nine.</p>',
      );
      expect(await inesPage.getByLabel('Their version of the body').inputValue()).toBe(
        '<p>The ferry leaves at ten.</p>',
      );
      expect(await inesPage.locator('[data-conflict] .diff ins').first().textContent()).toContain(
        'half past',
      );
      expect((await stored(id)).body_markdown).toBe('<p>The ferry leaves at ten.</p>');
      expect(await autosavedBodies(id)).toContain('<p>The ferry leaves at half past nine.</p>');
      await adaContext.close();
      await inesContext.close();
    });
  });
}
