import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';

/** A stored file, opened for reading. */
export interface StoredFile {
  /** The bytes, streamed: files may be megabytes and need not sit in memory. */
  body: Readable;
  size: number;
  contentType: string;
}

/**
 * Where uploaded files live. Every process of a publication must see the same files, so the
 * implementation is a shared folder (or, later, an object store); callers never build paths.
 */
export interface FileStorage {
  /** Writes the file under `key`, replacing any file there. The write is atomic: readers see all or nothing. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Opens the file, or undefined when there is none (or the key is not a valid key). */
  get(key: string): Promise<StoredFile | undefined>;
  /** Removes the file; removing a missing file is not an error. */
  delete(key: string): Promise<void>;
}

/** A key that is not one of ours: a path out of the folder, a hidden file, odd characters. */
export class InvalidStorageKeyError extends Error {
  override name = 'InvalidStorageKeyError';
}

// Lower-case segments of letters, digits, dot, dash and underscore, each starting with a letter or
// digit: no "..", no hidden files, no backslashes, no absolute paths, no empty segments.
const SEGMENT = /^[a-z0-9][a-z0-9._-]{0,127}$/;

/** Whether `key` is a safe storage key ("ab/ab12cd-960.webp"). */
export function isValidStorageKey(key: string): boolean {
  if (key.length === 0 || key.length > 512) return false;
  const segments = key.split('/');
  return segments.length <= 8 && segments.every((s) => SEGMENT.test(s) && !s.includes('..'));
}

function checkKey(key: string): void {
  if (!isValidStorageKey(key))
    throw new InvalidStorageKeyError(`not a valid storage key: ${key.slice(0, 80)}`);
}

const typesByExtension: Record<string, string> = {
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
};

/** The content type a key's extension stands for; the filesystem keeps no other record of it. */
export function contentTypeOfKey(key: string): string {
  return typesByExtension[path.extname(key).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Files in a folder, which several processes (or machines, over NFS) may share. Writes go to a
 * temporary name and are renamed into place, so a reader in another process never sees half a file.
 */
export function createFileStorage(options: { root: string }): FileStorage {
  const root = path.resolve(options.root);
  const pathOf = (key: string) => {
    checkKey(key);
    const full = path.resolve(root, key);
    // Belt and braces: the key check already rules this out.
    if (!full.startsWith(root + path.sep)) throw new InvalidStorageKeyError('key leaves the folder');
    return full;
  };
  return {
    async put(key, bytes, contentType) {
      const full = pathOf(key);
      if (contentTypeOfKey(key) !== contentType)
        throw new InvalidStorageKeyError(`key ${key} does not end in the extension for ${contentType}`);
      await mkdir(path.dirname(full), { recursive: true });
      const temporary = `${full}.${randomBytes(6).toString('hex')}.partial`;
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, full);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async get(key) {
      if (!isValidStorageKey(key)) return undefined;
      const full = pathOf(key);
      try {
        const info = await stat(full);
        if (!info.isFile()) return undefined;
        return { body: createReadStream(full), size: info.size, contentType: contentTypeOfKey(key) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/**
 * The storage a process gets when no upload folder was configured (the `dateline` command): reads
 * find nothing and writes fail loudly, rather than keeping files where other processes cannot see them.
 */
export const noFileStorage: FileStorage = {
  put: () => Promise.reject(new Error('no upload folder is configured for this process')),
  get: () => Promise.resolve(undefined),
  delete: () => Promise.resolve(),
};
