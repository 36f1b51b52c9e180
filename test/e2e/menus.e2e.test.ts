// The header menu in Chromium at phone width: the sample's News has sections under it, folded behind
// a disclosure button that the keyboard opens and closes, and that says so (aria-expanded). Without
// script the same links are simply there.
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.tsx';
import { describeBrowser, launchChromium, startSampleServer } from './browser.ts';

describeBrowser('the header menu (Chromium)', () => {
  let dir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ({ server, dir } = await startSampleServer('menus', { NODE_ENV: 'production', LOG_LEVEL: 'silent' }));
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('opens and closes a submenu from the keyboard on a phone', { timeout: 60_000 }, async () => {
    if (!server || !browser) throw new Error('the server or the browser did not start');
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    // A string: the project's TypeScript has no DOM library.
    const focused = () => page.evaluate<string>('document.activeElement?.textContent?.trim() ?? ""');
    try {
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Sections' });
      const toggle = nav.getByRole('button', { name: 'More in News' });
      const politics = nav.getByRole('link', { name: 'Politics' });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await politics.isVisible()).toBe(false);

      // Tab from the News link to its button, open it with Enter, and step into the list.
      await nav.getByRole('link', { name: 'News', exact: true }).focus();
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('More in News');
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await politics.isVisible()).toBe(true);
      // The sections under News are listed by name: Local, then Politics.
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Local');

      // Escape closes it and gives the focus back to the button; Space opens it again.
      await page.keyboard.press('Escape');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await focused()).toBe('More in News');
      expect(await politics.isVisible()).toBe(false);
      await page.keyboard.press('Space');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');

      // Following a link under it leads to its section, marked as the current page there.
      await Promise.all([page.waitForURL('**/section/politics/'), politics.click()]);
      const current = page.locator('nav.site-nav a[href="/section/politics/"]');
      expect(await current.getAttribute('aria-current')).toBe('page');
    } finally {
      await context.close();
    }
  });

  it('lists every link without script', { timeout: 30_000 }, async () => {
    if (!server || !browser) throw new Error('the server or the browser did not start');
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    try {
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Sections' });
      expect(await nav.getByRole('link', { name: 'Politics' }).isVisible()).toBe(true);
      expect(await nav.getByRole('button').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

// Keeps vitest from reporting "no test" when the browser suite is skipped on a machine without Chromium.
describe('the header menu script', () => {
  it('is a static asset', async () => {
    const { navScript } = await import('../../src/platform/render/assets.ts');
    expect(navScript.path).toMatch(/^\/assets\/nav\.[0-9a-f]{12}\.js$/);
  });
});
