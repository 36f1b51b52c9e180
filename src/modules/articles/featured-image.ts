import type { Db } from '../../platform/db/database.ts';
import type { Upload, UploadVariant } from '../uploads/index.ts';
import { featuredUploadsFor } from './repository.ts';

/** An article's picture: the upload's stored sizes and the article's description of it. */
export interface FeaturedImage {
  upload: Pick<Upload, 'storageKey' | 'width' | 'height' | 'variants'>;
  alt: string;
}

function readVariants(text: string): UploadVariant[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (v): v is UploadVariant =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as UploadVariant).key === 'string' &&
        Number.isInteger((v as UploadVariant).width) &&
        (v as UploadVariant).width > 0,
    );
  } catch {
    return [];
  }
}

/** Builds the featured image from an uploads row and the article's description of it. */
export function featuredImageOf(
  row: { storage_key: string; width: number; height: number; variants: string },
  alt: string,
): FeaturedImage {
  return {
    upload: {
      storageKey: row.storage_key,
      width: Number(row.width),
      height: Number(row.height),
      variants: readVariants(row.variants).sort((a, b) => a.width - b.width),
    },
    alt,
  };
}

/**
 * The featured images of these articles, keyed by article id, in one query: for lists (the front
 * page, sections, tags, authors, search). Articles without a picture, and any that readers may not
 * see at `now`, are absent.
 */
export async function featuredImagesOf(
  db: Db,
  args: { articleIds: readonly number[]; now: string },
): Promise<Map<number, FeaturedImage>> {
  const rows = await featuredUploadsFor(db, args);
  return new Map(
    rows.map((row) => [Number(row.article_id), featuredImageOf(row, row.featured_image_alt ?? '')]),
  );
}
