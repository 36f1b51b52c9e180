// The HTTP side of the wire desk: one polite GET of a feed. Conditional (ETag, Last-Modified),
// compressed (gzip, br: Node's fetch decompresses as the body streams, and we count the decompressed
// bytes, so a small bomb cannot grow past the cap), redirects followed by hand so that a 301/308 can
// move the stored address and a 302/307 cannot, a time limit on the whole exchange, and one request
// at a time to any host (miniflux#2336, #3289: outlets block readers that open many at once).
import { readHttpDate } from './dates.ts';

/** What the server said about when to come back. */
export interface CacheHints {
  /** Cache-Control max-age, in seconds. */
  maxAgeSeconds: number | null;
  /** Expires, when no max-age was given. */
  expires: Date | null;
  /** Retry-After on a 429 or 503, as a time. */
  retryAfter: Date | null;
}

interface Common {
  /** The last address of an unbroken run of 301/308 redirects from the stored one: store it. */
  permanentUrl: string | null;
  /** The address the answer came from. */
  finalUrl: string;
  status: number;
  hints: CacheHints;
}

export type FetchOutcome =
  | (Common & {
      kind: 'fetched';
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    })
  | (Common & { kind: 'not-modified'; etag: string | null; lastModified: string | null })
  | (Common & { kind: 'gone' })
  | (Common & { kind: 'failed'; reason: string });

