import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { AppError } from '../../platform/errors.ts';

/**
 * The widths readers' browsers choose from. An image is never enlarged to reach one. 240 serves the
 * thumbnails in lists (about 7rem wide, so 224 px on a phone at 2x); 480 and up, pictures across a column.
 */
export const RESPONSIVE_WIDTHS = [240, 480, 960, 1600] as const;

/** The most pixels an upload may decode to (about 8000 × 6000): a guard against decompression bombs. */
export const MAX_PIXELS = 50_000_000;

/** One file to store. */
export interface ProcessedFile {
  key: string;
  bytes: Buffer;
  mime: string;
  width: number;
  height: number;
}

/** What an upload becomes: the re-encoded original and its WebP sizes, none carrying metadata. */
export interface ProcessedImage {
  original: ProcessedFile;
  variants: ProcessedFile[];
}

// The decoders we accept, as sharp names them. AVIF decodes as "heif" with AV1 compression; HEIC,
// SVG, TIFF, PDF and the rest are refused even though libvips could read some of them.
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'gif', 'heif']);

type OriginalFormat = { ext: 'jpg' | 'png' | 'webp'; mime: string };

/** The format the original is kept in: its own where browsers show it everywhere, else JPEG or PNG. */
function originalFormat(format: string, hasAlpha: boolean): OriginalFormat {
  if (format === 'jpeg') return { ext: 'jpg', mime: 'image/jpeg' };
  if (format === 'webp') return { ext: 'webp', mime: 'image/webp' };
  if (format === 'png' || format === 'gif' || hasAlpha) return { ext: 'png', mime: 'image/png' };
  return { ext: 'jpg', mime: 'image/jpeg' };
}

function notImage(cause?: unknown): AppError {
  return new AppError('UPLOAD_NOT_IMAGE', { cause });
}

function isPixelLimit(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

/**
 * Decodes the bytes (never trusting a file name or a browser's type), then re-encodes them: this
 * drops EXIF (GPS positions included), XMP and comments, after turning the picture upright per its
 * EXIF orientation. Throws UPLOAD_NOT_IMAGE for anything that is not a JPEG, PNG, WebP, GIF or AVIF.
 */
export async function processImage(bytes: Uint8Array): Promise<ProcessedImage> {
  const input = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' });
  let meta: sharp.Metadata;
  try {
    meta = await input.metadata();
  } catch (error) {
    throw notImage(error);
  }
  const isAvif = meta.format === 'heif' && meta.compression === 'av1';
  if (!meta.format || !ACCEPTED.has(meta.format) || (meta.format === 'heif' && !isAvif)) throw notImage();
  if (!meta.width || !meta.height) throw notImage();
  if (meta.width * meta.height > MAX_PIXELS) throw tooManyPixels(undefined);

  // The base name holds the content's hash, so a key never changes meaning (files are cached
  // forever), plus a random part, so that two uploads of one picture never share files.
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 20);
  const base = `${hash.slice(0, 2)}/${hash}${randomBytes(4).toString('hex')}`;
  try {
    const upright = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    const format = originalFormat(meta.format, meta.hasAlpha === true);
    const encoded =
      format.ext === 'jpg'
        ? upright.clone().jpeg({ quality: 88, mozjpeg: true })
        : format.ext === 'png'
          ? upright.clone().png({ compressionLevel: 9 })
          : upright.clone().webp({ quality: 88 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    const original: ProcessedFile = {
      key: `${base}/original.${format.ext}`,
      bytes: data,
      mime: format.mime,
      width: info.width,
      height: info.height,
    };
    const variants: ProcessedFile[] = [];
    for (const width of sizesFor(original.width)) {
      const out = await upright
        .clone()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      variants.push({
        key: `${base}/w${out.info.width}.webp`,
        bytes: out.data,
        mime: 'image/webp',
        width: out.info.width,
        height: out.info.height,
      });
    }
    return { original, variants };
  } catch (error) {
    if (isPixelLimit(error)) throw tooManyPixels(error);
    if (error instanceof AppError) throw error;
    throw notImage(error);
  }
}

function tooManyPixels(cause: unknown): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', {
    message: `That image has too many pixels: at most ${MAX_PIXELS / 1_000_000} megapixels.`,
    cause,
  });
}

/**
 * The widths to make for an image `width` pixels wide: each responsive width below it, and the
 * image's own width when that is no wider than the largest responsive width (so a small picture
 * still has one WebP).
 */
export function sizesFor(width: number): number[] {
  const largest = RESPONSIVE_WIDTHS[RESPONSIVE_WIDTHS.length - 1]!;
  const below = RESPONSIVE_WIDTHS.filter((w) => w < width);
  return width <= largest ? [...below, width] : below;
}
