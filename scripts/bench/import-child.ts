// The import benchmark's child process (`npm run bench -- --import`): imports one WordPress export into a
// fresh SQLite database through the importer's public API, as `dateline` would, and reports how long it
// took and its own peak memory. It runs in a process of its own so that the peak is the importer's, not
// the generator's or the benchmark's.
//
//   node --import tsx scripts/bench/import-child.ts EXPORT.xml DATABASE.sqlite
//
// Progress goes to stderr; the result is one line on stdout, `RESULT {json}` (see ImportChildResult).
import fs from 'node:fs';
import { sql } from 'kysely';
import { createServices, type Services } from '../../src/app.tsx';
import type { ImportReport, WordpressImporter } from '../../src/modules/wordpress/index.ts';
import { openMigratedDatabase } from '../../src/server.tsx';

/** What the child reports. */
export type ImportChildResult =
  | {
      ok: true;
      /** Opening and migrating the fresh database, and building the services. */
      openMs: number;
      /** `importFile` alone. */
      importMs: number;
      report: ImportReport;
      invitations: number;
      /** Rows in the database afterwards. */
      rows: Record<string, number>;
      memory: ChildMemory;
    }
  | { ok: false; missing: true; message: string; memory: ChildMemory }
  | { ok: false; missing: false; message: string; stack: string | undefined; memory: ChildMemory };

/** The child's own peak memory, in kB: the kernel's high-water mark and Node's maxRSS. */
export interface ChildMemory {
  vmHwmKb: number | null;
  maxRssKb: number;
}

export const RESULT_PREFIX = 'RESULT ';

function memory(): ChildMemory {
  let vmHwmKb: number | null = null;
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    if (kb !== undefined) vmHwmKb = Number(kb);
  } catch {
    // Not Linux: maxRSS stands in.
  }
  return { vmHwmKb, maxRssKb: process.resourceUsage().maxRSS };
}

const TABLES = [
  'articles',
  'comments',
  'authors',
  'tags',
  'sections',
  'pages',
  'redirects',
  'uploads',
] as const;

/** Imports `file` into a fresh database at `databaseFile`; never throws. */
async function run(file: string, databaseFile: string): Promise<ImportChildResult> {
  const opened = performance.now();
  const database = await openMigratedDatabase({ database: { dialect: 'sqlite', file: databaseFile } });
  let services: Services | undefined;
  try {
    services = await createServices({ database });
    // `Services.wordpress` is the importer once the composition root builds it; until then it is absent,
    // and the benchmark says so instead of failing on a type.
    const { wordpress } = services as Services & { wordpress?: WordpressImporter };
    if (typeof wordpress?.importFile !== 'function')
      return {
        ok: false,
        missing: true,
        message:
          'Services.wordpress is missing: createServices (src/app.tsx) does not build the WordPress importer yet (src/modules/wordpress/importer.ts).',
        memory: memory(),
      };
    const openMs = performance.now() - opened;

    let lastPrinted = 0;
    const started = performance.now();
    const { report, invitations } = await wordpress.importFile({
      file,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - lastPrinted < 5_000) return;
        lastPrinted = now;
        const share =
          progress.totalBytes === null
            ? ''
            : ` ${((100 * progress.bytesRead) / progress.totalBytes).toFixed(0)} % of the file,`;
        const rss = (process.memoryUsage.rss() / 1048576).toFixed(0);
        console.error(
          `${progress.phase}:${share} ${progress.items.toLocaleString('en')} items, ${((now - started) / 1000).toFixed(0)} s, RSS ${rss} MB`,
        );
      },
    });
    const importMs = performance.now() - started;
    const peak = memory();

    const rows: Record<string, number> = {};
    for (const table of TABLES) {
      const counted = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`
        .execute(database.db)
        .catch(() => undefined);
      if (counted?.rows[0]) rows[table] = Number(counted.rows[0].n);
    }
    await services.invalidations.flush();
    return { ok: true, openMs, importMs, report, invitations: invitations.length, rows, memory: peak };
  } catch (error) {
    return {
      ok: false,
      missing: false,
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
      memory: memory(),
    };
  } finally {
    await services?.markdown.close();
    await database.close();
  }
}

const [file, databaseFile] = process.argv.slice(2);
if (!file || !databaseFile) {
  console.error('usage: import-child.ts EXPORT.xml DATABASE.sqlite');
  process.exit(2);
}
const result = await run(file, databaseFile);
// Exits once the line is out, whatever timers the services left behind.
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`, () =>
  process.exit(result.ok ? 0 : result.missing ? 3 : 1),
);
