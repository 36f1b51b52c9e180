// The default reader theme in Chromium: responsive from 360 px, a readable measure, dark mode, print,
// no layout shift, no script needed to read, page weight, landmarks and focus. Screenshots of the front,
// article and author pages at 390×844 and 1280×800 go to test-results/screenshots/ (CI keeps them).
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.tsx';
import { sampleArticles } from '../../src/modules/sample/content.ts';
import { stylesheet } from '../../src/platform/render/assets.ts';
import { describeBrowser, launchChromium, startSampleServer } from './browser.ts';

const SHOTS = path.join('test-results', 'screenshots');
/** The budget for an article page: HTML, CSS and script together, gzipped. Images have their own (list-pictures.e2e.test.ts). */
const WEIGHT_BUDGET = 60 * 1024;

/** The newest sample article with a source and comments: the fullest article page there is. */
const fullest = [...sampleArticles]
  .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
  .find((a) => a.source && a.comments?.length);
if (!fullest) throw new Error('the sample has no article with a source and comments');
const article = fullest;
const source = article.source!;

const readerPages = {
  front: '/',
  article: `/${article.slug}/`,
  author: `/author/${article.authors[0]}/`,
  tag: '/tag/harbour/',
  search: '/search?q=harbour',
  'not-found': '/no-such-page/',
} as const;

// Code that runs in the page. It is written as strings because the project's TypeScript has no DOM
// library (it is server code); each string's result type is declared beside it.

/** Characters per line of the article's first paragraph, and the type sizes of its parts, in px. */
interface TypeMeasures {
  charsPerLine: number;
  headline: number;
  standfirst: number;
  body: number;
  byline: number;
}
const MEASURE_TYPE = `(() => {
  const size = (selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize);
  const p = document.querySelector('.article-body p');
  const style = getComputedStyle(p);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = style.fontStyle + ' ' + style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
  const text = p.textContent;
  const averageChar = ctx.measureText(text).width / text.length;
  return {
    charsPerLine: p.clientWidth / averageChar,
    headline: size('h1'),
    standfirst: size('.standfirst'),
    body: size('.article-body p'),
    byline: size('.byline'),
  };
})()`;

/** The focused element: its text, link, focus outline ("solid 3") and whether it is in view. */
interface FocusState {
  text: string | null;
  href: string | null;
  outline: string;
  visible: boolean;
}
const FOCUSED = `(() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    text: el.textContent,
    href: el.getAttribute('href'),
    outline: style.outlineStyle + ' ' + parseFloat(style.outlineWidth),
    visible: box.top >= 0 && box.bottom <= innerHeight && box.width > 0,
  };
})()`;

/** Sums the page's layout shifts into window.__layoutShift, from the first paint on. */
const WATCH_LAYOUT_SHIFTS = `
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
`;

/** Which parts of the article page print, what the print-only address says, and the source link's ::after. */
interface PrintState {
  nav: boolean;
  search: boolean;
  comments: boolean;
  footer: boolean;
  headline: boolean;
  body: boolean;
  source: boolean;
  address: string | null;
  sourceAfter: string | null;
}
const PRINTED = `(() => {
  const shown = (selector) => document.querySelector(selector)?.checkVisibility() ?? false;
  const sourceLink = document.querySelector('.source a');
  return {
    nav: shown('.site-nav'),
    search: shown('.site-search'),
    comments: shown('#comments'),
    footer: shown('.site-footer'),
    headline: shown('h1'),
    body: shown('.article-body'),
    source: shown('.source'),
    address: shown('.print-only') ? document.querySelector('.print-only').textContent : null,
    sourceAfter: sourceLink ? getComputedStyle(sourceLink, '::after').content : null,
  };
})()`;

/** Headings in document order, as levels; the page must open with h1 and never skip a level. */
async function headingLevels(page: Page): Promise<number[]> {
  // The callbacks run in the browser; the project's types have no DOM, so they name what they read.
  return page.$$eval('h1, h2, h3, h4, h5, h6', (els: { tagName: string }[]) =>
    els.map((el) => Number(el.tagName[1])),
  );
}

