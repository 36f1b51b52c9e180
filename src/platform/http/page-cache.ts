import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { createQueryNames } from './cache-key.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/** What a cached response depends on, as tags such as "article:12" or "settings". */
export type CacheTag = string;

/** How a route marks its response as cacheable. */
export interface Cacheable {
  /** Everything the page shows: a change to any of these removes it from the cache. */
  tags: readonly CacheTag[];
  /** When the content last changed, for Last-Modified; the moment it was cached when absent. */
  lastModified?: Date | undefined;
  /**
   * The query parameters the page depends on (`q` and `page` on search). Every other parameter is
   * left out of the cache key, so `?z=…` is answered from the same entry. None when absent.
   */
  query?: readonly string[] | undefined;
}

declare module 'fastify' {
  interface FastifyReply {
    /** Marks a 200 response as shared and cacheable, listing what it depends on. */
    cacheable(options: Cacheable): FastifyReply;
    /** Set by `cacheable`. */
    cacheOptions: Cacheable | undefined;
    /** Set by the page cache's onSend on a cacheable miss, stored once the answer has gone. */
    pageCacheCandidate: Candidate | undefined;
    /** The cache's invalidation count when this request began, to tell whether it rendered stale data. */
    pageCacheStartedAt: number;
  }
}

/** A flat [name, value, name, value, …] list, as `ServerResponse.writeHead` takes it. */
type HeaderList = string[];

/**
 * A cached answer. Everything a hit writes is built once, when the page is cached: the three bodies
 * and, for each, the complete header list. A hit only looks the entry up, picks a list and writes.
 */
interface Entry {
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  etag: string;
  lastModifiedMs: number;
  tags: readonly CacheTag[];
  size: number;
  heads: { identity: HeaderList; gzip: HeaderList; br: HeaderList; notModified: HeaderList };
}

/** What a cacheable miss leaves for its onResponse hook. */
interface Candidate {
  body: Buffer;
  etag: string;
  lastModified: string;
  tags: readonly CacheTag[];
  query: readonly string[];
}

/** The page cache's statistics, for tests and the benchmark. */
export interface PageCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  /** Of the hits, those answered in the HTTP server's request listener, before Fastify saw them. */
  hitsBeforeFastify: number;
  misses: number;
}

/** Options for the page cache. */
export interface PageCacheOptions {
  /** Off serves every request from the database, for measuring and debugging. */
  isEnabled: boolean;
  /** The most bytes all entries may hold, compressed copies included. */
  maxBytes: number;
  /** Seconds shared caches (CDNs) may keep a page; stale-while-revalidate is a fifth of it. */
  sharedMaxAge: number;
}

/** The page cache: an in-memory LRU of rendered pages and feeds, dropped by tag when content changes. */
export interface PageCache {
  /** Drops every entry that depends on any of these tags. Returns how many were dropped. */
  invalidate(tags: readonly CacheTag[]): number;
  /** Drops everything. */
  clear(): void;
  stats(): PageCacheStats;
  readonly isEnabled: boolean;
}

/**
 * Headers of a miss that a hit must not repeat: the ones each answer gets afresh (Node writes Date and
 * the connection headers; the length and encoding depend on the copy sent) and the cache's own marker.
 */
const PER_ANSWER_HEADERS = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'date',
  'connection',
  'keep-alive',
  'x-dateline-cache',
]);

/** What a 304 repeats of the 200 it stands for (RFC 9110 §15.4.5), and the security headers. */
const NOT_MODIFIED_HEADERS = new Set([
  'etag',
  'last-modified',
  'cache-control',
  'surrogate-key',
  'vary',
  'content-location',
  'expires',
  ...SECURITY_HEADERS.map(([name]) => name),
  'strict-transport-security',
]);

function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

function isFresh(headers: IncomingHttpHeaders, etag: string, lastModifiedMs: number): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return (
      ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)
    );
  }
  const since = headers['if-modified-since'];
  if (!since) return false;
  const time = Date.parse(since);
  return !Number.isNaN(time) && lastModifiedMs <= time;
}