export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetcherOptions {
  /** "Dateline/0.1.0 (+https://news.example)". */
  userAgent: string;
  /** For the whole exchange of one request, body included. */
  timeoutMs?: number;
  /** Decompressed bytes read at most. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Tests read "now" from their clock for Retry-After and Expires. */
  now?: () => Date;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_FEED_BYTES = 10 * 1024 * 1024;
const MAX_REDIRECTS = 5;

const ACCEPT = [
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/rdf+xml',
  'application/xml;q=0.9',
  'text/xml;q=0.9',
  'application/json;q=0.8',
  '*/*;q=0.5',
].join(', ');

/** One request at a time per key: each call waits for the ones before it on the same key. */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const before = tails.get(key) ?? Promise.resolve();
      const result = before.then(fn, fn);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      // Forget a host once nothing waits on it, so the map does not grow with every host ever seen.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}

/** A feed fetcher; its queue keeps to one request per host among the fetches it makes. */
export interface FeedFetcher {
  fetch(request: FetchRequest): Promise<FetchOutcome>;
}

export function createFeedFetcher(options: FetcherOptions): FeedFetcher {
  const queue = createKeyedQueue();
  return {
    fetch: (request) => {
      const host = hostOf(request.url);
      return queue.run(host, () => fetchFeed(request, options));
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

/** Cache-Control max-age, Expires and Retry-After, read from a response's headers at `now`. */
export function readHints(headers: Headers, status: number, now: Date): CacheHints {
  const cacheControl = headers.get('cache-control') ?? '';
  const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d{1,10})"?/i.exec(cacheControl);
  const maxAgeSeconds = maxAge ? Number(maxAge[1]) : null;
  const expiresHeader = headers.get('expires');
  const expires = maxAgeSeconds === null && expiresHeader ? (readHttpDate(expiresHeader) ?? null) : null;
  let retryAfter: Date | null = null;
  const retry = headers.get('retry-after')?.trim();
  if (retry && (status === 429 || status === 503)) {
    retryAfter = /^\d{1,10}$/.test(retry)
      ? new Date(now.getTime() + Number(retry) * 1000)
      : (readHttpDate(retry) ?? null);
  }
  return { maxAgeSeconds, expires, retryAfter };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function statusReason(status: number): string {
  const named = `${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}`;
  if (status === 404)
    return `The feed address answered ${named}: the outlet may have moved or removed its feed.`;
  if (status === 401 || status === 403)
    return `The server refused to give us the feed (${named}); it may block readers or need a login.`;
  if (status === 429) return `The server asked us to slow down (${named}).`;
  if (status === 503) return `The server is unavailable for now (${named}).`;
  if (status >= 500) return `The outlet’s server failed (${named}).`;
  return `The feed address answered ${named}, not a feed.`;
}

function networkReason(error: unknown, url: string): string {
  const host = hostOf(url);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `No server is known by the name ${host}.`;
  if (code === 'ECONNREFUSED') return `${host} refused the connection: nothing answers at that address.`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
    return `${host} closed the connection before the feed arrived.`;
  if (code?.startsWith('CERT_') || code?.includes('CERT') || code?.startsWith('ERR_TLS'))
    return `${host}’s security certificate could not be checked (${code}).`;
  return `The feed could not be fetched from ${host} (${code ?? cause?.message ?? String(error)}).`;
}

class TimedOut extends Error {}
class TooLarge extends Error {}

/** Reads a body, decompressed, up to `maxBytes`; throws TooLarge past it. */
async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const length = Number(response.headers.get('content-length') ?? NaN);
  // Compressed or not, more bytes on the wire than the cap means more than the cap decompressed.
  if (Number.isFinite(length) && length > maxBytes) throw new TooLarge();
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, total);
}

/** One feed's GET, following redirects by hand. Never throws: every failure is an outcome with a reason. */
export async function fetchFeed(request: FetchRequest, options: FetcherOptions): Promise<FetchOutcome> {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_FEED_BYTES;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const noHints: CacheHints = { maxAgeSeconds: null, expires: null, retryAfter: null };
  let url = request.url;
  let permanentUrl: string | null = null;
  let isPermanentSoFar = true;
  const visited = [url];
  for (let hop = 0; ; hop++) {
    const common = () => ({ permanentUrl, finalUrl: url });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimedOut()), timeoutMs);
    try {
      const headers: Record<string, string> = {
        'user-agent': options.userAgent,
        accept: ACCEPT,
        'accept-encoding': 'gzip, br',
      };
      if (request.etag) headers['if-none-match'] = request.etag;
      if (request.lastModified) headers['if-modified-since'] = request.lastModified;
      const response = await fetch(url, { headers, redirect: 'manual', signal: controller.signal });
      const status = response.status;
      const hints = readHints(response.headers, status, now());
      if ([301, 302, 303, 307, 308].includes(status)) {
        await response.body?.cancel().catch(() => {});
        const location = response.headers.get('location');
        let next: string | undefined;
        try {
          next = location ? new URL(location, url).href : undefined;
        } catch {
          next = undefined;
        }
        if (!next || !/^https?:$/.test(new URL(next).protocol))
          return {
            kind: 'failed',
            ...common(),
            status,
            hints,
            reason: `The feed address redirects (${status}) to an address Dateline cannot follow.`,
          };
        if (visited.includes(next))
          return {
            kind: 'failed',
            ...common(),
            status,
            hints,
            reason: `The feed address redirects in a loop: ${[...visited, next].join(' → ')}.`,
          };
        if (hop + 1 > maxRedirects)
          return {
            kind: 'failed',
            ...common(),
            status,
            hints,
            reason: `The feed address redirects more than ${maxRedirects} times; Dateline stopped following.`,
          };
        if (isPermanentSoFar && (status === 301 || status === 308)) permanentUrl = next;
        else isPermanentSoFar = false;
        visited.push(next);
        url = next;
        continue;
      }
      if (status === 304) {
        await response.body?.cancel().catch(() => {});
        return {
          kind: 'not-modified',
          ...common(),
          status,
          hints,
          etag: response.headers.get('etag'),
          lastModified: response.headers.get('last-modified'),
        };
      }
      if (status === 410) {
        await response.body?.cancel().catch(() => {});
        return { kind: 'gone', ...common(), status, hints };
      }
      if (status < 200 || status > 299) {
        await response.body?.cancel().catch(() => {});
        return { kind: 'failed', ...common(), status, hints, reason: statusReason(status) };
      }
      const body = await readCapped(response, maxBytes);
      return {
        kind: 'fetched',
        ...common(),
        status,
        hints,
        body,
        contentType: response.headers.get('content-type'),
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      };
    } catch (error) {
      const reason =
        error instanceof TooLarge
          ? `The feed is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; Dateline stopped reading it.`
          : controller.signal.aborted && controller.signal.reason instanceof TimedOut
            ? `The server did not send the feed within ${formatSeconds(timeoutMs)}.`
            : networkReason(error, url);
      if (controller.signal.aborted === false) controller.abort();
      return { kind: 'failed', ...common(), status: 0, hints: noHints, reason };
    } finally {
      clearTimeout(timer);
    }
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} second${seconds === 1 ? '' : 's'}`;
}
