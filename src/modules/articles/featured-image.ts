/** An article's picture as the page draws it: one <img>, with <source>s for better formats. */
export interface FeaturedImage {
  src: string;
  width: number;
  height: number;
  alt: string;
  /** Sizes in the original's format, for the <img>'s srcset. */
  srcset: string;
  sizes: string;
  /** Other formats (AVIF, WebP), best first, for <picture>'s <source>s. */
  sources: { type: string; srcset: string }[];
}

/** One resized copy, as the uploads table lists them. */
interface Variant {
  width: number;
  height: number;
  key: string;
  mime: string;
}

// The article column is at most about 46rem wide; phones use the screen's width.
const ARTICLE_SIZES = '(min-width: 48rem) 46rem, 100vw';

const formatOrder = ['image/avif', 'image/webp'];

/** The public address of a stored file. */
export function uploadUrl(key: string): string {
  return `/uploads/${key.split('/').map(encodeURIComponent).join('/')}`;
}

function readVariants(text: string): Variant[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (v): v is Variant =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as Variant).key === 'string' &&
        typeof (v as Variant).mime === 'string' &&
        Number.isInteger((v as Variant).width) &&
        (v as Variant).width > 0,
    );
  } catch {
    return [];
  }
}

const srcsetOf = (variants: readonly Variant[]) =>
  [...variants]
    .sort((a, b) => a.width - b.width)
    .map((v) => `${uploadUrl(v.key)} ${v.width}w`)
    .join(', ');

/** Builds the featured image from an upload's row and the article's description of it. */
export function featuredImageOf(
  upload: { storage_key: string; mime_type: string; width: number; height: number; variants: string },
  alt: string,
): FeaturedImage {
  const variants = readVariants(upload.variants);
  const sameFormat = variants.filter((v) => v.mime === upload.mime_type);
  const original: Variant = {
    width: upload.width,
    height: upload.height,
    key: upload.storage_key,
    mime: upload.mime_type,
  };
  const fallback = [...sameFormat.filter((v) => v.width < original.width), original];
  const others = [...new Set(variants.map((v) => v.mime))]
    .filter((mime) => mime !== upload.mime_type)
    .sort((a, b) => rank(a) - rank(b));
  return {
    src: uploadUrl(upload.storage_key),
    width: upload.width,
    height: upload.height,
    alt,
    srcset: srcsetOf(fallback),
    sizes: ARTICLE_SIZES,
    sources: others.map((type) => ({ type, srcset: srcsetOf(variants.filter((v) => v.mime === type)) })),
  };
}

function rank(mime: string): number {
  const i = formatOrder.indexOf(mime);
  return i === -1 ? formatOrder.length : i;
}
