// The pictures an import knows, in a form that crosses to the conversion thread: an attachment's
// Dateline image by WordPress id, the ids by uploads path, and each post's attached pictures.
import type { MediaResolver, ResolvedImage } from './content.ts';

export interface MediaSnapshot {
  byId: [number, ResolvedImage][];
  byKey: [string, number][];
  children: [number, number[]][];
}

/** The key an image address is known by: its path under uploads/, without a -300x200 size or -scaled. */
export function uploadsKey(url: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(url, 'http://wordpress.invalid/').pathname;
  } catch {
    return null;
  }
  const at = pathname.indexOf('/uploads/');
  let rest = at >= 0 ? pathname.slice(at + '/uploads/'.length) : pathname.replace(/^\/+/, '');
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // Keep it as written.
  }
  return rest.replace(/-(?:\d+x\d+|scaled|rotated)(?=\.[a-z0-9]+$)/i, '');
}

/** Finds pictures in a snapshot, as convertContent asks. */
export function resolverOf(snapshot: MediaSnapshot): MediaResolver {
  const byId = new Map(snapshot.byId);
  const byKey = new Map(snapshot.byKey);
  const children = new Map(snapshot.children);
  return {
    byId: (id) => byId.get(id),
    byUrl: (url) => {
      const key = uploadsKey(url);
      const id = key === null ? undefined : byKey.get(key);
      return id === undefined ? undefined : byId.get(id);
    },
    childrenOf: (postId) =>
      (children.get(postId) ?? []).flatMap((id) => {
        const image = byId.get(id);
        return image ? [image] : [];
      }),
  };
}
