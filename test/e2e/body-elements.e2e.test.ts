// Dateline body HTML's own elements on the article page, in Chromium: a figure, a gallery, an embed's
// link card and a pull quote, as an imported story carries them. They fit a 360 px screen, the gallery
// is a grid, the card shows its provider and address, and axe finds nothing in light or dark mode.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.tsx';
import { sampleArticles } from '../../src/modules/sample/content.ts';
import {
  embedHtml,
  figureHtml,
  galleryHtml,
  sanitizeBody,
  type BodyImage,
} from '../../src/platform/render/body-html.ts';
import { describeBrowser, launchChromium, startSampleServer } from './browser.ts';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const SHOTS = path.join('test-results', 'screenshots');

/** What the page's styles make of the elements, read in the browser. */
interface Measures {
  scrollWidth: number;
  galleryColumns: number;
  embedBorder: string;
  embedText: string;
  pullquoteSize: number;
  bodySize: number;
  captionColour: string;
}
const MEASURE = `(() => {
  const style = (selector) => getComputedStyle(document.querySelector(selector));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    galleryColumns: style('.article-body .gallery ul').gridTemplateColumns.split(' ').length,
    embedBorder: style('.article-body .embed').borderLeftWidth + ' ' + style('.article-body .embed').borderLeftStyle,
    embedText: document.querySelector('.article-body .embed').textContent,
    pullquoteSize: parseFloat(style('.article-body .pullquote').fontSize),
    bodySize: parseFloat(style('.article-body > p').fontSize),
    captionColour: style('.article-body .figure figcaption').color,
  };
})()`;

describeBrowser('body elements on the article page (Chromium)', () => {
  // Not the fullest sample article, which the theme and axe suites measure as it is.
  const article = [...sampleArticles].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt))[0]!;
  let dir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ({ server, dir } = await startSampleServer('body-elements', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
    }));
    browser = await launchChromium();
    fs.mkdirSync(SHOTS, { recursive: true });
    // The sample's own pictures, as an import would point at uploads it brought in.
    const uploads = await server.database.db
      .selectFrom('uploads')
      .select(['storage_key', 'width', 'height'])
      .orderBy('id')
      .limit(4)
      .execute();
    expect(uploads.length).toBeGreaterThanOrEqual(3);
    const images: BodyImage[] = uploads.map((u, i) => ({
      src: `/uploads/${u.storage_key}`,
      width: u.width,
      height: u.height,
      alt: `Picture ${i + 1} of the harbour`,
    }));
    const source = [
      '<p>The harbour wall held through the night, the port said on Monday.</p>',
      figureHtml(images[0]!, { text: 'The wall at high tide.', credit: 'Port Bulletin' }),
      '<p>Crews checked every section of it at first light.</p>',
      galleryHtml(images.slice(1), 'The morning after, from the quay.'),
      embedHtml('https://www.youtube.com/watch?v=harbour-wall', 'The port’s own film of the night.'),
      '<blockquote class="pullquote"><p>“It held, and it will hold again.”</p></blockquote>',
      '<p>Repairs to the older stretch begin next spring.</p>',
    ].join('\n');
    // Written as the WordPress importer leaves a story: the HTML source and its sanitised form.
    await server.database.db
      .updateTable('articles')
      .set({ body_format: 'html', body_markdown: source, body_html: sanitizeBody(source) })
      .where('slug', '=', article.slug)
      .execute();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  async function open(width: number, scheme: 'light' | 'dark'): Promise<Page> {
    if (!server || !browser) throw new Error('the server or the browser did not start');
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width, height: 800 },
      colorScheme: scheme,
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const response = await page.goto(`/${article.slug}/`);
    expect(response?.status()).toBe(200);
    return page;
  }

  it('fits a phone, lays the gallery out as a grid, and shows the card’s provider and address', async () => {
    const phone = await open(360, 'light');
    const small = await phone.evaluate<Measures>(MEASURE);
    await phone.screenshot({ path: path.join(SHOTS, 'body-elements-360.png'), fullPage: true });
    await phone.context().close();
    expect(small.scrollWidth).toBeLessThanOrEqual(360);
    expect(small.galleryColumns).toBe(2);
    expect(small.embedBorder).toBe('4px solid');
    expect(small.embedText).toContain('YouTube: https://www.youtube.com/watch?v=harbour-wall');
    expect(small.pullquoteSize).toBeGreaterThan(small.bodySize);

    const desktop = await open(1280, 'dark');
    const large = await desktop.evaluate<Measures>(MEASURE);
    await desktop.screenshot({ path: path.join(SHOTS, 'body-elements-1280-dark.png'), fullPage: true });
    await desktop.emulateMedia({ media: 'print' });
    // An embed's link reads as its address already: print adds no second copy of it.
    const printedAfter = await desktop.evaluate<string>(
      `getComputedStyle(document.querySelector('.article-body .embed a'), '::after').content`,
    );
    await desktop.context().close();
    expect(large.galleryColumns).toBeGreaterThanOrEqual(3);
    expect(large.captionColour).not.toBe(small.captionColour);
    expect(printedAfter).toBe('none');
  });

  for (const scheme of ['light', 'dark'] as const)
    for (const width of [390, 1280])
      it(`finds no axe violations at ${width} px in ${scheme} mode`, { timeout: 60_000 }, async () => {
        const page = await open(width, scheme);
        try {
          await page.evaluate(axeSource);
          const results = await page.evaluate<{
            violations: { id: string; help: string; nodes: { target: unknown[] }[] }[];
          }>(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })`);
          const problems = results.violations.map(
            (v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`,
          );
          expect(problems, problems.join('\n')).toEqual([]);
        } finally {
          await page.context().close();
        }
      });
});

// Keeps vitest from reporting "no test" when the browser suite is skipped on a machine without Chromium.
describe('body elements', () => {
  it('are built by the body HTML helpers the importer uses', () => {
    expect(embedHtml('https://youtu.be/x')).toContain('class="embed" data-provider="YouTube"');
  });
});
