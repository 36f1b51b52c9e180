/**
 * The page cache's key for a request URL: its path, and of its query only the parameters the page
 * depends on (`names`, in that order, re-encoded). Anything else a URL carries (cache-busters,
 * tracking parameters) names the same entry, so that no one can fill the cache with copies of a
 * page, or push real pages out of it, by varying the query string.
 */
export function cacheKeyFor(url: string, names: readonly string[]): string {
  const at = url.indexOf('?');
  if (at === -1) return url;
  const path = url.slice(0, at);
  if (names.length === 0) return path;
  const sent = new URLSearchParams(url.slice(at + 1));
  const kept = new URLSearchParams();
  for (const name of names) for (const value of sent.getAll(name)) kept.append(name, value);
  const query = kept.toString();
  return query === '' ? path : `${path}?${query}`;
}

/**
 * Remembers, for each path the cache has stored, which query parameters its page depends on, so
 * that a request can be keyed before it is routed. Only stored pages add to it, and it is emptied
 * when it grows large: a forgotten path costs one miss, after which it is learnt again.
 */
export function createQueryNames(maxPaths = 10_000) {
  const byPath = new Map<string, readonly string[]>();
  return {
    /** The key to look a request up under, or undefined when its path's parameters are not known. */
    lookupKey(url: string): string | undefined {
      const at = url.indexOf('?');
      if (at === -1) return url;
      const names = byPath.get(url.slice(0, at));
      return names && cacheKeyFor(url, names);
    },
    /** The key to store a page under, learning which parameters its path depends on. */
    storeKey(url: string, names: readonly string[]): string {
      const at = url.indexOf('?');
      const path = at === -1 ? url : url.slice(0, at);
      if (!byPath.has(path) && byPath.size >= maxPaths) byPath.clear();
      byPath.set(path, names);
      return cacheKeyFor(url, names);
    },
    clear: () => byPath.clear(),
  };
}
