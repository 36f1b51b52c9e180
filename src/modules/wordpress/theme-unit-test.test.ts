// WordPress's Theme Unit Test export, a real and hostile-by-design publication, imported as it is and
// checked against the counts its README gives. The export is GPL: it is read where the machine keeps
// it (../shared/fixtures/wordpress/, or THEME_UNIT_TEST_WXR), never copied into this repository.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import type { WordpressImportResult } from './index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const NAME = 'themeunittestdata.wordpress.xml';
const candidates = [
  process.env.THEME_UNIT_TEST_WXR,
  path.resolve(here, '../../../../shared/fixtures/wordpress', NAME),
  path.join('/work/shared/fixtures/wordpress', NAME),
].filter((p): p is string => p !== undefined && p !== '');
const exportFile = candidates.find((p) => fs.existsSync(p));

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe.skipIf(exportFile === undefined).each(DIALECTS)('the Theme Unit Test export on %s', (dialect) => {
  let t: TestApp;
  let result: WordpressImportResult;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    result = await t.services.wordpress.importFile({ file: exportFile as string });
  }, 120_000);
  afterAll(async () => t?.close());

  it('reports the counts its README gives', () => {
    const { counts } = result.report;
    expect(sum(counts.posts)).toBe(58);
    expect(counts.posts.draft).toBe(1);
    expect(counts.posts.future).toBe(1);
    expect(counts.posts.password).toBe(1);
    expect(sum(counts.pages)).toBe(21);
    expect(sum(counts.attachments)).toBe(37);
    expect(counts.otherTypes.nav_menu_item).toBe(70);
    expect(sum(counts.comments) + sum(counts.pingbacks)).toBe(33);
    expect(sum(counts.categories)).toBe(68);
    expect(sum(counts.tags)).toBe(110);
    expect(sum(counts.authors)).toBe(2);
  });

  it('writes them: every post but none public that should not be, pages, threads, sections and tags', async () => {
    const db = t.database.db;
    const articles = await db.selectFrom('articles').select(['status', 'title']).execute();
    expect(articles).toHaveLength(58);
    expect(articles.filter((a) => a.status === 'scheduled')).toHaveLength(1);
    const locked = articles.find((a) => /Password Protected/.test(a.title));
    expect(locked?.status).toBe('draft');
    expect(await db.selectFrom('pages').select('id').execute()).toHaveLength(21);
    const authors = await db.selectFrom('authors').select('slug').execute();
    expect(authors).toHaveLength(2);
    const replies = await db.selectFrom('comments').where('parent_id', 'is not', null).select('id').execute();
    // Ten replies in the export; one is on a page, and Dateline's pages take no comments.
    expect(replies.length).toBe(9);
    const imported = await db
      .selectFrom('import_items')
      .where('wp_key', 'like', 'category:%')
      .select('target_id')
      .execute();
    expect(imported).toHaveLength(68);
    const tags = await db
      .selectFrom('import_items')
      .where('wp_key', 'like', 'tag:%')
      .select('target_id')
      .execute();
    expect(tags.length).toBeGreaterThanOrEqual(110);
    const page = await t.app.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(locked?.title ?? 'never');
  });

  it('imports again without a single new row', async () => {
    const count = async () =>
      (
        await t.database.db
          .selectFrom('import_items')
          .select(t.database.db.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = Number(await count());
    const again = await t.services.wordpress.importFile({ file: exportFile as string });
    expect(again.report.written.created).toBe(0);
    expect(Number(await count())).toBe(before);
  }, 120_000);
});
