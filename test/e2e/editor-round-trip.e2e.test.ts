// One body format through the story editor itself (issue #17), in Chromium on every database: every
// article and page of the sample publication, and every post and page imported from WordPress's Theme
// Unit Test export, opens in the editor and is written back byte for byte once an edit is made and
// undone. (body-round-trip.test.ts posts the same forms without script; this is the editor's half.)
// The export is read where the machine keeps it (../shared/fixtures/wordpress/ or THEME_UNIT_TEST_WXR),
// never copied into this repository.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFileStorage } from '../../src/platform/storage.ts';
import { seedIfEmpty } from '../../src/server.tsx';
import { DIALECTS } from '../databases.ts';
import { describeBrowser, isCi, startBrowserNewsroom, type BrowserNewsroom } from './browser.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const NAME = 'themeunittestdata.wordpress.xml';
const exportFile = [
  process.env.THEME_UNIT_TEST_WXR,
  path.resolve(here, '../../../shared/fixtures/wordpress', NAME),
  path.join('/work/shared/fixtures/wordpress', NAME),
]
  .filter((p): p is string => p !== undefined && p !== '')
  .find((p) => fs.existsSync(p));

const WAIT = 30_000;
const admin = { name: 'Ari Admin', email: 'ari@example.com', password: 'ari keeps the site running' };

/**
 * In the open editor: adds a paragraph after the story and takes it out again, so the editor writes its
 * document back to the form as it does after any edit, then returns what it wrote. (An edit inside a
 * block rewrites that block the editor's way; every block it leaves alone must come back as stored.)
 */
const EDIT_AND_UNDO = `(() => {
  const { editor } = window.DatelineEditor;
  const end = editor.state.doc.content.size;
  editor.view.dispatch(editor.state.tr.insert(end, editor.schema.nodes.paragraph.create(null, editor.schema.text('x'))));
  editor.view.dispatch(editor.state.tr.delete(end, editor.state.doc.content.size));
  const textarea = document.querySelector('textarea[name="body"]');
  textarea.dispatchEvent(new Event('dateline:flush'));
  return textarea.value;
})()`;

for (const dialect of DIALECTS) {
  describeBrowser(`every body through the story editor on ${dialect} (Chromium)`, () => {
    let newsroom: BrowserNewsroom;
    let page: Page;

    beforeAll(async () => {
      newsroom = await startBrowserNewsroom(dialect, []);
      // PGlite's first start and Chromium's launch take long on a busy machine.
    }, 180_000);

    /** Empties the database, fills it with `fill`, then signs an admin in. */
    async function freshNewsroom(fill: () => Promise<unknown>): Promise<void> {
      await newsroom.database.reset();
      await fill();
      await newsroom.services.accounts.addUser({ ...admin, role: 'admin' });
      const context = await newsroom.browser.newContext();
      context.setDefaultTimeout(WAIT);
      page = await context.newPage();
      await page.goto(`${newsroom.base}/admin/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(admin.email);
      await page.getByLabel('Password', { exact: true }).fill(admin.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
    }

    afterAll(async () => newsroom?.close());

    /** Opens every article and page in the editor; returns how many of each came back unchanged. */
    async function throughTheEditor(): Promise<{ articles: number; pages: number }> {
      const { db } = newsroom.database;
      const counts = { articles: 0, pages: 0 };
      for (const kind of ['articles', 'pages'] as const) {
        const rows = await db.selectFrom(kind).select(['id', 'body_markdown']).orderBy('id').execute();
        for (const { id, body_markdown: stored } of rows) {
          await page.goto(`${newsroom.base}/admin/${kind}/${id}/edit`);
          await page.getByRole('textbox', { name: 'Body', exact: true }).waitFor();
          const written = await page.evaluate<string>(EDIT_AND_UNDO);
          expect(written, `${kind} ${id}`).toBe(stored);
          counts[kind] += 1;
        }
      }
      return counts;
    }

    it('for every article and page of the sample publication', async () => {
      const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-round-trip-'));
      try {
        await freshNewsroom(() =>
          seedIfEmpty(newsroom.database, { storage: createFileStorage({ root: uploads }) }),
        );
      } finally {
        fs.rmSync(uploads, { recursive: true, force: true });
      }
      const counts = await throughTheEditor();
      expect(counts.articles).toBeGreaterThan(10);
      expect(counts.pages).toBeGreaterThan(3);
    }, 300_000);

    it.skipIf(exportFile === undefined && !isCi)(
      'for every post and page imported from WordPress',
      async () => {
        expect(exportFile, 'the Theme Unit Test export').toBeDefined();
        await freshNewsroom(() => newsroom.services.wordpress.importFile({ file: exportFile as string }));
        const counts = await throughTheEditor();
        expect(counts).toEqual({ articles: 58, pages: 21 });
      },
      600_000,
    );
  });
}
