import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { exportPublication, type TransferCounts } from './export.ts';
import { importPublication, type ImportDeps } from './import.ts';

/**
 * Writes an export to a file. It goes to FILE.partial first and is renamed when complete, so that an
 * export stopped half way never looks like a whole one. The file is readable by its owner only.
 */
export async function exportToFile(deps: { db: Db; clock: Clock; file: string }): Promise<TransferCounts> {
  const partial = `${deps.file}.partial`;
  const stream = createWriteStream(partial, { mode: 0o600 });
  try {
    const counts = await exportPublication({
      db: deps.db,
      clock: deps.clock,
      async write(line) {
        // Waits while the disk is behind, so that memory holds a page of rows, not the whole export.
        if (!stream.write(`${line}\n`)) await once(stream, 'drain');
      },
    });
    stream.end();
    await finished(stream);
    await rename(partial, deps.file);
    return counts;
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

/** Imports a file written by `dateline export`. See importPublication. */
export async function importFile(deps: {
  db: Db;
  file: string;
  markdown: ImportDeps['markdown'];
}): Promise<TransferCounts> {
  try {
    await access(deps.file);
  } catch (error) {
    throw new Error(`${deps.file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return importPublication({
    db: deps.db,
    markdown: deps.markdown,
    open: () => createReadStream(deps.file, { highWaterMark: 1024 * 1024 }),
  });
}

/** "3 authors, 2 users, …" for the command's last line. */
export function describeCounts(counts: TransferCounts): string {
  const names: [keyof TransferCounts, string][] = [
    ['articles', 'articles'],
    ['authors', 'authors'],
    ['tags', 'tags'],
    ['sections', 'sections'],
    ['comments', 'comments'],
    ['users', 'users'],
    ['uploads', 'uploads'],
    ['revisions', 'revisions'],
    ['audit_log', 'audit lines'],
    ['tag_suggestions', 'tag suggestions'],
    ['redirects', 'redirects'],
    ['settings', 'settings'],
  ];
  return names.map(([key, label]) => `${counts[key]} ${label}`).join(', ');
}
