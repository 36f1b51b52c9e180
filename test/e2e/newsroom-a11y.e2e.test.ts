// The newsroom's screens under axe-core in Chromium, on a phone and a desktop, light and dark, plus
// the keyboard: every control on the editor is reachable with Tab, and the core actions work with
// script turned off. Reports go to test-results/axe/newsroom-*.json.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServices } from '../../src/app.tsx';
import type { RunningServer } from '../../src/server.tsx';
import { describeBrowser, launchChromium, startSampleServer } from './browser.ts';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const admin = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada keeps the keys' };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

async function runAxe(page: Page): Promise<{ violations: AxeViolation[]; passes: unknown[] }> {
  await page.evaluate(axeSource);
  return page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })`,
  );
}

describeBrowser('the newsroom’s accessibility (axe-core and the keyboard in Chromium)', () => {
  let dir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let articleId = 0;
  let commentId = 0;
  let checkedImportId = 0;
  let workingImportId = 0;

  beforeAll(async () => {
    ({ server, dir } = await startSampleServer('newsroom-a11y', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
    }));
    const services = await createServices({ database: server.database });
    await services.accounts.addUser({ ...admin, role: 'admin' });
    const article = await server.database.db
      .selectFrom('articles')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    articleId = article.id;
    const comment = await server.database.db
      .selectFrom('comments')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    commentId = comment.id;
    // The Import screen's run pages: an export checked and waiting to be started, and one at work.
    const imports = (
      await createServices({ database: server.database, importsDir: path.join(dir, 'imports') })
    ).imports;
    const folder = await imports.prepare();
    fs.copyFileSync(
      new URL('../../src/modules/wordpress/fixtures/harbour-gazette-wxr-1.2.xml', import.meta.url),
      path.join(folder.exportDir, 'harbour-gazette.xml'),
    );
    const adminId = (await services.accounts.listUsers())[0]?.id ?? 0;
    checkedImportId = await imports.begin({
      folder,
      exportFile: 'harbour-gazette.xml',
      fileName: 'harbour-gazette.xml',
      hasZip: false,
      actor: { id: adminId, name: admin.name },
    });
    await imports.idle();
    // At work in some process, far from stale whenever the screens are visited.
    workingImportId = (
      await server.database.db
        .insertInto('import_runs')
        .values({
          status: 'running',
          file_key: 'elsewhere/export/site.xml',
          file_name: 'site.xml',
          progress: 10,
          total: 40,
          created_at: new Date().toISOString(),
          updated_at: '2999-01-01T00:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    browser = await launchChromium();
    fs.mkdirSync(path.join('test-results', 'axe'), { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  async function signedInPage(options: {
    width: number;
    height: number;
    scheme: 'light' | 'dark';
    javaScript?: boolean;
  }) {
    if (!server || !browser) throw new Error('the server or the browser did not start');
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: options.width, height: options.height },
      colorScheme: options.scheme,
      javaScriptEnabled: options.javaScript ?? true,
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto('/admin/sign-in');
    await page.getByLabel('Email', { exact: true }).fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
    return { context, page };
  }

  // Both sizes and both schemes, in two runs rather than four: each run visits every screen, and CI's
  // two cores pay for every visit.
  for (const [size, schemes] of [
    [{ name: 'phone', width: 390, height: 844 }, ['dark']],
    [{ name: 'desktop', width: 1280, height: 800 }, ['light']],
  ] as const) {
    for (const scheme of schemes) {
      it(
        `finds no violations on any newsroom screen at ${size.name} size in ${scheme} mode`,
        { timeout: 90_000 },
        async () => {
          const screens = [
            '/admin/articles',
            '/admin/articles?status=draft',
            '/admin/articles/new',
            `/admin/articles/${articleId}/edit`,
            `/admin/articles/${articleId}/revisions`,
            '/admin/comments',
            '/admin/comments?status=approved',
            `/admin/comments/${commentId}/edit`,
            '/admin/settings',
            '/admin/users',
            '/admin/profile',
            '/admin/uploads',
            '/admin/audit',
            '/admin/sections',
            '/admin/tags',
            '/admin/redirects',
            '/admin/wire',
            '/admin/import',
            `/admin/import/${checkedImportId}`,
            // With its reloading turned off: axe's meta-refresh rule refuses a page that reloads by
            // itself, which a run at work does until the person asks it to stop.
            `/admin/import/${workingImportId}?updates=off`,
            '/admin/password',
          ];
          const { context, page } = await signedInPage({ ...size, scheme });
          const problems: string[] = [];
          const report: Record<string, unknown> = {};
          try {
            for (const screen of screens) {
              const response = await page.goto(screen);
              expect(response?.status(), screen).toBe(200);
              const results = await runAxe(page);
              expect(results.passes.length, `${screen}: axe ran no rules`).toBeGreaterThan(15);
              report[screen] = results.violations;
              for (const v of results.violations)
                problems.push(
                  `${screen} (${size.name}, ${scheme}): ${v.id} (${v.impact ?? 'n/a'}) ${v.help}\n` +
                    v.nodes
                      .map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
                      .join('\n'),
                );
            }
            // The sign-in page, signed out.
            await context.clearCookies();
            await page.goto('/admin/sign-in');
            const results = await runAxe(page);
            for (const v of results.violations) problems.push(`sign-in: ${v.id} ${v.help}`);
          } finally {
            await context.close();
            fs.writeFileSync(
              path.join('test-results', 'axe', `newsroom-${size.name}-${scheme}.json`),
              `${JSON.stringify(report, null, 2)}\n`,
            );
          }
          expect(problems, problems.join('\n')).toEqual([]);
        },
      );
    }
  }

  it('reaches every editor control with the keyboard, in a visible order', { timeout: 90_000 }, async () => {
    const { context, page } = await signedInPage({ width: 1280, height: 800, scheme: 'light' });
    try {
      await page.goto('/admin/articles/new');
      const wanted = [
        'Title',
        'Slug',
        'Standfirst',
        'Body',
        'Tags',
        'Authors',
        'Source name',
        'Source URL',
        'Publish at',
      ];
      const buttons = ['Save draft', 'Publish', 'Schedule'];
      const reached = new Set<string>();
      for (let i = 0; i < 80; i += 1) {
        await page.keyboard.press('Tab');
        const name = await page.evaluate(`(() => {
          const el = document.activeElement;
          if (!el) return '';
          if (el.labels && el.labels[0]) return el.labels[0].textContent.trim();
          const by = el.getAttribute('aria-labelledby');
          if (by) return by.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
          return (el.textContent || '').trim();
        })()`);
        if (typeof name === 'string' && name) reached.add(name);
      }
      for (const label of [
        ...wanted,
        ...buttons,
        'Articles',
        'New article',
        'Comments',
        'Settings',
        'Sign out',
      ])
        expect(
          [...reached].some((r) => r === label || r.startsWith(`${label} `) || r.startsWith(`${label}\n`)),
          label,
        ).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('saves a draft and approves a comment with script turned off', { timeout: 90_000 }, async () => {
    const { context, page } = await signedInPage({
      width: 1280,
      height: 800,
      scheme: 'light',
      javaScript: false,
    });
    try {
      await page.goto('/admin/articles/new');
      await page.getByLabel('Title', { exact: true }).fill('A draft written without script');
      await page.getByLabel('Body', { exact: true }).fill('Plain forms still work.');
      await page.getByRole('button', { name: 'Save draft', exact: true }).click();
      await page.waitForURL(/\/admin\/articles\/\d+\/edit/);
      expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(
        'A draft written without script',
      );
      await page.goto('/admin/comments?status=approved');
      await page.getByRole('button', { name: 'Trash', exact: true }).first().click();
      await page.getByRole('status').first().waitFor();
      await page.goto('/admin/comments?status=trash');
      await page.getByRole('button', { name: 'Restore', exact: true }).first().click();
      await page.getByRole('status').first().waitFor();
    } finally {
      await context.close();
    }
  });
});
