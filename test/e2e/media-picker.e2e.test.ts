// The media picker in a real browser: "Featured image" opens the library in a modal dialog, "Upload
// image" sends a file with progress, the picker asks for alt text, and the chosen image is saved
// with the article and shown on its page, described.
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIALECTS, type TestDatabase } from '../databases.ts';
import { describeBrowser, startBrowserNewsroom, type BrowserNewsroom } from './browser.ts';

const WAIT = 30_000;
const person = { name: 'Ada Author', email: 'ada@example.com', password: 'ada writes every day' };

for (const dialect of DIALECTS) {
  describeBrowser(`the media picker on ${dialect} (Chromium)`, () => {
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

    it('uploads an image from "Featured image", asks for its alt text, and shows it on the article', async () => {
      const page = await (await browser.newContext()).newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(person.email);
      await page.getByLabel('Password', { exact: true }).fill(person.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout: WAIT });

      await page.goto(`${base}/admin/articles/new`);
      await page.getByLabel('Title', { exact: true }).fill('Boats come home');
      await page.getByLabel('Body', { exact: true }).fill('The fleet is back in the harbour.');
      // With script, the select of recent uploads gives way to the button.
      expect(await page.locator('select[name="featured_image_id"]').isVisible()).toBe(false);
      const opener = page.getByRole('button', { name: 'Featured image', exact: true });
      await opener.click();

      const dialog = page.getByRole('dialog', { name: 'Choose an image' });
      await dialog.waitFor({ timeout: WAIT });
      await dialog.getByText('No images yet: upload one.').waitFor({ timeout: WAIT });
      const png = await sharp({
        create: { width: 1200, height: 800, channels: 3, background: { r: 30, g: 80, b: 140 } },
      })
        .png()
        .toBuffer();
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser', { timeout: WAIT }),
        dialog.getByRole('button', { name: 'Upload image', exact: true }).click(),
      ]);
      await chooser.setFiles({ name: 'fleet-at-dawn.png', mimeType: 'image/png', buffer: png });

      // Uploaded, the image goes straight to the alt text step; an empty description is refused.
      const describe = page.getByRole('dialog', { name: 'Describe the image' });
      const alt = describe.getByRole('textbox', { name: 'Alt text', exact: true });
      await alt.waitFor({ timeout: WAIT });
      expect(await describe.locator('.media-describe .media-name').textContent()).toBe('fleet-at-dawn.png');
      await describe.getByRole('button', { name: 'Use this image', exact: true }).click();
      expect(await describe.getByText('Give the image alt text').isVisible()).toBe(true);
      await alt.fill('Fishing boats entering the harbour at dawn');
      const altKept = page.waitForResponse((r) => /\/admin\/uploads\/\d+\/alt$/.test(r.url()), {
        timeout: WAIT,
      });
      await describe.getByRole('button', { name: 'Use this image', exact: true }).click();
      expect((await altKept).status()).toBe(200);

      // The dialog closes, focus goes back to the button, and the thumbnail shows the choice.
      await page.locator('dialog.media-picker').waitFor({ state: 'hidden', timeout: WAIT });
      expect(await page.evaluate<string>('document.activeElement.textContent.trim()')).toBe('Featured image');
      const thumb = page.locator('img[data-featured-thumb]');
      expect(await thumb.isVisible()).toBe(true);
      expect(await thumb.getAttribute('src')).toMatch(/^\/uploads\/.+\/w240\.webp$/);
      expect(await page.locator('[data-featured-name]').textContent()).toBe('fleet-at-dawn.png');
      expect(await page.getByLabel('Featured image description', { exact: true }).inputValue()).toBe(
        'Fishing boats entering the harbour at dawn',
      );

      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.waitForURL(/\/admin\/articles\/\d+\/edit\?saved=published$/, { timeout: WAIT });
      // Opened again, the editor shows the chosen image by name.
      expect(await page.locator('[data-featured-name]').textContent()).toBe('fleet-at-dawn.png');

      await page.goto(`${base}/boats-come-home/`);
      const featured = page.locator('.featured-image img');
      await featured.waitFor({ timeout: WAIT });
      expect(await featured.getAttribute('alt')).toBe('Fishing boats entering the harbour at dawn');
      expect(await featured.getAttribute('src')).toMatch(/^\/uploads\/.+\/original\.png$/);
      expect(
        await featured.evaluate(
          (node) => (node as HTMLImageElement).complete && (node as HTMLImageElement).naturalWidth > 0,
        ),
      ).toBe(true);
      // The library remembers the description for the next story.
      const row = await database.db
        .selectFrom('uploads')
        .select(['alt', 'filename'])
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        alt: 'Fishing boats entering the harbour at dawn',
        filename: 'fleet-at-dawn.png',
      });
      expect(problems).toEqual([]);
    });
  });
}
