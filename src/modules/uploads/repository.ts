import { sql } from 'kysely';
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
  /** The name the file came with, without folders; '' for uploads made before names were kept. */
  filename: string;
  /** The library's description of the image, offered as the alt text when it is chosen. */
  alt: string;
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
  filename: string;
  alt: string;
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
  'filename',
  'alt',
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
    filename: row.filename,
    alt: row.alt,
  };
}

/** Inserts one upload row and returns it. */
export async function insertUpload(
  db: Db,
  upload: Omit<Upload, 'id' | 'alt'> & { alt?: string },
): Promise<Upload> {
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
      filename: upload.filename,
      alt: upload.alt ?? '',
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

/** `%` and `_` match themselves in a LIKE pattern, with `\` as the escape character. */
function likeContaining(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The library's page of uploads, newest first: those whose file name or alt text contains `query`
 * (any case, ASCII letters folded on SQLite), or all of them. One row more than `limit` tells the
 * caller there is another page.
 */
export async function searchUploads(
  db: Db,
  args: { query?: string; limit: number; offset: number },
): Promise<Upload[]> {
  let query = db
    .selectFrom('uploads')
    .select(columns)
    .orderBy('id', 'desc')
    .limit(args.limit)
    .offset(args.offset);
  const text = args.query?.trim() ?? '';
  if (text !== '') {
    const pattern = likeContaining(text);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('filename')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('alt')}) like ${pattern} escape '\\'`,
      ]),
    );
  }
  return (await query.execute()).map(toUpload);
}

/** What uses an upload: articles and pages (featured image, or a body that shows one of its files) and author profiles. */
export interface UploadUsage {
  articles: { id: number; title: string }[];
  pages: { id: number; title: string }[];
  authors: { id: number; name: string }[];
}

/**
 * Everything that shows this upload. Every file of an upload lives under one folder named by its
 * content's hash (`ab/<hash>/original.jpg`, `ab/<hash>/w480.webp`), so a body or an avatar that
 * holds `/uploads/<folder>/` shows one of them, whichever size it picked.
 */
export async function usagesOf(db: Db, upload: Pick<Upload, 'id' | 'storageKey'>): Promise<UploadUsage> {
  const folder = upload.storageKey.slice(0, upload.storageKey.lastIndexOf('/') + 1);
  // The folder is hex digits and slashes (isValidStorageKey), so it holds no LIKE wildcard.
  const shown = `%/uploads/${folder}%`;
  const [articles, pages, authors] = await Promise.all([
    db
      .selectFrom('articles')
      .select(['id', 'title'])
      .where((eb) =>
        eb.or([
          eb('featured_image_id', '=', upload.id),
          eb('body_html', 'like', shown),
          eb('body_markdown', 'like', shown),
        ]),
      )
      .orderBy('title')
      .execute(),
    db
      .selectFrom('pages')
      .select(['id', 'title'])
      .where((eb) => eb.or([eb('body_html', 'like', shown), eb('body_markdown', 'like', shown)]))
      .orderBy('title')
      .execute(),
    db
      .selectFrom('authors')
      .select(['id', 'name'])
      .where('avatar_url', 'like', shown)
      .orderBy('name')
      .execute(),
  ]);
  return {
    articles: articles.map((a) => ({ id: Number(a.id), title: a.title })),
    pages: pages.map((p) => ({ id: Number(p.id), title: p.title })),
    authors: authors.map((a) => ({ id: Number(a.id), name: a.name })),
  };
}

/**
 * The uploads stored in these folders (`ab/<hash>/`, one per upload), for naming a body's images by
 * the file they came from. Folders that are not hex digits and slashes are ignored.
 */
export async function findUploadsInFolders(db: Db, folders: readonly string[]): Promise<Upload[]> {
  const wanted = [...new Set(folders)].filter((f) => /^[0-9a-z/]+\/$/.test(f));
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('uploads')
    .where((eb) => eb.or(wanted.map((folder) => eb('storage_key', 'like', `${folder}%`))))
    .select(columns)
    .execute();
  return rows.map(toUpload);
}

/** Sets an upload's alt text only. */
export async function setUploadAlt(db: Db, id: number, alt: string): Promise<void> {
  await db.updateTable('uploads').set({ alt }).where('id', '=', id).execute();
}

/** Deletes an upload's row. */
export async function deleteUploadRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('uploads').where('id', '=', id).execute();
}
