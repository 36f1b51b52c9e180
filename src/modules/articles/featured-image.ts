import type { Upload, UploadVariant } from '../uploads/index.ts';

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
