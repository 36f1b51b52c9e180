import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { FileStorage } from '../../platform/storage.ts';
import { recordAudit } from '../audit/index.ts';
import { processImage, type ProcessedFile } from './images.ts';
import { describeUpload, findUploadsByIds, insertUpload, listUploads, type Upload } from './repository.ts';

/** The largest file accepted, in bytes. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

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
  };
}
