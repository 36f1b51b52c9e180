/**
 * Tells a CDN to drop the pages a change made stale, by the same tags the pages carry in their
 * Surrogate-Key header: one POST to CDN_PURGE_URL with `Surrogate-Key: tag1 tag2 …`. That is
 * Fastly's purge-by-keys call as it stands; a Varnish with the xkey module, or any relay, can take
 * the same request (docs/deploy.md shows both).
 *
 * Only the process that made the change purges, once; the others learn of it through the
 * invalidation outbox and Redis and need not tell the CDN again.
 */
export interface CdnPurgeTarget {
  url: string;
  /** Sent with every purge, e.g. { 'Fastly-Key': '…' }. */
  headers: Readonly<Record<string, string>>;
}

/** Tags per request: Fastly accepts up to 256 keys in one purge. */
const TAGS_PER_REQUEST = 200;

/** Builds the purge function. It never throws: a failed purge is reported and the CDN's s-maxage bounds the staleness. */
export function createCdnPurge(deps: {
  target: CdnPurgeTarget;
  onError(error: unknown): void;
  timeoutMs?: number;
}): (tags: readonly string[]) => Promise<void> {
  const { target } = deps;
  return async (tags) => {
    const unique = [...new Set(tags)];
    for (let i = 0; i < unique.length; i += TAGS_PER_REQUEST) {
      const batch = unique.slice(i, i + TAGS_PER_REQUEST);
      try {
        const response = await fetch(target.url, {
          method: 'POST',
          headers: { ...target.headers, 'surrogate-key': batch.join(' ') },
          signal: AbortSignal.timeout(deps.timeoutMs ?? 5_000),
        });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`CDN purge answered ${response.status} for ${batch.join(' ')}`);
      } catch (error) {
        deps.onError(error);
      }
    }
  };
}

/**
 * Parses CDN_PURGE_HEADERS: header lines separated by newlines or semicolons, e.g.
 * "Fastly-Key: abc; Fastly-Soft-Purge: 1". Returns undefined for a line that is not "Name: value".
 */
export function parsePurgeHeaders(raw: string | undefined): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  if (raw === undefined) return headers;
  for (const line of raw.split(/[\n;]/)) {
    if (line.trim() === '') continue;
    const match = /^\s*([A-Za-z0-9-]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (!match?.[1]) return undefined;
    headers[match[1]] = match[2] ?? '';
  }
  return headers;
}
