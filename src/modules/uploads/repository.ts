import type { Db } from '../../platform/db/database.ts';

/** One stored size of an upload. */
export interface UploadVariant {
  width: number;
  height: number;
  /** The storage key; the file is served at `/uploads/<key>`. */
  key: string;
  mime: string;
}

/** An uploaded image: the re-encoded original and its responsive sizes. */
export interface Upload {
  id: number;
  /** The re-encoded original, in a format every browser shows (JPEG, PNG or WebP). */
  storageKey: string;
  mimeType: string;
  width: number;
  height: number;
  /** WebP sizes, narrowest first. */
  variants: UploadVariant[];
  userId: number | null;
  createdAt: string;
}

type Row = {
  id: number;
  storage_key: string;
  mime_type: string;
  width: number;
  height: number;
  variants: string;
  user_id: number | null;
  created_at: string;
};

const columns = [
  'id',
  'storage_key',
  'mime_type',
  'width',
  'height',
  'variants',
  'user_id',
  'created_at',
] as const;

function parseVariants(json: string): UploadVariant[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as UploadVariant[]) : [];
  } catch {
    return [];
  }
}

function toUpload(row: Row): Upload {
  return {
    id: Number(row.id),
    storageKey: row.storage_key,
    mimeType: row.mime_type,
    width: Number(row.width),
    height: Number(row.height),
    variants: parseVariants(row.variants),
    userId: row.user_id === null ? null : Number(row.user_id),
    createdAt: row.created_at,
  };
}

/** Inserts one upload row and returns it. */
export async function insertUpload(db: Db, upload: Omit<Upload, 'id'>): Promise<Upload> {
  const row = await db
    .insertInto('uploads')
    .values({
      storage_key: upload.storageKey,
      mime_type: upload.mimeType,
      width: upload.width,
      height: upload.height,
      variants: JSON.stringify(upload.variants),
      user_id: upload.userId,
      created_at: upload.createdAt,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toUpload(row);
}

/** Sets the texts an image came with. */
export async function describeUpload(
  db: Db,
  id: number,
  texts: { alt: string; caption: string; title: string },
): Promise<void> {
  await db.updateTable('uploads').set(texts).where('id', '=', id).execute();
}

/** The uploads with these ids; missing ids are simply absent. */
export async function findUploadsByIds(db: Db, ids: readonly number[]): Promise<Upload[]> {
  const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))];
  if (wanted.length === 0) return [];
  const rows = await db.selectFrom('uploads').where('id', 'in', wanted).select(columns).execute();
  return rows.map(toUpload);
}

/** The newest uploads first; `before` an id, for paging. */
export async function listUploads(db: Db, args: { limit: number; before?: number }): Promise<Upload[]> {
  let query = db.selectFrom('uploads').select(columns).orderBy('id', 'desc').limit(args.limit);
  if (args.before !== undefined) query = query.where('id', '<', args.before);
  return (await query.execute()).map(toUpload);
}
