// The newsroom's Import screen's runs (table import_runs): an export uploaded through a browser is
// checked (a dry run, writing nothing) and then, when an admin has read the report and confirms,
// imported. Both run in the background of the process that received the upload; the row carries
// their progress, so any process can show it. Statuses, as migration 0020 allows them:
//   scanned + no report   the check (dry run) is under way
//   scanned + report      checked: the report waits for "Start the import"
//   running               the import is under way (at most one at a time, across processes)
//   done                  imported: the report has the written counts
//   failed                the error; with a report, the check passed and the import may run again
// A run's process updates its row every few seconds; a row that has not moved for a minute belongs
// to a process that died, and is marked interrupted (an import resumes when run again: it is keyed).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../platform/clock.ts';
import { lockKeys, transact, type Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { cleanLabel } from '../../platform/text.ts';
import { recordAudit } from '../audit/index.ts';
import { ImportOptionError, type WordpressImporter } from './importer.ts';
import type { ImportProgress, ImportReport } from './report.ts';
import {
  extractUploadsZip,
  inspectUploadsZip,
  UPLOADS_ZIP_LIMITS,
  ZipRefusedError,
  type ZipLimits,
} from './uploads-zip.ts';
import { readWxr, WxrError } from './wxr.ts';

/** The largest export the Import screen takes; larger sites use `dateline import wordpress`. */
export const MAX_EXPORT_BYTES = 50 * 1024 * 1024;
/** The largest zip of wp-content/uploads the Import screen takes. */
export const MAX_UPLOADS_ZIP_BYTES = 500 * 1024 * 1024;

/** Progress reaches the row at most this often, so that a fast import does not write it per item. */
const PROGRESS_EVERY_MS = 500;
/** A running job touches its row at least this often, even when no progress is reported. */
const HEARTBEAT_MS = 5_000;
/** A row that has not moved for this long was left by a process that is gone. */
const STALE_MS = 60_000;
/** How long closing the app lets a job finish before marking it interrupted. */
const CLOSE_GRACE_MS = 10_000;

export const INTERRUPTED_IMPORT =
  'Interrupted — the server stopped during the import: run it again; the import resumes (what was written is updated, never duplicated).';
export const INTERRUPTED_CHECK =
  'Interrupted — the server stopped while checking the export: upload it again.';

/** Where a run stands, in the screen's words. */
export type ImportRunPhase = 'checking' | 'checked' | 'importing' | 'done' | 'failed';

/** One run as the screen shows it. */
export interface ImportRun {
  id: number;
  phase: ImportRunPhase;
  /** The export's name as it was uploaded. */
  fileName: string;
  /** Whether a zip of wp-content/uploads came with it. */
  withUploads: boolean;
  /** The check's report (checked, importing, a failed import), or the import's (done). */
  report: ImportReport | null;
  /** Work done and to do, in KiB read or unpacked: a progress bar's value and maximum. */
  progress: number;
  total: number;
  error: string | null;
  /** "Start the import" applies: checked, or a failed import whose files are still here. */
  canStart: boolean;
  startedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A private folder for one upload's files, made before the upload is read. */
export interface ImportFolder {
  key: string;
  dir: string;
  /** Where the export goes, under a name of the caller's choosing. */
  exportDir: string;
  /** Where the zip of wp-content/uploads goes. */
  zipPath: string;
}

export interface ImportRunService {
  /** Whether this process has a folder for uploaded exports. */
  readonly isAvailable: boolean;
  /** Makes an empty private folder for one upload. IMPORT_UNAVAILABLE without a folder. */
  prepare(): Promise<ImportFolder>;
  /** Removes a folder that prepare made, when its upload was refused. */
  discard(folder: ImportFolder): Promise<void>;
  /**
   * Checks that the export is a WordPress export and that the zip is safe to unpack (VALIDATION_FAILED,
   * naming the line or the entry), records the run and starts its check in the background.
   */
  begin(input: {
    folder: ImportFolder;
    /** The export's file name inside folder.exportDir. */
    exportFile: string;
    /** The name it was uploaded as. */
    fileName: string;
    hasZip: boolean;
    actor: { id: number; name: string };
  }): Promise<number>;
  get(id: number): Promise<ImportRun | undefined>;
  recent(limit?: number): Promise<ImportRun[]>;
  /**
   * Starts the import of a checked run in the background, and audits it. IMPORT_BUSY while another
   * import runs, IMPORT_NOT_READY when the run is not checked (or its files are gone).
   */
  start(id: number, actor: { id: number; name: string }): Promise<void>;
  /** Marks runs whose process is gone as interrupted. Returns how many. */
  recover(): Promise<number>;
  /** Resolves when this process's jobs have ended (tests). */
  idle(): Promise<void>;
  /** Lets running jobs finish for a while, then marks them interrupted. */
  close(): Promise<void>;
}

export interface ImportRunDeps {
  db: Db;
  clock: Clock;
  importer: Pick<WordpressImporter, 'importFile'>;
  /** The private folder for uploaded exports; without it (the `dateline` command) nothing is taken. */
  dir?: string;
  zipLimits?: ZipLimits;
  /** Told about errors no run can show: a row that could not be updated. */
  onError?: (error: unknown) => void;
  closeGraceMs?: number;
}

type Row = {
  id: number;
  status: 'scanned' | 'running' | 'done' | 'failed';
  file_key: string;
  uploads_key: string | null;
  file_name: string;
  report: string | null;
  progress: number;
  total: number;
  error: string | null;
  created_at: string;
  updated_at: string;
  started_by: string | null;
};

function kib(bytes: number): number {
  return Math.ceil(bytes / 1024);
}

/** The stored report, or null when there is none (or it is not a report: never a 500 for a bad row). */
function parseReport(text: string | null): ImportReport | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const report = value as Partial<ImportReport> | null;
  const isReport =
    typeof report === 'object' &&
    report !== null &&
    typeof report.site === 'object' &&
    typeof report.counts === 'object' &&
    typeof report.written === 'object' &&
    ['missingMedia', 'unknownShortcodes', 'unknownBlocks', 'authorsWithoutPosts', 'warnings'].every((key) =>
      Array.isArray(report[key as keyof ImportReport]),
    );
  return isReport ? (report as ImportReport) : null;
}

function phaseOf(row: Pick<Row, 'status' | 'report'>): ImportRunPhase {
  switch (row.status) {
    case 'scanned':
      return row.report === null ? 'checking' : 'checked';
    case 'running':
      return 'importing';
    default:
      return row.status;
  }
}

/** What the person is told when a run stops on an error. */
function describe(error: unknown): { message: string; expected: boolean } {
  if (
    error instanceof WxrError ||
    error instanceof ZipRefusedError ||
    error instanceof ImportOptionError ||
    error instanceof AppError
  )
    return { message: error.message, expected: true };
  const reason = error instanceof Error ? error.message : String(error);
  return { message: `The import stopped on an unexpected error: ${reason}`, expected: false };
}

export function createImportRunService(deps: ImportRunDeps): ImportRunService {
  const { db, clock, importer } = deps;
  const root = deps.dir === undefined ? undefined : path.resolve(deps.dir);
  const zipLimits = deps.zipLimits ?? UPLOADS_ZIP_LIMITS;
  const onError = deps.onError ?? ((error: unknown) => console.error('import run', error));
  /** This process's jobs, by run id. */
  const jobs = new Map<number, Promise<void>>();
  let isClosing = false;

  const now = () => clock.now().toISOString();

  function folderRoot(): string {
    if (root === undefined) throw new AppError('IMPORT_UNAVAILABLE');
    return root;
  }

  /** A key stored in a row, as a path: always inside the folder, whatever the row says. */
  function pathOf(key: string): string {
    const base = folderRoot();
    const full = path.resolve(base, key);
    if (!full.startsWith(base + path.sep)) throw new Error(`import key ${key} leaves the imports folder`);
    return full;
  }

  /** The run's own folder: the first segment of its keys. */
  function runFolder(fileKey: string): string {
    return pathOf(fileKey.split('/')[0] ?? '');
  }

  function exportExists(row: Pick<Row, 'file_key' | 'uploads_key'>): boolean {
    if (root === undefined) return false;
    try {
      return (
        fs.statSync(pathOf(row.file_key)).isFile() &&
        (row.uploads_key === null || fs.statSync(pathOf(row.uploads_key)).isDirectory())
      );
    } catch {
      return false;
    }
  }

  function toRun(row: Row): ImportRun {
    const phase = phaseOf(row);
    const report = parseReport(row.report);
    return {
      id: row.id,
      phase,
      fileName: row.file_name,
      withUploads: row.uploads_key !== null,
      report,
      progress: row.progress,
      total: row.total,
      error: row.error,
      canStart: (phase === 'checked' || (phase === 'failed' && report !== null)) && exportExists(row),
      startedBy: row.started_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  function select() {
    return db
      .selectFrom('import_runs')
      .leftJoin('users', 'users.id', 'import_runs.user_id')
      .select([
        'import_runs.id',
        'import_runs.status',
        'import_runs.file_key',
        'import_runs.uploads_key',
        'import_runs.file_name',
        'import_runs.report',
        'import_runs.progress',
        'import_runs.total',
        'import_runs.error',
        'import_runs.created_at',
        'import_runs.updated_at',
        'users.name as started_by',
      ]);
  }

  async function removeFiles(fileKey: string): Promise<void> {
    try {
      await fs.promises.rm(runFolder(fileKey), { recursive: true, force: true });
    } catch (error) {
      onError(error);
    }
  }

  /**
   * Progress for one job's row: the latest value goes to the database at most every 500 ms, and the
   * row is touched every few seconds while the job lives, so that a live job never looks abandoned.
   */
  function progressOf(id: number) {
    let latest = 0;
    let last = 0;
    let writes = Promise.resolve();
    const write = () => {
      const value = latest;
      writes = writes
        .then(async () => {
          await db
            .updateTable('import_runs')
            .set({ progress: value, updated_at: now() })
            .where('id', '=', id)
            .where('status', 'in', ['scanned', 'running'])
            .execute();
        })
        .catch((error: unknown) => {
          if (!isClosing) onError(error);
        });
    };
    const heartbeat = setInterval(write, HEARTBEAT_MS);
    heartbeat.unref();
    return {
      set: (kibDone: number) => {
        latest = Math.max(latest, Math.floor(kibDone));
        if (Date.now() - last < PROGRESS_EVERY_MS) return;
        last = Date.now();
        write();
      },
      stop: async () => {
        clearInterval(heartbeat);
        await writes;
      },
    };
  }

  /** The importer's progress as KiB of the two passes over the export (each reads it once). */
  function passes(exportBytes: number, set: (kibDone: number) => void, base = 0) {
    return (p: ImportProgress) => {
      const share = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
      set(base + kib(exportBytes) * ((p.phase === 'scan' ? 0 : 1) + share));
    };
  }

  async function fail(id: number, error: unknown): Promise<void> {
    const { message, expected } = describe(error);
    if (!expected && !isClosing) onError(error);
    try {
      await db
        .updateTable('import_runs')
        .set({ status: 'failed', error: message.slice(0, 2000), updated_at: now() })
        .where('id', '=', id)
        .where('status', 'in', ['scanned', 'running'])
        .execute();
    } catch (failure) {
      if (!isClosing) onError(failure);
    }
  }

  /** Runs `work` after this request's answer, keeping it until it ends; its errors end up on the row. */
  function launch(id: number, work: () => Promise<void>): void {
    const job = (async () => {
      // Off the request's turn of the event loop: the answer goes first.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        await work();
      } catch (error) {
        await fail(id, error);
      }
    })().finally(() => jobs.delete(id));
    jobs.set(id, job);
  }

  /** The check: unpack the pictures, then a dry run, whose report waits for a person. */
  async function check(id: number, row: Pick<Row, 'file_key' | 'uploads_key'>, zipBytes: number) {
    const progress = progressOf(id);
    try {
      const file = pathOf(row.file_key);
      const exportBytes = (await fs.promises.stat(file)).size;
      let uploadsDir: string | undefined;
      if (row.uploads_key !== null) {
        const zip = pathOf(row.uploads_key);
        const dest = path.join(path.dirname(zip), 'uploads');
        const summary = await extractUploadsZip(zip, dest, {
          limits: zipLimits,
          onBytes: (bytes) => progress.set(kib(bytes)),
        });
        await fs.promises.rm(zip, { force: true });
        uploadsDir = summary.root === '' ? dest : path.join(dest, summary.root);
        await db
          .updateTable('import_runs')
          .set({ uploads_key: path.relative(folderRoot(), uploadsDir).split(path.sep).join('/') })
          .where('id', '=', id)
          .execute();
      }
      const { report } = await importer.importFile({
        file,
        ...(uploadsDir !== undefined && { uploadsDir }),
        dryRun: true,
        onProgress: passes(exportBytes, progress.set, kib(zipBytes)),
      });
      await progress.stop();
      await db
        .updateTable('import_runs')
        .set({ report: JSON.stringify(report), progress: (eb) => eb.ref('total'), updated_at: now() })
        .where('id', '=', id)
        .where('status', '=', 'scanned')
        .execute();
    } catch (error) {
      await progress.stop();
      await fail(id, error);
      // A check that failed leaves nothing to run: its files go.
      await removeFiles(row.file_key);
    }
  }

  /** The import itself; its files go once it is done, and stay for another try when it fails. */
  async function run(id: number, row: Pick<Row, 'file_key' | 'uploads_key'>, exportBytes: number) {
    const progress = progressOf(id);
    try {
      const { report } = await importer.importFile({
        file: pathOf(row.file_key),
        ...(row.uploads_key !== null && { uploadsDir: pathOf(row.uploads_key) }),
        dryRun: false,
        onProgress: passes(exportBytes, progress.set),
      });
      await progress.stop();
      const done = await db
        .updateTable('import_runs')
        .set({
          status: 'done',
          report: JSON.stringify(report),
          progress: (eb) => eb.ref('total'),
          error: null,
          updated_at: now(),
        })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .executeTakeFirst();
      // Marked interrupted meanwhile (the app closed): the files stay for another run.
      if (Number(done.numUpdatedRows) > 0) await removeFiles(row.file_key);
    } catch (error) {
      await progress.stop();
      await fail(id, error);
    }
  }

  async function checkExport(file: string): Promise<void> {
    const head = Buffer.alloc(4);
    const handle = await fs.promises.open(file, 'r');
    try {
      await handle.read(head, 0, 4, 0);
    } finally {
      await handle.close();
    }
    if (head.equals(Buffer.from('PK\x03\x04', 'latin1')))
      throw new AppError('VALIDATION_FAILED', {
        fields: {
          export:
            'This is a zip, not a WordPress export: choose the .xml (or .xml.gz) export here, and the zip of pictures below.',
        },
      });
    try {
      // The first record comes once the export namespace is known: a file that is not a WordPress
      // export is refused here, naming its line, before anything runs in the background.
      for await (const _record of readWxr(file)) break;
    } catch (error) {
      if (error instanceof WxrError)
        throw new AppError('VALIDATION_FAILED', { fields: { export: error.message }, cause: error });
      throw error;
    }
  }

  const service: ImportRunService = {
    isAvailable: root !== undefined,

    async prepare() {
      const base = folderRoot();
      const key = randomBytes(12).toString('hex');
      const dir = path.join(base, key);
      const exportDir = path.join(dir, 'export');
      await fs.promises.mkdir(exportDir, { recursive: true, mode: 0o700 });
      return { key, dir, exportDir, zipPath: path.join(dir, 'uploads.zip') };
    },

    async discard(folder) {
      await fs.promises.rm(pathOf(folder.key), { recursive: true, force: true });
    },

    async begin({ folder, exportFile, fileName, hasZip, actor }) {
      const file = path.join(folder.exportDir, exportFile);
      await checkExport(file);
      let zipBytes = 0;
      if (hasZip) {
        try {
          zipBytes = (await inspectUploadsZip(folder.zipPath, zipLimits)).bytes;
        } catch (error) {
          if (!(error instanceof ZipRefusedError)) throw error;
          throw new AppError('VALIDATION_FAILED', { fields: { uploads: error.message }, cause: error });
        }
      }
      const exportBytes = (await fs.promises.stat(file)).size;
      const at = now();
      const row = {
        file_key: `${folder.key}/export/${exportFile}`,
        uploads_key: hasZip ? `${folder.key}/uploads.zip` : null,
      };
      const inserted = await db
        .insertInto('import_runs')
        .values({
          status: 'scanned',
          ...row,
          file_name: cleanLabel(fileName).slice(0, 200) || exportFile,
          report: null,
          progress: 0,
          total: kib(zipBytes) + 2 * kib(exportBytes),
          error: null,
          user_id: actor.id,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      launch(inserted.id, () => check(inserted.id, row, zipBytes));
      return inserted.id;
    },

    async get(id) {
      await service.recover();
      const row = await select().where('import_runs.id', '=', id).executeTakeFirst();
      return row && toRun(row);
    },

    async recent(limit = 20) {
      await service.recover();
      const rows = await select().orderBy('import_runs.id', 'desc').limit(limit).execute();
      return rows.map(toRun);
    },

    async start(id, actor) {
      folderRoot();
      await service.recover();
      const row = await select().where('import_runs.id', '=', id).executeTakeFirst();
      if (!row) throw notFound();
      const current = toRun(row);
      if (!current.canStart)
        throw new AppError(
          'IMPORT_NOT_READY',
          current.phase === 'checked' || current.phase === 'failed'
            ? {
                message: 'The files of this import are gone. Upload the export (and the pictures) again.',
              }
            : {},
        );
      const exportBytes = (await fs.promises.stat(pathOf(row.file_key))).size;
      await transact(db, async (trx) => {
        // One import at a time, across every process: the check and the claim happen under one lock.
        await lockKeys(trx, ['wordpress-import-run']);
        const busy = await trx
          .selectFrom('import_runs')
          .select('id')
          .where('status', '=', 'running')
          .executeTakeFirst();
        if (busy)
          throw new AppError('IMPORT_BUSY', {
            message: `Import ${busy.id} is running. Wait until it is done, then start this one.`,
          });
        const at = now();
        const claimed = await trx
          .updateTable('import_runs')
          .set({ status: 'running', progress: 0, total: 2 * kib(exportBytes), error: null, updated_at: at })
          .where('id', '=', id)
          .where('report', 'is not', null)
          .where('status', 'in', ['scanned', 'failed'])
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 0) throw new AppError('IMPORT_NOT_READY');
        await recordAudit(trx, {
          actor,
          action: 'import.start',
          subject: `import:${id}`,
          detail: {
            file: row.file_name,
            pictures: row.uploads_key !== null,
            again: current.phase === 'failed',
          },
          at,
        });
      });
      launch(id, () => run(id, row, exportBytes));
    },

    async recover() {
      const cutoff = new Date(clock.now().getTime() - STALE_MS).toISOString();
      const stale = await db
        .selectFrom('import_runs')
        .select(['id', 'status'])
        .where((eb) =>
          eb.or([
            eb('status', '=', 'running'),
            eb.and([eb('status', '=', 'scanned'), eb('report', 'is', null)]),
          ]),
        )
        .where('updated_at', '<', cutoff)
        .execute();
      let marked = 0;
      for (const row of stale) {
        if (jobs.has(row.id)) continue;
        const result = await db
          .updateTable('import_runs')
          .set({
            status: 'failed',
            error: row.status === 'running' ? INTERRUPTED_IMPORT : INTERRUPTED_CHECK,
            updated_at: now(),
          })
          .where('id', '=', row.id)
          .where('status', '=', row.status)
          .where('updated_at', '<', cutoff)
          .executeTakeFirst();
        marked += Number(result.numUpdatedRows);
      }
      return marked;
    },

    async idle() {
      while (jobs.size > 0) await Promise.allSettled([...jobs.values()]);
    },

    async close() {
      isClosing = true;
      if (jobs.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...jobs.values()]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, deps.closeGraceMs ?? CLOSE_GRACE_MS);
        }),
      ]);
      clearTimeout(timer);
      // Still going: say so now, rather than leave the row to look alive until it goes stale.
      const ids = [...jobs.keys()];
      if (ids.length === 0) return;
      const at = now();
      await db
        .updateTable('import_runs')
        .set({ status: 'failed', error: INTERRUPTED_IMPORT, updated_at: at })
        .where('id', 'in', ids)
        .where('status', '=', 'running')
        .execute()
        .catch(() => undefined);
      await db
        .updateTable('import_runs')
        .set({ status: 'failed', error: INTERRUPTED_CHECK, updated_at: at })
        .where('id', 'in', ids)
        .where('status', '=', 'scanned')
        .where('report', 'is', null)
        .execute()
        .catch(() => undefined);
    },
  };
  return service;
}
