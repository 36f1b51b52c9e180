import type { Upload } from '../repository.ts';
import { srcsetOf, uploadUrl } from './responsive-image.tsx';

/**
 * One image as the media library's JSON answer and the picker give it: what a page needs to show it
 * (address, sizes, dimensions), what a person recognises it by (file name, alt text, a thumbnail),
 * and the id the editor's form stores, which is never shown to anyone.
 */
export interface LibraryItem {
  id: number;
  filename: string;
  alt: string;
  /** The re-encoded original. */
  url: string;
  /** The smallest WebP size, for the picker's grid. */
  thumb: string;
  srcset: string;
  width: number;
  height: number;
  createdAt: string;
}

/** An upload as the library's JSON lists it. */
export function libraryItemOf(upload: Upload): LibraryItem {
  return {
    id: upload.id,
    filename: upload.filename,
    alt: upload.alt,
    url: uploadUrl(upload.storageKey),
    thumb: uploadUrl(upload.variants[0]?.key ?? upload.storageKey),
    srcset: srcsetOf(upload),
    width: upload.width,
    height: upload.height,
    createdAt: upload.createdAt,
  };
}

/** How a person tells an image apart when no file name was kept: its alt text, or when it came. */
export function labelOf(upload: Pick<Upload, 'filename' | 'alt' | 'createdAt'>): string {
  if (upload.filename !== '') return upload.filename;
  if (upload.alt !== '') return upload.alt;
  return `Image uploaded ${upload.createdAt.slice(0, 16).replace('T', ' ')}`;
}
