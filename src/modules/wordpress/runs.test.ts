import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import type { WordpressImportOptions, WordpressImportResult } from './importer.ts';
import {
  createImportRunService,
  INTERRUPTED_CHECK,
  INTERRUPTED_IMPORT,
  type ImportRunService,
} from './runs.ts';

const FIXTURE = readFileSync(new URL('./fixtures/harbour-gazette-wxr-1.2.xml', import.meta.url));

describe.each(DIALECTS)('Import screen runs in the background on %s', (dialect) => {
  let t: TestApp;
  let dir: string;
  let actor: { id: number; name: string };
  const made: ImportRunService[] = [];
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    dir = mkdtempSync(path.join(tmpdir(), 'dateline-runs-'));
    const { id } = await t.services.accounts.addUser({
      name: 'Ada Admin',
      email: 'ada@example.com',
      role: 'admin',
      password: 'ada keeps the keys',
    });
    actor = { id, name: 'Ada Admin' };
  });
  afterEach(async () => {
    for (const service of made.splice(0)) await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A runs service over an importer the test controls. */
  function service(importFile: (options: WordpressImportOptions) => Promise<WordpressImportResult>) {
    const errors: unknown[] = [];
    const runs = createImportRunService({
      db: t.database.db,
      clock: t.clock,
      importer: { importFile },
      dir,
      closeGraceMs: 50,
      onError: (error) => errors.push(error),
    });
    made.push(runs);
    return { runs, errors };
  }

  async function upload(runs: ImportRunService): Promise<number> {
    const folder = await runs.prepare();
    writeFileSync(path.join(folder.exportDir, 'site.xml'), FIXTURE);
    return runs.begin({ folder, exportFile: 'site.xml', fileName: 'site.xml', hasZip: false, actor });
  }

  const row = (id: number) =>
    t.database.db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('answers the upload before the check runs, and reports progress as it goes', async () => {
    let release: () => void = () => {};
    const seen: number[] = [];
    const { runs } = service(async (options) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      for (let i = 500; i <= 1000; i += 1)
        options.onProgress?.({ phase: 'scan', bytesRead: i, totalBytes: 1000, items: i });
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen.push((await row(id)).progress);
      return t.services.wordpress.importFile({ ...options, dryRun: true });
    });
    const id = await upload(runs);
    // Begun, not done: the request would have its answer now.
    expect((await runs.get(id))?.phase).toBe('checking');
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await runs.idle();
    // Five hundred reports in a burst reached the row once (the first, half the first pass); the end
    // sets it to the total.
    const kib = Math.ceil(FIXTURE.length / 1024);
    expect(seen).toEqual([Math.floor(kib / 2)]);
    const checked = await runs.get(id);
    expect(checked?.phase).toBe('checked');
    expect(checked?.progress).toBe(checked?.total);
    expect(checked?.canStart).toBe(true);
  });

  it('catches an error in the job and stores it on the run, never leaving it running', async () => {
    const { runs, errors } = service(async () => {
      throw new Error('disk on fire');
    });
    const id = await upload(runs);
    await runs.idle();
    const run = await runs.get(id);
    expect(run?.phase).toBe('failed');
    expect(run?.error).toBe('The import stopped on an unexpected error: disk on fire');
    expect(errors).toHaveLength(1);
  });

  it('marks a run still going when the app closes as interrupted', async () => {
    const { runs } = service(() => new Promise(() => {}));
    const id = await upload(runs);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await runs.close();
    expect(await row(id)).toMatchObject({ status: 'failed', error: INTERRUPTED_CHECK });
  });

  it('marks runs a dead process left behind as interrupted on the next start, and only those', async () => {
    const { runs } = service(() => new Promise(() => {}));
    const old = new Date(Date.parse(TEST_NOW) - 120_000).toISOString();
    const insert = (status: 'scanned' | 'running', updatedAt: string, report: string | null) =>
      t.database.db
        .insertInto('import_runs')
        .values({
          status,
          file_key: 'x/export/site.xml',
          file_name: 'site.xml',
          report,
          created_at: old,
          updated_at: updatedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const deadImport = await insert('running', old, '{}');
    const deadCheck = await insert('scanned', old, null);
    const checked = await insert('scanned', old, '{}');
    const alive = await insert('running', TEST_NOW, '{}');
    expect(await runs.recover()).toBe(2);
    expect(await row(deadImport.id)).toMatchObject({ status: 'failed', error: INTERRUPTED_IMPORT });
    expect(await row(deadCheck.id)).toMatchObject({ status: 'failed', error: INTERRUPTED_CHECK });
    expect((await row(checked.id)).status).toBe('scanned');
    expect((await row(alive.id)).status).toBe('running');
  });

  it('takes nothing without a private folder', async () => {
    const runs = createImportRunService({
      db: t.database.db,
      clock: t.clock,
      importer: { importFile: () => Promise.reject(new Error('not called')) },
    });
    expect(runs.isAvailable).toBe(false);
    await expect(runs.prepare()).rejects.toMatchObject({ code: 'IMPORT_UNAVAILABLE' });
  });
});
