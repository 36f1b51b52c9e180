import type { Upload } from '../repository.ts';

/** The public path of a stored file. */
export function uploadUrl(key: string): string {
  return `/uploads/${key}`;
}

/** The srcset of an upload's WebP sizes, narrowest first ("/uploads/…/w480.webp 480w, …"). */
export function srcsetOf(upload: Pick<Upload, 'variants'>): string {
  return upload.variants.map((v) => `${uploadUrl(v.key)} ${v.width}w`).join(', ');
}

/**
 * An uploaded image that lets the browser pick its size. `src` is the re-encoded original (JPEG,
 * PNG or WebP), for the rare browser without srcset; width and height reserve the space so the
 * page does not shift. Pass `loading="eager"` for the image at the top of a page, and
 * `fetchpriority="high"` when it is the page's largest picture (its LCP).
 */
export function ResponsiveImage({
  upload,
  alt,
  sizes = '100vw',
  loading = 'lazy',
  fetchpriority,
  class: className,
}: {
  upload: Pick<Upload, 'storageKey' | 'width' | 'height' | 'variants'>;
  alt: string;
  /** Which width the image takes on the page, as the `sizes` attribute says it. */
  sizes?: string;
  loading?: 'lazy' | 'eager';
  fetchpriority?: 'high';
  class?: string;
}) {
  const srcset = srcsetOf(upload);
  return (
    <img
      src={uploadUrl(upload.storageKey)}
      {...(srcset !== '' && { srcset, sizes })}
      width={upload.width}
      height={upload.height}
      alt={alt}
      loading={loading}
      {...(fetchpriority && { fetchpriority })}
      decoding="async"
      {...(className && { class: className })}
    />
  );
}
