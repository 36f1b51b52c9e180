import { BODY_IMAGE_SIZES, type BodyImage } from '../../../platform/render/body-html.ts';
import { type Element, outerHtml, parseHtml } from './dom.ts';
import type { Conversion, ResolvedImage } from './types.ts';

/** An image as the post wrote it, with the attachment id when the markup names one. */
export interface ImageRef {
  id: number | undefined;
  src: string;
  alt: string;
  width: number | undefined;
  height: number | undefined;
}

function whole(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

/** An id the markup gives an image: class="wp-image-12" or data-id="12". */
function markupId(img: Element): number | undefined {
  const fromClass = /(?:^|\s)wp-image-(\d+)(?:\s|$)/.exec(img.attribs.class ?? '')?.[1];
  return whole(fromClass) ?? whole(img.attribs['data-id']);
}

/** What an <img> says about its image. `id`, when given, wins over the markup's own. */
export function imageRef(img: Element, id?: unknown): ImageRef {
  return {
    id: typeof id === 'number' && Number.isInteger(id) ? id : markupId(img),
    src: img.attribs.src ?? '',
    alt: img.attribs.alt ?? '',
    width: whole(img.attribs.width),
    height: whole(img.attribs.height),
  };
}

/** An attachment as a body image, remembered so that the image pass leaves it alone. */
export function fromResolved(conversion: Conversion, found: ResolvedImage, alt = ''): BodyImage {
  conversion.resolved.add(found.src);
  return {
    src: found.src,
    srcset: found.srcset || undefined,
    width: found.width || undefined,
    height: found.height || undefined,
    alt: alt.trim() || found.alt,
  };
}

/**
 * The image by attachment id, else by address. An unknown one comes back as the post wrote it: the
 * image pass lists it and makes a relative address absolute.
 */
export function resolveImage(conversion: Conversion, ref: ImageRef): BodyImage {
  const { media } = conversion.options;
  const found =
    (ref.id !== undefined ? media.byId(ref.id) : undefined) ?? (ref.src ? media.byUrl(ref.src) : undefined);
  if (found) return fromResolved(conversion, found, ref.alt);
  return { src: ref.src, alt: ref.alt, width: ref.width, height: ref.height };
}

/** The absolute address of an upload (under /wp-content/uploads/, or on files.wordpress.com), else undefined. */
export function uploadAddress(url: string, siteUrl: string): string | undefined {
  const base = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  if (!URL.canParse(url, base)) return undefined;
  const address = new URL(url, base);
  if (address.protocol !== 'http:' && address.protocol !== 'https:') return undefined;
  const isUpload =
    address.pathname.includes('/wp-content/uploads/') || address.hostname.endsWith('.files.wordpress.com');
  return isUpload ? address.href : undefined;
}

function setResolved(img: Element, image: BodyImage): void {
  img.attribs = Object.fromEntries(
    Object.entries({
      src: image.src,
      srcset: image.srcset,
      sizes: image.srcset ? BODY_IMAGE_SIZES : undefined,
      width: image.width?.toString(),
      height: image.height?.toString(),
      alt: image.alt,
      loading: 'lazy',
      decoding: 'async',
    }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

function rewriteImage(conversion: Conversion, img: Element): void {
  const { media, siteUrl } = conversion.options;
  const src = (img.attribs.src ?? '').trim();
  if (conversion.resolved.has(src)) return;
  const markup = imageRef(img);
  const found =
    (src ? media.byUrl(src) : undefined) ?? (markup.id !== undefined ? media.byId(markup.id) : undefined);
  if (found) {
    setResolved(img, fromResolved(conversion, found, markup.alt));
    return;
  }
  // WordPress's srcset lists its own resized copies, which did not come across.
  delete img.attribs.srcset;
  delete img.attribs.sizes;
  img.attribs.loading = 'lazy';
  img.attribs.decoding = 'async';
  const upload = uploadAddress(src, siteUrl);
  if (upload !== undefined) {
    conversion.missingImages.add(upload);
    img.attribs.src = upload;
  }
}

function rewriteLink(conversion: Conversion, a: Element): void {
  const { media, siteUrl } = conversion.options;
  const href = a.attribs.href?.trim();
  if (!href) return;
  const upload = uploadAddress(href, siteUrl);
  if (upload === undefined) return;
  a.attribs.href = media.byUrl(href)?.src ?? upload;
}

/**
 * Every image the resolver knows becomes the attachment's responsive image (alt from the post when it
 * has one); a link to a known upload (the full-size copy around an image) points at the attachment;
 * unknown uploads are listed and keep their address, made absolute.
 */
export function rewriteImages(conversion: Conversion, html: string): string {
  const nodes = parseHtml(html);
  const walk = (list: typeof nodes) => {
    for (const node of list) {
      if (!('attribs' in node)) continue;
      if (node.name === 'img') rewriteImage(conversion, node);
      else if (node.name === 'a') rewriteLink(conversion, node);
      walk(node.children);
    }
  };
  walk(nodes);
  return outerHtml(nodes);
}
