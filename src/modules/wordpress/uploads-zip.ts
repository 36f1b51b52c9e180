// The newsroom's zip of wp-content/uploads, opened with care: it comes from a browser, so every entry
// is checked before a byte is written. Refused: paths that leave the folder (zip slip), absolute paths,
// symbolic links and other special files, encrypted entries, and more entries or more unpacked bytes
// than the limits (a zip bomb). The central directory is read first (inspect, fast, in the request),
// then the files are unpacked (extract, in the background) with the same checks and the bytes counted
// as they are written, since a zip may lie about its sizes.
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/** How much a zip may unpack to. */
export interface ZipLimits {
  /** Entries, folders included. */
  maxEntries: number;
  /** Unpacked bytes, all files together. */
  maxBytes: number;
}

/** A site's uploads: a hundred thousand files, and at most four times the 500 MB zip unpacked. */
export const UPLOADS_ZIP_LIMITS: ZipLimits = { maxEntries: 100_000, maxBytes: 2 * 1024 * 1024 * 1024 };

/** A zip refused, with a sentence that says why and names the entry. */
export class ZipRefusedError extends Error {
  override readonly name = 'ZipRefusedError';
}

/** What a zip holds, once checked. */
export interface ZipSummary {
  /** Files that will be (or were) unpacked. */
  files: number;
  /** Their unpacked size. */
  bytes: number;
  /**
   * The folder inside the zip that holds the year folders (2024/05/…): '' when they are at the top,
   * 'uploads' or 'wp-content/uploads' when the zip was made one or two levels up.
   */
  root: string;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

function mib(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** What operating systems add that is not a picture: macOS's resource forks, Finder and Explorer files. */
function isClutter(name: string): boolean {
  const base = name.replace(/\/+$/, '').split('/').pop() ?? '';
  return (
    name.startsWith('__MACOSX/') || base.startsWith('._') || base === '.DS_Store' || base === 'Thumbs.db'
  );
}

/** Why an entry's name or kind is refused, or null. */
function entryProblem(entry: Entry): string | null {
  const name = entry.fileName;
  if (name.includes('\0')) return `“${name.replace(/\0/g, '\\0')}” has a NUL character in its name`;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return `“${name}” is an absolute path`;
  if (name.split('/').includes('..')) return `“${name}” leads out of the folder (..)`;
  if (name.split('/').some((segment) => Buffer.byteLength(segment) > 255))
    return `“${name.slice(0, 80)}…” has a name too long for a file`;
  if (entry.isEncrypted()) return `“${name}” is encrypted`;
  // Made on Unix, the top half of the external attributes is the file's mode: only plain files and
  // folders are unpacked. Zips made elsewhere carry no mode (0) and hold only files and folders.
  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (type === S_IFLNK) return `“${name}” is a symbolic link`;
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) return `“${name}” is not a plain file or folder`;
  return null;
}

/** yauzl's own refusals, in the same words as ours. */
function fromYauzl(error: Error): ZipRefusedError {
  const message = error.message;
  const absolute = /^absolute path: (.*)$/s.exec(message);
  if (absolute) return new ZipRefusedError(`The zip was refused: “${absolute[1]}” is an absolute path.`);
  const relative = /^invalid relative path: (.*)$/s.exec(message);
  if (relative)
    return new ZipRefusedError(`The zip was refused: “${relative[1]}” leads out of the folder (..).`);
  return new ZipRefusedError(`The pictures’ file is not a zip Dateline can read (${message}).`, {
    cause: error,
  });
}

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (error, zip) => {
      if (error) reject(fromYauzl(error));
      else resolve(zip);
    });
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) reject(error);
      else resolve(stream);
    });
  });
}

/**
 * Visits each entry that passes the checks, in order, one at a time. Directories, clutter and the
 * limits are handled here; `visit` sees files only.
 */
