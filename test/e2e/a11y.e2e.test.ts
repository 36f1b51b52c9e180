// axe-core in Chromium on every page type a reader meets, in light and dark, on a phone and a desktop.
// Zero violations of WCAG 2.0, 2.1 and 2.2 A/AA and axe's best practices. The reports go to test-results/axe/.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.tsx';
import { sampleArticles } from '../../src/modules/sample/content.ts';
import { describeBrowser, launchChromium, startSampleServer } from './browser.ts';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every WCAG A/AA tag up to 2.2, and axe's best practices (landmarks, one h1, heading order…). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/** The newest sample article with a source and comments: the fullest article page there is. */
const fullest = [...sampleArticles]
  .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
  .find((a) => a.source && a.comments?.length);
if (!fullest) throw new Error('the sample has no article with a source and comments');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}
interface AxeResults {
  violations: AxeViolation[];
  incomplete: AxeViolation[];
  passes: { id: string }[];
  testEngine: { version: string };
}

/**
 * Runs axe on the page as it is now. Evaluated rather than added as a <script>, so no CSP can stop it;
 * a string, because the project's TypeScript has no DOM library.
 */
async function runAxe(page: Page): Promise<AxeResults> {
  await page.evaluate(axeSource);
  return page.evaluate<AxeResults>(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })`,
  );
}

function describeViolations(where: string, violations: AxeViolation[]): string[] {
  return violations.map(
    (v) =>
      `${where}: ${v.id} (${v.impact ?? 'n/a'}) ${v.help}\n` +
      v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n'),
  );
}

describeBrowser('accessibility (axe-core in Chromium)', () => {
  const article = fullest;
  const pages: { name: string; open(page: Page): Promise<void> }[] = [
    { name: 'front', open: async (p) => void (await p.goto('/')) },
    { name: 'article', open: async (p) => void (await p.goto(`/${article.slug}/`)) },
    {
      name: 'article-reply',
      open: async (p) => void (await p.goto(`/${article.slug}/?replytocom=1`)),
    },
    { name: 'author', open: async (p) => void (await p.goto(`/author/${article.authors[0]}/`)) },
    { name: 'tag', open: async (p) => void (await p.goto('/tag/harbour/')) },
    {
      // A section page with the header's submenu open (the sample's News has sections under it).
      name: 'section-menu-open',
      open: async (p) => {
        await p.goto('/section/news/');
        const toggle = p.getByRole('button', { name: 'More in News' });
        await toggle.click();
        expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      },
    },
    { name: 'standing-page', open: async (p) => void (await p.goto('/about/contact/')) },
    { name: 'search', open: async (p) => void (await p.goto('/search?q=harbour')) },
    {
      name: 'not-found',
      open: async (p) => {
        const response = await p.goto('/no-such-page/');
        expect(response?.status()).toBe(404);
      },
    },
    {
      // The form posted empty: the page comes back with the errors beside their fields.
      name: 'article-comment-errors',
      open: async (p) => {
        await p.goto(`/${article.slug}/`);
        await Promise.all([
          p.waitForURL((url) => url.pathname === `/${article.slug}/comments`),
          p.getByRole('button', { name: 'Post Comment' }).click(),
        ]);
        expect(await p.locator('.field-error').count()).toBeGreaterThan(0);
        expect(await p.locator('#comment').getAttribute('aria-describedby')).toBe('comment-error');
      },
    },
  ];

  let dir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ({ server, dir } = await startSampleServer('a11y', { NODE_ENV: 'production', LOG_LEVEL: 'silent' }));
    browser = await launchChromium();
    fs.mkdirSync(path.join('test-results', 'axe'), { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  for (const size of SIZES) {
    for (const scheme of SCHEMES) {
      it(
        `finds no violations at ${size.width}×${size.height} in ${scheme} mode`,
        { timeout: 90_000 },
        async () => {
          if (!server || !browser) throw new Error('the server or the browser did not start');
          const context = await browser.newContext({
            baseURL: server.url,
            viewport: { width: size.width, height: size.height },
            colorScheme: scheme,
          });
          context.setDefaultTimeout(15_000);
          const page = await context.newPage();
          const problems: string[] = [];
          const report: Record<string, unknown> = {};
          try {
            for (const target of pages) {
              await target.open(page);
              const results = await runAxe(page);
              expect(results.passes.length, `${target.name}: axe ran no rules`).toBeGreaterThan(20);
              report[target.name] = { violations: results.violations, incomplete: results.incomplete };
              problems.push(
                ...describeViolations(`${target.name} (${size.name}, ${scheme})`, results.violations),
              );
            }
          } finally {
            await context.close();
            fs.writeFileSync(
              path.join('test-results', 'axe', `${size.name}-${scheme}.json`),
              `${JSON.stringify(report, null, 2)}\n`,
            );
          }
          expect(problems, problems.join('\n')).toEqual([]);
        },
      );
    }
  }
});

// Keeps vitest from reporting "no test" when the browser suite is skipped on a machine without Chromium.
describe('axe-core', () => {
  it('is installed and names the tags the browser suite runs', () => {
    expect(axeSource.length).toBeGreaterThan(100_000);
    expect(AXE_TAGS).toContain('wcag22aa');
  });
});