function parseEncoding(accept: string): 'br' | 'gzip' | undefined {
  // A q=0 excludes an encoding; otherwise brotli is preferred for its size.
  const offered = new Map(
    accept.split(',').map((part) => {
      const [name = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return [name.trim().toLowerCase(), q === undefined ? 1 : Number(q)] as const;
    }),
  );
  if ((offered.get('br') ?? 0) > 0) return 'br';
  if ((offered.get('gzip') ?? 0) > 0) return 'gzip';
  return undefined;
}

// Browsers send a handful of distinct Accept-Encoding values: each is parsed once.
const encodingOf = new Map<string, 'br' | 'gzip' | undefined>();
function pickEncoding(accept: string | undefined): 'br' | 'gzip' | undefined {
  if (accept === undefined) return undefined;
  if (encodingOf.has(accept)) return encodingOf.get(accept);
  const encoding = parseEncoding(accept);
  if (encodingOf.size >= 200) encodingOf.clear();
  encodingOf.set(accept, encoding);
  return encoding;
}

/** A stored miss's headers as a flat list, with the hit marker and whatever one copy needs. */
function headerList(stored: [string, string][], extra: [string, string][]): HeaderList {
  return [...stored, ['x-dateline-cache', 'hit'], ...extra].flat();
}

/**
 * Registers the page cache. Routes opt in with `reply.cacheable({ tags })`; their 200 answers are
 * stored with gzip and brotli copies made once, and later requests for the same URL are answered
 * from memory. The URL's query counts only for the parameters the route declared (`query`). Whether or not the cache is on, cacheable answers carry ETag, Last-Modified,
 * Cache-Control for shared caches and a Surrogate-Key header naming their tags, so that a CDN can
 * purge by key.
 *
 * A hit is answered on the shortest path there is: in the HTTP server's request listener, before
 * Fastify builds a request, routes it or runs a hook, with header lists built when the page was
 * stored. It carries every header the miss that stored it carried (security headers included),
 * except the ones each answer gets afresh. Requests that do not reach the server's listener
 * (`app.inject` in tests) are answered the same way from the first onRequest hook.
 */
export function registerPageCache(app: FastifyInstance, options: PageCacheOptions): PageCache {
  const byTag = new Map<CacheTag, Set<string>>();
  let hits = 0;
  let hitsBeforeFastify = 0;
  let misses = 0;
  // A page rendered while one of its tags was invalidated may hold the old data (its queries ran
  // before the change committed) and must not be stored. Each invalidation takes the next number;
  // each tag remembers the number of its last one; a page whose request began before that number is
  // given to its reader but not kept. The map is emptied when it grows large: `floor` then stands in
  // for every tag forgotten, so requests older than it are not kept either.
  let generation = 0;
  let floor = 0;
  const tagGenerations = new Map<CacheTag, number>();
  const MAX_TRACKED_TAGS = 10_000;
  function isStale(startedAt: number, tags: readonly CacheTag[]): boolean {
    if (startedAt < floor) return true;
    return tags.some((tag) => (tagGenerations.get(tag) ?? 0) > startedAt);
  }

  const queryNames = createQueryNames();
  const lru = new LRUCache<string, Entry>({
    maxSize: Math.max(1, options.maxBytes),
    sizeCalculation: (entry) => entry.size,
    dispose: (entry, key) => {
      for (const tag of entry.tags) {
        const keys = byTag.get(tag);
        keys?.delete(key);
        if (keys?.size === 0) byTag.delete(tag);
      }
    },
  });

  const sharedCacheControl = `public, max-age=0, s-maxage=${options.sharedMaxAge}, stale-while-revalidate=${Math.ceil(options.sharedMaxAge / 5)}`;

  /** Answers a request from the cache if it can; true when it did. Works on Node's own objects. */
  function answerFromCache(req: IncomingMessage, res: ServerResponse): boolean {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const key = queryNames.lookupKey(req.url ?? '');
    const entry = key === undefined ? undefined : lru.get(key);
    if (!entry) return false;
    hits += 1;
    const { heads } = entry;
    if (isFresh(req.headers, entry.etag, entry.lastModifiedMs)) {
      res.writeHead(304, heads.notModified);
      res.end();
      return true;
    }
    const encoding = pickEncoding(req.headers['accept-encoding']);
    if (encoding === 'br') {
      res.writeHead(200, heads.br);
      res.end(entry.brotli);
    } else if (encoding === 'gzip') {
      res.writeHead(200, heads.gzip);
      res.end(entry.gzip);
    } else {
      res.writeHead(200, heads.identity);
      res.end(entry.body);
    }
    return true;
  }

  function store(key: string, candidate: Candidate, reply: FastifyReply) {
    const stored: [string, string][] = [];
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value === undefined || PER_ANSWER_HEADERS.has(name)) continue;
      // A page that sets a cookie is someone's own: it is never shared.
      if (name === 'set-cookie') return;
      stored.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
    }
    const { body } = candidate;
    const gzip = gzipSync(body, { level: 9 });
    const brotli = brotliCompressSync(body, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    const entry: Entry = {
      body,
      gzip,
      brotli,
      etag: candidate.etag,
      lastModifiedMs: Date.parse(candidate.lastModified),
      tags: candidate.tags,
      size: body.length + gzip.length + brotli.length + key.length + 2000,
      heads: {
        identity: headerList(stored, [['content-length', String(body.length)]]),
        gzip: headerList(stored, [
          ['content-encoding', 'gzip'],
          ['content-length', String(gzip.length)],
        ]),
        br: headerList(stored, [
          ['content-encoding', 'br'],
          ['content-length', String(brotli.length)],
        ]),
        notModified: headerList(
          stored.filter(([name]) => NOT_MODIFIED_HEADERS.has(name)),
          [],
        ),
      },
    };
    lru.set(key, entry);
    for (const tag of candidate.tags) {
      let keys = byTag.get(tag);
      if (!keys) byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  app.decorateReply('cacheOptions', undefined);
  app.decorateReply('pageCacheCandidate', undefined);
  app.decorateReply('pageCacheStartedAt', 0);
  app.decorateReply('cacheable', function cacheable(this: FastifyReply, cacheOptions: Cacheable) {
    this.cacheOptions = cacheOptions;
    return this;
  });

  if (options.isEnabled) {
    answerBeforeFastify(app, (req, res) => {
      const isAnswered = answerFromCache(req, res);
      if (isAnswered) hitsBeforeFastify += 1;
      return isAnswered;
    });
    // MUST be the first onRequest hook: a hit is answered before sessions, routes or the database.
    app.addHook('onRequest', (request, reply, done) => {
      if (answerFromCache(request.raw, reply.raw)) reply.hijack();
      else {
        misses += 1;
        reply.pageCacheStartedAt = generation;
      }
      done();
    });
    // Stored once the answer has gone: the reader does not wait for the compression, and every
    // header any later onSend hook added is there to be stored with it.
    app.addHook('onResponse', (request, reply, done) => {
      const candidate = reply.pageCacheCandidate;
      if (candidate && !isStale(reply.pageCacheStartedAt, candidate.tags))
        store(queryNames.storeKey(request.url, candidate.query), candidate, reply);
      done();
    });
  }

  app.addHook('onSend', (request: FastifyRequest, reply, payload, done) => {
    const cacheOptions = reply.cacheOptions;
    if (
      !cacheOptions ||
      reply.statusCode !== 200 ||
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      (typeof payload !== 'string' && !Buffer.isBuffer(payload))
    ) {
      done(null, payload);
      return;
    }
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const etag = etagOf(body);
    const lastModified = new Date(
      Math.floor((cacheOptions.lastModified ?? new Date()).getTime() / 1000) * 1000,
    ).toUTCString();
    const tags = [...new Set(cacheOptions.tags)];
    reply
      .header('etag', etag)
      .header('last-modified', lastModified)
      .header('cache-control', sharedCacheControl)
      .header('surrogate-key', tags.join(' '));
    if (options.isEnabled) {
      reply.header('vary', 'Accept-Encoding').header('x-dateline-cache', 'miss');
      reply.pageCacheCandidate = { body, etag, lastModified, tags, query: cacheOptions.query ?? [] };
    }
    if (isFresh(request.headers, etag, Date.parse(lastModified))) {
      reply.code(304);
      done(null, '');
      return;
    }
    done(null, body);
  });

  return {
    isEnabled: options.isEnabled,
    invalidate(tags) {
      generation += 1;
      if (tagGenerations.size > MAX_TRACKED_TAGS) {
        tagGenerations.clear();
        floor = generation;
      }
      for (const tag of tags) tagGenerations.set(tag, generation);
      let dropped = 0;
      for (const tag of tags) {
        for (const key of [...(byTag.get(tag) ?? [])]) if (lru.delete(key)) dropped += 1;
      }
      return dropped;
    },
    clear() {
      generation += 1;
      floor = generation;
      tagGenerations.clear();
      queryNames.clear();
      lru.clear();
    },
    stats: () => ({ entries: lru.size, bytes: lru.calculatedSize, hits, hitsBeforeFastify, misses }),
  };
}

/**
 * Puts `answer` in front of Fastify in the HTTP server's request listener, so that a hit costs what
 * Node's HTTP server costs and nothing more. Fastify installs one listener when it creates its
 * server; if that ever changes, the onRequest hook still answers every hit, only a little later.
 */
function answerBeforeFastify(
  app: FastifyInstance,
  answer: (req: IncomingMessage, res: ServerResponse) => boolean,
): void {
  const server = app.server as FastifyInstance['server'] | undefined;
  const listeners = server?.listeners('request') ?? [];
  if (!server || listeners.length !== 1) return;
  const fastifyListener = listeners[0] as (req: IncomingMessage, res: ServerResponse) => void;
  // Fastify logs each request at info; a hit answered here is logged the same way, when that is on.
  const log = ['trace', 'debug', 'info'].includes(app.log.level) ? app.log : undefined;
  server.removeListener('request', fastifyListener);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let isAnswered = false;
    try {
      isAnswered = answer(req, res);
    } catch (error) {
      app.log.error({ err: error }, 'page cache hit failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
    }
    if (!isAnswered) {
      fastifyListener(req, res);
      return;
    }
    log?.info(
      { req: { method: req.method, url: req.url }, res: { statusCode: res.statusCode } },
      'cache hit',
    );
  });
}
