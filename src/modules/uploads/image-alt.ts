import { Parser } from 'htmlparser2';
import type { Db } from '../../platform/db/database.ts';
import { findUploadsInFolders } from './repository.ts';

/** An `<img>` of a body, as written. */
interface BodyImg {
  src: string;
  alt: string | undefined;
}

/** Every `<img>` in a body's HTML, in order. */
export function imagesOf(html: string): BodyImg[] {
  const found: BodyImg[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'img') found.push({ src: attributes.src ?? '', alt: attributes.alt });
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

/** The folder an uploaded file lives in (`/uploads/ab/<hash>/w480.webp` → `ab/<hash>/`), if it is one. */
function uploadFolderOf(src: string): string | undefined {
  return /^\/uploads\/([0-9a-f]{2}\/[0-9a-z]+\/)[^/]+$/.exec(src)?.[1];
}

const MAX_NAMED = 10;

/**
 * The body's images that have no alt text, each named as a person knows it: the file name it was
 * uploaded with, or else its address. Empty when every image is described. Publishing and scheduling
 * are refused while this has anything in it (issue #17); a draft may wait.
 */
export async function imagesWithoutAlt(db: Db, html: string): Promise<string[]> {
  const missing = imagesOf(html).filter((img) => (img.alt ?? '').trim() === '');
  if (missing.length === 0) return [];
  const folders = [...new Set(missing.map((img) => uploadFolderOf(img.src)).filter((f) => f !== undefined))];
  const names = new Map(
    (await findUploadsInFolders(db, folders.slice(0, 50)))
      .filter((u) => u.filename !== '')
      .map((u) => [u.storageKey.slice(0, u.storageKey.lastIndexOf('/') + 1), u.filename]),
  );
  const named = missing.map((img) => {
    const folder = uploadFolderOf(img.src);
    return (folder && names.get(folder)) || img.src || '(an image without an address)';
  });
  return [...new Set(named)];
}

/** The sentence under the Body field naming the images that still need alt text. */
export function altProblem(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMED).map((n) => `“${n}”`);
  if (names.length > MAX_NAMED) shown.push(`${names.length - MAX_NAMED} more`);
  return `needs alt text for ${names.length === 1 ? 'this image' : 'these images'} before it goes live: ${shown.join(', ')}. Describe each for people who cannot see it.`;
}
