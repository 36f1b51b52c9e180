// The newsroom's day in a real browser, on SQLite and on PostgreSQL: a contributor writes a draft with
// a source; an editor revises it and schedules it; at its time it is on the front page, on its
// authors' pages and under its tags; a reader comments; the editor approves the comment, and it shows.
//
// The server runs in this process on a test database of each dialect, so that PGlite serves as well as
// a real PostgreSQL. Its clock runs with real time plus an offset the test moves, so that "its time"
// comes without waiting; the scheduler's job is then run once, as its timer would.
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp, createServices, type Services } from '../../src/app.tsx';
import type { Clock } from '../../src/platform/clock.ts';
import { TEST_PASSWORD_COST } from '../build-test-app.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../databases.ts';
import { describeBrowser, launchChromium } from './browser.ts';

const WAIT = 30_000;

/** The real time, moved forward by however much the test says. */
function movableClock(): Clock & { jump(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), jump: (ms) => void (offset += ms) };
}

async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: WAIT });
  expect(await locator.isVisible()).toBe(true);
}

/** The newsroom's navigation, where "Articles", "New article", "Comments" and "Settings" live. */
const nav = (page: Page) => page.getByRole('navigation', { name: 'Newsroom' });

/** "2026-11-26T14:05" in UTC, as a datetime-local field takes it (the site's timezone is UTC). */
function localInput(date: Date): string {
  return date.toISOString().slice(0, 16);
}

const story = {
  title: 'Night ferry crews ask for a second deckhand',
  standfirst: 'Crews on the late crossings say one deckhand cannot cover both ramps.',
  body: 'Crews on the last two crossings of the night told the harbour board on Tuesday that a single deckhand cannot watch both ramps while cars load.',
  revision: 'The harbour board said it would answer the crews before the winter timetable starts.',
  tags: 'Harbour, Night ferries',
  sourceName: 'Quayside Weekly',
  sourceUrl: 'https://quayside.example/night-ferry-crews',
};