describeBrowser('reader theme (Chromium)', () => {
  let dir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ({ server, dir } = await startSampleServer('theme', { NODE_ENV: 'production', LOG_LEVEL: 'silent' }));
    browser = await launchChromium();
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  async function open(options: Parameters<Browser['newContext']>[0] = {}): Promise<{
    context: BrowserContext;
    page: Page;
  }> {
    if (!server || !browser) throw new Error('the server or the browser did not start');
    const context = await browser.newContext({ baseURL: server.url, ...options });
    context.setDefaultTimeout(15_000);
    return { context, page: await context.newPage() };
  }

  it(
    'takes screenshots of the front, article and author pages on a phone and a desktop',
    { timeout: 90_000 },
    async () => {
      for (const viewport of [
        { width: 390, height: 844 },
        { width: 1280, height: 800 },
      ]) {
        for (const colorScheme of ['light', 'dark'] as const) {
          const { context, page } = await open({ viewport, colorScheme });
          for (const name of ['front', 'article', 'author'] as const) {
            await page.goto(readerPages[name]);
            // What the reader first sees, and the whole page.
            const file = path.join(SHOTS, `${name}-${viewport.width}x${viewport.height}-${colorScheme}`);
            await page.screenshot({ path: `${file}.png` });
            await page.screenshot({ path: `${file}-full.png`, fullPage: true });
            expect(fs.statSync(`${file}-full.png`).size).toBeGreaterThan(10_000);
          }
          await context.close();
        }
      }
    },
  );

  it('never scrolls sideways at 360 px, on any page type', { timeout: 60_000 }, async () => {
    const { context, page } = await open({ viewport: { width: 360, height: 740 } });
    const widths: Record<string, number> = {};
    for (const [name, url] of Object.entries(readerPages)) {
      await page.goto(url);
      widths[name] = await page.evaluate<number>('document.documentElement.scrollWidth');
    }
    await page.goto(readerPages.article);
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/comments'));
    widths['article-comment-errors'] = await page.evaluate<number>('document.documentElement.scrollWidth');
    await context.close();
    for (const [name, width] of Object.entries(widths)) expect(width, name).toBeLessThanOrEqual(360);
  });

  it('keeps body text to a readable measure and a clear type scale', { timeout: 30_000 }, async () => {
    for (const width of [390, 1280]) {
      const { context, page } = await open({ viewport: { width, height: 800 } });
      await page.goto(readerPages.article);
      const m = await page.evaluate<TypeMeasures>(MEASURE_TYPE);
      await context.close();
      console.log(`Measure at ${width} px: ${Math.round(m.charsPerLine)} characters per line`);
      if (width === 1280) {
        expect(m.charsPerLine).toBeGreaterThanOrEqual(60);
        expect(m.charsPerLine).toBeLessThanOrEqual(78);
      } else {
        expect(m.charsPerLine).toBeLessThanOrEqual(60);
      }
      expect(m.headline).toBeGreaterThan(m.standfirst * 1.3);
      expect(m.standfirst).toBeGreaterThan(m.body);
      expect(m.body).toBeGreaterThan(m.byline);
      expect(m.body).toBeGreaterThanOrEqual(17);
    }
  });

  it('has landmarks, a skip link, one h1 and no skipped heading levels', { timeout: 30_000 }, async () => {
    const { context, page } = await open({ viewport: { width: 1280, height: 800 } });
    for (const [name, url] of Object.entries(readerPages)) {
      await page.goto(url);
      expect(await page.getAttribute('html', 'lang'), name).toBeTruthy();
      expect(await page.getByRole('banner').count(), name).toBe(1);
      expect(await page.getByRole('navigation', { name: 'Sections' }).count(), name).toBe(1);
      expect(await page.getByRole('main').count(), name).toBe(1);
      expect(await page.getByRole('contentinfo').count(), name).toBe(1);
      expect(await page.getByRole('search').count(), name).toBeGreaterThanOrEqual(1);
      expect(await page.locator('h1').count(), name).toBe(1);
      const levels = await headingLevels(page);
      expect(levels[0], name).toBe(1);
      for (let i = 1; i < levels.length; i += 1)
        expect(levels[i]!, `${name}: heading ${i} jumps from h${levels[i - 1]}`).toBeLessThanOrEqual(
          levels[i - 1]! + 1,
        );
    }
    await page.goto(readerPages.article);
    expect(await page.locator('main article.article').count()).toBe(1);
    expect(await page.getByRole('complementary', { name: /^About / }).count()).toBeGreaterThan(0);
    expect(await page.locator('.byline time[datetime]').count()).toBeGreaterThan(0);

    // The first Tab lands on the skip link, which shows itself with a visible focus ring and leads to <main>.
    await page.keyboard.press('Tab');
    const skip = await page.evaluate<FocusState>(FOCUSED);
    expect(skip).toEqual({ text: 'Skip to content', href: '#main', outline: 'solid 3', visible: true });
    await page.keyboard.press('Tab');
    const next = await page.evaluate<FocusState>(FOCUSED);
    expect(next.outline).toBe('solid 3');
    await context.close();
  });

  it(
    'reads without script: the article, its comments and the form are all there',
    { timeout: 30_000 },
    async () => {
      const { context, page } = await open({
        javaScriptEnabled: false,
        viewport: { width: 390, height: 844 },
      });
      await page.goto(readerPages.article);
      expect(await page.locator('h1').textContent()).toBe(article.title);
      expect(await page.locator('.article-body p').count()).toBeGreaterThan(1);
      expect(await page.locator('#comments .comment').count()).toBeGreaterThan(0);
      expect(await page.locator('form.comment-form').isVisible()).toBe(true);
      await context.close();
      if (!server) throw new Error('no server');
      for (const [name, url] of Object.entries(readerPages)) {
        const html = await (await fetch(new URL(url, server.url))).text();
        const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
        // Two small progressive enhancements, and no other script: the comment form's, only where the
        // form is, and the header menu's disclosures (the sample's News has sections under it).
        expect(
          scripts.every((src) => /^\/assets\/(comment-form|nav)\.[0-9a-f]{12}\.js$/.test(src ?? '')),
          name,
        ).toBe(true);
        if (name !== 'article')
          expect(
            scripts.filter((src) => !/^\/assets\/nav\./.test(src ?? '')),
            name,
          ).toEqual([]);
        expect([...html.matchAll(/<link\b[^>]*rel="stylesheet"/g)].length, name).toBe(1);
      }
    },
  );

  it('uses one hashed, immutable stylesheet with system fonts only', async () => {
    if (!server) throw new Error('no server');
    expect(stylesheet.path).toMatch(/^\/assets\/site\.[0-9a-f]{12}\.css$/);
    const response = await fetch(new URL(stylesheet.path, server.url));
    expect(response.headers.get('cache-control')).toContain('immutable');
    const css = await response.text();
    expect(css).not.toMatch(/@font-face|@import|url\(/);
  });

  it(
    `weighs under ${WEIGHT_BUDGET / 1024} KB gzipped per article page, every request together`,
    { timeout: 30_000 },
    async () => {
      if (!server) throw new Error('no server');
      const base = server.url;
      const gz = async (url: string) =>
        gzipSync(Buffer.from(await (await fetch(new URL(url, base))).arrayBuffer())).length;
      let heaviest = { slug: '', bytes: 0, parts: {} as Record<string, number> };
      for (const a of sampleArticles) {
        const url = `/${a.slug}/`;
        const html = await (await fetch(new URL(url, base))).text();
        const subresources = [
          ...html.matchAll(/<(?:link\b[^>]*rel="(?:stylesheet|icon)"[^>]*href|script\b[^>]*src)="([^"]+)"/g),
        ].map((m) => m[1]!);
        const parts: Record<string, number> = { html: gzipSync(Buffer.from(html)).length };
        for (const sub of subresources) parts[sub] = await gz(sub);
        const bytes = Object.values(parts).reduce((sum, n) => sum + n, 0);
        if (bytes > heaviest.bytes) heaviest = { slug: a.slug, bytes, parts };
      }
      console.log(`Heaviest article page, gzipped: ${heaviest.bytes} B (${heaviest.slug})`, heaviest.parts);
      expect(Object.keys(heaviest.parts).some((k) => k.endsWith('.css'))).toBe(true);
      expect(Object.keys(heaviest.parts).some((k) => k.endsWith('.js'))).toBe(true);
      expect(heaviest.bytes).toBeLessThan(WEIGHT_BUDGET);
    },
  );

  it('does not shift as it loads, and every image has its size', { timeout: 30_000 }, async () => {
    const { context, page } = await open({ viewport: { width: 390, height: 844 } });
    await page.addInitScript(WATCH_LAYOUT_SHIFTS);
    for (const [name, url] of Object.entries(readerPages)) {
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      expect(await page.evaluate<number>('window.__layoutShift'), name).toBe(0);
      const unsized = await page.$$eval(
        'img',
        (imgs: { src: string; getAttribute(name: string): string | null }[]) =>
          imgs
            .filter((img) => !img.getAttribute('width') || !img.getAttribute('height'))
            .map((img) => img.src),
      );
      expect(unsized, name).toEqual([]);
    }
    await context.close();
  });

  it('follows the reader into dark mode', async () => {
    const backgrounds: Record<string, string> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page } = await open({ colorScheme });
      await page.goto(readerPages.article);
      backgrounds[colorScheme] = await page.evaluate<string>(
        'getComputedStyle(document.body).backgroundColor',
      );
      await context.close();
    }
    expect(backgrounds).toEqual({ light: 'rgb(255, 255, 255)', dark: 'rgb(20, 21, 23)' });
  });

  it(
    'prints the article with its source and its address, without the site furniture',
    { timeout: 30_000 },
    async () => {
      const { context, page } = await open({ viewport: { width: 1280, height: 800 } });
      await page.goto(readerPages.article);
      await page.emulateMedia({ media: 'print' });
      const canonical = await page.getAttribute('link[rel="canonical"]', 'href');
      expect(canonical).toMatch(/^http/);
      const printed = await page.evaluate<PrintState>(PRINTED);
      expect(printed).toMatchObject({
        nav: false,
        search: false,
        comments: false,
        footer: false,
        headline: true,
        body: true,
        source: true,
        sourceAfter: `" (${source.url})"`,
      });
      expect(printed.address).toContain(canonical);
      await page.pdf({ path: path.join('test-results', 'article-print.pdf'), format: 'A4' });
      await context.close();
    },
  );
});

// Keeps vitest from reporting "no test" when the browser suite is skipped on a machine without Chromium.
describe('theme test data', () => {
  it('has a sourced, commented sample article to show', () => {
    expect(source.url).toMatch(/^https:\/\//);
  });
});