async function walk(
  file: string,
  limits: ZipLimits,
  visit: (zip: ZipFile, entry: Entry) => Promise<void>,
): Promise<{ files: string[]; bytes: number }> {
  const zip = await openZip(file);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ZipRefusedError(
      `The zip holds ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted here. Use \`dateline import wordpress --uploads\` on the server for a larger site.`,
    );
  }
  const files: string[] = [];
  let bytes = 0;
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      if (zip.isOpen) zip.close();
      reject(error instanceof ZipRefusedError ? error : fromYauzl(error as Error));
    };
    const next = async (entry: Entry) => {
      const problem = entryProblem(entry);
      if (problem) throw new ZipRefusedError(`The zip was refused: ${problem}.`);
      if (entry.fileName.endsWith('/') || isClutter(entry.fileName)) return;
      bytes += entry.uncompressedSize;
      if (bytes > limits.maxBytes)
        throw new ZipRefusedError(
          `The zip unpacks to more than ${mib(limits.maxBytes)}: refused, as a zip bomb would be. Use \`dateline import wordpress --uploads\` on the server for a larger site.`,
        );
      files.push(entry.fileName);
      await visit(zip, entry);
    };
    zip.on('entry', (entry: Entry) => {
      next(entry).then(() => {
        if (!failed) zip.readEntry();
      }, fail);
    });
    zip.on('end', () => {
      if (!failed) resolve();
    });
    zip.on('error', fail);
    zip.readEntry();
  });
  return { files, bytes };
}

/**
 * The folder that holds the year folders (2024/05/…), as a path inside the zip: the one most files
 * sit under. Without dated folders (WordPress's "organise by month" turned off): `wp-content/uploads`
 * or `uploads` when the zip has one, else the top.
 */
export function uploadsRootOf(files: readonly string[]): string {
  const votes = new Map<string, number>();
  for (const file of files) {
    const segments = file.split('/');
    for (let i = 0; i + 2 < segments.length; i += 1) {
      if (/^(19|20)\d\d$/.test(segments[i] ?? '') && /^(0[1-9]|1[0-2])$/.test(segments[i + 1] ?? '')) {
        const root = segments.slice(0, i).join('/');
        votes.set(root, (votes.get(root) ?? 0) + 1);
        break;
      }
    }
  }
  if (votes.size > 0)
    return [...votes].sort(([a, x], [b, y]) => y - x || a.length - b.length || a.localeCompare(b))[0]![0];
  for (const folder of ['wp-content/uploads', 'uploads'])
    if (files.some((f) => f.startsWith(`${folder}/`))) return folder;
  const tops = new Set(files.map((f) => (f.includes('/') ? f.slice(0, f.indexOf('/')) : '')));
  return tops.size === 1 && !tops.has('') ? [...tops][0]! : '';
}

/** Reads the zip's table of contents and refuses it as extraction would, without unpacking anything. */
export async function inspectUploadsZip(file: string, limits: ZipLimits = UPLOADS_ZIP_LIMITS) {
  const { files, bytes } = await walk(file, limits, async () => {});
  if (files.length === 0) throw new ZipRefusedError('The zip holds no files.');
  return { files: files.length, bytes, root: uploadsRootOf(files) } satisfies ZipSummary;
}

/**
 * Unpacks the zip into `dest` (created, private to this user), refusing as inspect does and counting
 * the bytes actually written. `onBytes` hears the running total. On a refusal, what was written stays
 * for the caller to remove with the folder.
 */
export async function extractUploadsZip(
  file: string,
  dest: string,
  options: { limits?: ZipLimits; onBytes?: (bytes: number) => void } = {},
): Promise<ZipSummary> {
  const limits = options.limits ?? UPLOADS_ZIP_LIMITS;
  const root = path.resolve(dest);
  await fs.promises.mkdir(root, { recursive: true, mode: 0o700 });
  let written = 0;
  const { files, bytes } = await walk(file, limits, async (zip, entry) => {
    const target = path.resolve(root, entry.fileName);
    // Belt and braces: the name checks already rule this out.
    if (!target.startsWith(root + path.sep))
      throw new ZipRefusedError(`The zip was refused: “${entry.fileName}” leads out of the folder.`);
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        if (written > limits.maxBytes) {
          done(
            new ZipRefusedError(
              `The zip unpacks to more than ${mib(limits.maxBytes)}: refused, as a zip bomb would be.`,
            ),
          );
          return;
        }
        options.onBytes?.(written);
        done(null, chunk);
      },
    });
    try {
      await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const stream = await openEntry(zip, entry);
      // 'wx': never follow or replace what is there; the zip names each file once.
      await pipeline(stream, counter, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      if (error instanceof ZipRefusedError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST')
        throw new ZipRefusedError(`The zip was refused: “${entry.fileName}” is in it twice.`);
      if (code === 'ENOTDIR' || code === 'EISDIR')
        throw new ZipRefusedError(`The zip was refused: “${entry.fileName}” is both a file and a folder.`);
      const reason = error instanceof Error ? error.message : String(error);
      throw new ZipRefusedError(`The zip is damaged at “${entry.fileName}”: ${reason}`, { cause: error });
    }
  });
  return { files: files.length, bytes, root: uploadsRootOf(files) };
}