for (const dialect of DIALECTS) {
  describeBrowser(`the newsroom's day on ${dialect} (Chromium)`, () => {
    let database: TestDatabase;
    let services: Services;
    let app: FastifyInstance;
    let base: string;
    let browser: Browser;
    const clock = movableClock();
    const people = {
      contributor: { name: 'Cass Contributor', email: 'cass@example.com', password: 'cass writes drafts' },
      editor: { name: 'Eli Editor', email: 'eli@example.com', password: 'eli edits everything' },
    };
    let slug = '';

    beforeAll(async () => {
      database = await openTestDatabase(dialect);
      services = await createServices({ database, clock, passwordCost: TEST_PASSWORD_COST });
      await services.accounts.addUser({ ...people.contributor, role: 'contributor' });
      await services.accounts.addUser({ ...people.editor, role: 'editor' });
      app = await createApp({
        config: { isProduction: true, logLevel: 'silent', publicUrl: 'http://127.0.0.1' },
        database,
        services,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await database?.close();
    });

    async function signIn(who: keyof typeof people): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/admin/`);
      // A signed-out browser lands on the sign-in page.
      await expectVisible(page.getByRole('button', { name: 'Sign in', exact: true }));
      await page.getByLabel('Email', { exact: true }).fill(people[who].email);
      await page.getByLabel('Password', { exact: true }).fill(people[who].password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expectVisible(page.getByRole('button', { name: 'Sign out', exact: true }));
      return { context, page };
    }

    it('a contributor writes a draft with a source, and cannot publish it', async () => {
      const { context, page } = await signIn('contributor');
      await nav(page).getByRole('link', { name: 'New article', exact: true }).click();
      await page.getByLabel('Title', { exact: true }).fill(story.title);
      await page.getByLabel('Standfirst', { exact: true }).fill(story.standfirst);
      await page.getByRole('textbox', { name: 'Body', exact: true }).fill(story.body);
      await page.getByLabel('Tags', { exact: true }).fill(story.tags);
      await page.getByLabel('Source name', { exact: true }).fill(story.sourceName);
      await page.getByLabel('Source URL', { exact: true }).fill(story.sourceUrl);
      expect(await page.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Schedule', exact: true }).count()).toBe(0);
      await page.getByRole('button', { name: 'Save draft', exact: true }).click();
      await page.waitForURL(/\/admin\/articles\/\d+\/edit/, { timeout: WAIT });
      // The slug was made from the title.
      slug = await page.getByLabel('Slug', { exact: true }).inputValue();
      expect(slug).toBe('night-ferry-crews-ask-for-a-second-deckhand');
      // A draft is nowhere in public.
      expect((await fetch(`${base}/${slug}/`)).status).toBe(404);
      expect(await (await fetch(`${base}/`)).text()).not.toContain(story.title);
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await expectVisible(page.getByRole('button', { name: 'Sign in', exact: true }));
      await context.close();
    });

    it('an editor revises it, adds a byline and schedules it', async () => {
      const { context, page } = await signIn('editor');
      await nav(page).getByRole('link', { name: 'Articles', exact: true }).click();
      await page.getByRole('link', { name: story.title, exact: true }).click();
      // The story editor: a new paragraph at the end of the story, typed.
      const body = page.getByRole('textbox', { name: 'Body', exact: true });
      await expectVisible(body);
      await body.click();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type(story.revision);
      const authors = page.getByLabel('Authors', { exact: true });
      const editorSlug = (await services.accounts.listUsers()).find(
        (u) => u.email === people.editor.email,
      )?.author_slug;
      await authors.fill(`${await authors.inputValue()}, ${editorSlug}`);
      // The contributor's new names wait as suggestions; the editor makes them tags on purpose.
      for (const name of story.tags.split(', '))
        await page.getByRole('button', { name: `Create tag “${name}”`, exact: true }).click();
      const at = new Date(clock.now().getTime() + 2 * 3_600_000);
      await page.getByLabel('Publish at', { exact: true }).fill(localInput(at));
      await page.getByRole('button', { name: 'Schedule', exact: true }).click();
      await expectVisible(page.getByRole('status').filter({ hasText: /scheduled/i }));
      // Not yet: the front page does not show it before its time.
      await services.articles.publishDue();
      expect(await (await fetch(`${base}/`)).text()).not.toContain(story.title);
      await context.close();
    });

    it('appears at its time on the front page, its authors’ pages and its tags’ pages', async () => {
      clock.jump(2 * 3_600_000 + 60_000);
      await services.articles.publishDue();
      const reader = await browser.newPage();
      await reader.goto(`${base}/`);
      await expectVisible(reader.getByRole('link', { name: story.title, exact: true }).first());
      const users = await services.accounts.listUsers();
      for (const user of users) {
        await reader.goto(`${base}/author/${user.author_slug}/`);
        await expectVisible(reader.getByRole('link', { name: story.title, exact: true }).first());
      }
      for (const tag of ['harbour', 'night-ferries']) {
        await reader.goto(`${base}/tag/${tag}/`);
        await expectVisible(reader.getByRole('link', { name: story.title, exact: true }).first());
      }
      await reader.goto(`${base}/${slug}/`);
      await expectVisible(reader.getByRole('heading', { level: 1, name: story.title, exact: true }));
      await expectVisible(reader.getByRole('link', { name: story.sourceName, exact: true }));
      await expectVisible(reader.getByText(story.revision));
      await reader.close();
    });

    it('a reader comments; the editor approves it, and it appears', async () => {
      const reader = await browser.newPage();
      await reader.goto(`${base}/${slug}/`);
      const comment = 'The late crossing is the busiest one on Fridays; a second deckhand makes sense.';
      await reader.getByLabel(/^Comment/).fill(comment);
      await reader.getByLabel(/^Name/).fill('Ferry Regular');
      await reader.getByLabel(/^Email/).fill('regular@example.org');
      await reader.getByRole('button', { name: 'Post Comment' }).click();
      await expectVisible(
        reader.getByRole('status').filter({ hasText: 'Your comment is awaiting moderation.' }),
      );
      // Held: the shared page does not show it yet.
      expect(await (await fetch(`${base}/${slug}/`)).text()).not.toContain(comment);

      const { context, page } = await signIn('editor');
      await nav(page).getByRole('link', { name: 'Comments', exact: true }).click();
      const row = page.locator('article, tr, li').filter({ hasText: comment }).last();
      await expectVisible(row);
      await row.getByRole('button', { name: 'Approve', exact: true }).click();
      await expectVisible(page.getByRole('status').first());
      await context.close();

      await reader.goto(`${base}/${slug}/`);
      await expectVisible(reader.getByText(comment));
      const html = await (await fetch(`${base}/${slug}/`)).text();
      expect(html).toContain(comment);
      expect(html).not.toContain('regular@example.org');
      await reader.close();
    });
  });
}
