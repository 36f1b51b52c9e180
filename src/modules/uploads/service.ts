import type { Clock } from '../../platform/clock.ts';
import { lockKeys, transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { cleanLabel } from '../../platform/text.ts';
import { can, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { processImage, type ProcessedFile } from './images.ts';
import {
  deleteUploadRow,
  describeUpload,
  findUploadsByIds,
  insertUpload,
  listUploads,
  searchUploads,
  setUploadAlt,
  usagesOf,
  type Upload,
  type UploadUsage,
} from './repository.ts';

/** The largest file accepted, in bytes. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

/** The longest file name kept, and the longest alt text. */
export const FILENAME_MAX_CHARS = 200;
export const ALT_MAX_CHARS = 300;

/** The name a file came with, as the library keeps it: no folders, no controls, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return cleanLabel(base).slice(0, FILENAME_MAX_CHARS);
}

/** Who uploads: a member of staff. */
export interface Uploader {
  id: number;
  name: string;
}

/** Upload use cases. */
export interface UploadService {
  /**
   * Checks that the bytes are an image by decoding them, strips their metadata, stores the original
   * and its responsive sizes, and records the upload. UPLOAD_NOT_IMAGE (415) for anything else,
   * PAYLOAD_TOO_LARGE (413) past the size limit. A null actor is the system (the sample publication).
   */
  uploadImage(input: {
    bytes: Uint8Array;
    filename: string;
    actor: Uploader | null;
    /** Alt text, caption and title that came with the image (a WordPress attachment's). */
    texts?: { alt: string; caption: string; title: string };
    /** More writes that belong with this upload, run in its transaction (the importer's bookkeeping). */
    within?: (trx: Db, upload: Upload) => Promise<void>;
  }): Promise<Upload>;
  getUpload(id: number): Promise<Upload | undefined>;
  /** Sets an upload's alt text, caption and title. */
  describe(id: number, texts: { alt: string; caption: string; title: string }): Promise<void>;
  /** The uploads with these ids, keyed by id; missing ids are absent. */
  findUploads(ids: readonly number[]): Promise<Map<number, Upload>>;
  /** The newest uploads first, for the library. */
  listRecent(args: { limit: number; before?: number }): Promise<Upload[]>;
  /**
   * One page of the media library, newest first: with a query, only the uploads whose file name or
   * alt text contains it. `page` counts from 1.
   */
  library(args: {
    query?: string;
    page: number;
    perPage: number;
  }): Promise<{ items: Upload[]; hasMore: boolean }>;
  /** What shows this upload: articles, pages and author profiles. */
  usages(id: number): Promise<UploadUsage>;
  /**
   * Sets an upload's alt text, as the picker asks for it. The person who uploaded it and editors may;
   * for anyone else nothing changes and false comes back (their alt text still goes in their story).
   */
  setAlt(args: { id: number; alt: string; actor: Actor }): Promise<boolean>;
  /**
   * Deletes an upload and its files ('upload.delete': editors and admins). UPLOAD_IN_USE (409),
   * naming them, while an article, a page or a profile shows it; NOT_FOUND, FORBIDDEN.
   */
  deleteUpload(args: { id: number; actor: Actor }): Promise<Upload>;
}

/** Builds the upload service. */
export function createUploadService(deps: {
  db: Db;
  clock: Clock;
  storage: FileStorage;
  maxBytes?: number;
}): UploadService {
  const maxBytes = deps.maxBytes ?? MAX_UPLOAD_BYTES;

  async function removeAll(files: readonly ProcessedFile[]): Promise<void> {
    await Promise.allSettled(files.map((f) => deps.storage.delete(f.key)));
  }

  return {
    async uploadImage({ bytes, filename, actor, texts, within }) {
      if (bytes.byteLength === 0)
        throw new AppError('VALIDATION_FAILED', { fields: { image: 'Choose an image file to upload.' } });
      if (bytes.byteLength > maxBytes)
        throw new AppError('PAYLOAD_TOO_LARGE', {
          message: `That file is too large: at most ${Math.floor(maxBytes / (1024 * 1024))} MB.`,
        });
      const image = await processImage(bytes);
      const files = [image.original, ...image.variants];
      // Files first, then the row: a row never points at a missing file. If anything fails after
      // the first write, every file this upload wrote is removed again.
      try {
        for (const file of files) await deps.storage.put(file.key, file.bytes, file.mime);
        const at = deps.clock.now().toISOString();
        return await transact(deps.db, async (trx) => {
          const upload = await insertUpload(trx, {
            storageKey: image.original.key,
            mimeType: image.original.mime,
            width: image.original.width,
            height: image.original.height,
            variants: image.variants.map(({ width, height, key, mime }) => ({ width, height, key, mime })),
            userId: actor?.id ?? null,
            createdAt: at,
            filename: cleanFilename(filename),
          });
          if (texts) await describeUpload(trx, upload.id, texts);
          await recordAudit(trx, {
            actor,
            action: 'upload.create',
            subject: `upload:${upload.id}`,
            detail: { filename: filename.slice(0, 200), width: upload.width, height: upload.height },
            at,
          });
          if (within) await within(trx, upload);
          return upload;
        });
      } catch (error) {
        await removeAll(files);
        throw error;
      }
    },
    describe: (id, texts) => describeUpload(deps.db, id, texts),
    async getUpload(id) {
      return (await findUploadsByIds(deps.db, [id]))[0];
    },
    async findUploads(ids) {
      return new Map((await findUploadsByIds(deps.db, ids)).map((u) => [u.id, u]));
    },
    listRecent: (args) => listUploads(deps.db, args),
    async library({ query, page, perPage }) {
      const rows = await searchUploads(deps.db, {
        ...(query !== undefined && { query }),
        limit: perPage + 1,
        offset: (page - 1) * perPage,
      });
      return { items: rows.slice(0, perPage), hasMore: rows.length > perPage };
    },
    async usages(id) {
      const upload = (await findUploadsByIds(deps.db, [id]))[0];
      if (!upload) throw new AppError('NOT_FOUND');
      return usagesOf(deps.db, upload);
    },
    async setAlt({ id, alt, actor }) {
      const text = cleanLabel(alt).replace(/\s+/g, ' ').slice(0, ALT_MAX_CHARS);
      return transact(deps.db, async (trx) => {
        const upload = (await findUploadsByIds(trx, [id]))[0];
        if (!upload) throw new AppError('NOT_FOUND');
        if (upload.userId !== actor.id && !can(actor, 'upload.delete')) return false;
        await setUploadAlt(trx, id, text);
        return true;
      });
    },
    async deleteUpload({ id, actor }) {
      if (!can(actor, 'upload.delete')) throw new AppError('FORBIDDEN');
      const at = deps.clock.now().toISOString();
      const deleted = await transact(deps.db, async (trx) => {
        await lockKeys(trx, [`upload:${id}`]);
        const upload = (await findUploadsByIds(trx, [id]))[0];
        if (!upload) throw new AppError('NOT_FOUND');
        const used = await usagesOf(trx, upload);
        const users = [
          ...used.articles.map((a) => `“${a.title}”`),
          ...used.pages.map((p) => `the page “${p.title}”`),
          ...used.authors.map((a) => `${a.name}’s profile`),
        ];
        if (users.length > 0) {
          const named = users.length > 12 ? [...users.slice(0, 12), `${users.length - 12} more`] : users;
          throw new AppError('UPLOAD_IN_USE', {
            message: `This image cannot be deleted while it is used by ${named.join(', ')}. Take it out of ${users.length === 1 ? 'it' : 'them'} first.`,
          });
        }
        await deleteUploadRow(trx, id);
        await recordAudit(trx, {
          actor: { id: actor.id, name: actor.name },
          action: 'upload.delete',
          subject: `upload:${id}`,
          detail: { filename: upload.filename, storage_key: upload.storageKey },
          at,
        });
        return upload;
      });
      // The files go once the row is gone for good: a rolled-back delete must not lose them. A file
      // that cannot be removed now is only disk space: nothing points at it any more.
      await Promise.allSettled(
        [deleted.storageKey, ...deleted.variants.map((v) => v.key)].map((key) => deps.storage.delete(key)),
      );
      return deleted;
    },
  };
}
