// The wire desk's journey (issue #18) in Chromium on every database: an editor adds two outlets' feeds
// (served on loopback by the test feed server), fetches them, sees their reports of one landslide as one
// story with the agency copy folded under it, starts a draft from the story and publishes it. The
// public page credits both outlets in its "Original Source" line and in its NewsArticle JSON-LD.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIALECTS } from '../databases.ts';
import { fixture, serve, startFeedServer, type FeedServer } from '../wire/feed-server.ts';
import { describeBrowser, startBrowserNewsroom, type BrowserNewsroom } from './browser.ts';

const WAIT = 30_000;
const eli = { name: 'Eli Editor', email: 'eli@example.com', password: 'eli edits everything' };

for (const dialect of DIALECTS) {
  describeBrowser(`the wire desk on ${dialect} (Chromium)`, () => {
    let newsroom: BrowserNewsroom | undefined;
    let feeds: FeedServer;
    let base: string;
    let browser: Browser;

    beforeAll(async () => {
      feeds = await startFeedServer();
      feeds.route('/tt.xml', serve(fixture('desk-tidewater-times.rss.xml')));
      feeds.route('/sh.xml', serve(fixture('desk-saltmarsh-herald.rss.xml')));
      newsroom = await startBrowserNewsroom(dialect, [{ ...eli, role: 'editor' }], {
        wireAllowPrivateHosts: true,
      });
      ({ base, browser } = newsroom);
      // PGlite's first start and Chromium's launch take long on a busy machine.
    }, 180_000);

    afterAll(async () => {
      await newsroom?.close();
      await feeds?.close();
    });

    async function addSource(page: Page, name: string, url: string): Promise<void> {
      const form = page.getByRole('region', { name: 'Add a source' });
      await form.getByLabel('Name', { exact: true }).fill(name);
      await form.getByLabel('Feed address (RSS, Atom or JSON Feed)', { exact: true }).fill(url);
      await form.getByRole('button', { name: 'Add source', exact: true }).click();
      await page.getByRole('rowheader', { name, exact: true }).waitFor();
    }

    it('follows two outlets, sees one story once, drafts it with credit and publishes it', async () => {
      const context = await browser.newContext();
      context.setDefaultTimeout(WAIT);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(eli.email);
      await page.getByLabel('Password', { exact: true }).fill(eli.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();

      await page
        .getByRole('navigation', { name: 'Newsroom' })
        .getByRole('link', { name: 'Wire', exact: true })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Wire' }).waitFor();
      await addSource(page, 'Tidewater Times', feeds.url('/tt.xml'));
      await addSource(page, 'Saltmarsh Herald', feeds.url('/sh.xml'));
      await page.getByRole('button', { name: 'Fetch now', exact: true }).click();

      // One story for the landslide: both outlets, the agency rerun folded under the report it copies.
      const story = page.locator('li.wire-story').filter({ hasText: 'Landslide shuts coast road' });
      await story.waitFor();
      expect(await story.locator('.wire-story-meta').textContent()).toMatch(
        /^Tidewater Times, Saltmarsh Herald · 3 reports · latest/,
      );
      const copies = story.locator('details.wire-copies');
      expect(await copies.locator('summary').textContent()).toBe('1 copy of this report');
      expect(await copies.getAttribute('open')).toBeNull();
      expect(
        await page.locator('li.wire-story').filter({ hasText: 'Landslide shuts coast road' }).count(),
      ).toBe(1);
      // Each request to the feeds was polite: one at a time.
      expect(feeds.maxConcurrency()).toBe(1);

      await story.getByRole('button', { name: 'Start a draft from this story', exact: true }).click();
      await page.waitForURL(/\/admin\/articles\/\d+\/edit/);
      const title = await page.getByLabel('Title', { exact: true }).inputValue();
      expect(title).toBe('Landslide shuts coast road at Kestrel Point');
      expect(await page.getByLabel('Source name', { exact: true }).inputValue()).toBe('Tidewater Times');
      expect(await page.getByLabel('Source name 2', { exact: true }).inputValue()).toBe('Saltmarsh Herald');
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.waitForURL(/\?saved=published$/);
      const slug = await page.getByLabel('Slug', { exact: true }).inputValue();

      // The desk remembers the draft.
      await page.goto(`${base}/admin/wire`);
      expect(await page.locator('.wire-drafted').first().textContent()).toBe(`Drafted as ${title}`);
      await context.close();

      const reader = await (await browser.newContext()).newPage();
      await reader.goto(`${base}/${slug}/`);
      const credit = reader.locator('p.source');
      expect((await credit.textContent())?.replace(/\s+/g, ' ').trim()).toBe(
        'Original Source: Tidewater Times, Saltmarsh Herald',
      );
      const links = await credit
        .locator('a')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(links).toHaveLength(2);
      expect(links[0]).toMatch(/^https:\/\/tidewater-times\.example\//);
      expect(links[1]).toMatch(/^https:\/\/saltmarsh-herald\.example\//);
      const ld = JSON.parse(
        (await reader.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}',
      ) as { '@type'?: string; isBasedOn?: { url?: string; publisher?: { name?: string } }[] };
      expect(ld['@type']).toBe('NewsArticle');
      // Each report is a CreativeWork at its address, published by its outlet.
      expect(ld.isBasedOn?.map((b) => [b.publisher?.name, b.url])).toEqual([
        ['Tidewater Times', links[0]],
        ['Saltmarsh Herald', links[1]],
      ]);
      await reader.context().close();
      // Feed readers see the credit too: RSS's one <source>, and an Atom "via" link for each outlet.
      const rss = await (await fetch(`${base}/feed/`)).text();
      expect(rss).toContain(`<source url="${links[0]}">Tidewater Times</source>`);
      const atom = await (await fetch(`${base}/feed/atom/`)).text();
      for (const link of links) expect(atom).toMatch(new RegExp(`<link rel="via" href="${link}"`));
      expect(problems).toEqual([]);
    });
  });
}
