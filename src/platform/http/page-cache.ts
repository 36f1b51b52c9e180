import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';

/** What a cached response depends on, as tags such as "article:12" or "settings". */
export type CacheTag = string;

/** How a route marks its response as cacheable. */
export interface Cacheable {
  /** Everything the page shows: a change to any of these removes it from the cache. */
  tags: readonly CacheTag[];
  /** When the content last changed, for Last-Modified; the moment it was cached when absent. */
  lastModified?: Date | undefined;
}

declare module 'fastify' {
  interface FastifyReply {
    /** Marks a 200 response as shared and cacheable, listing what it depends on. */
    cacheable(options: Cacheable): FastifyReply;
    /** Set by `cacheable`. */
    cacheOptions: Cacheable | undefined;
  }
}

interface Entry {
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  contentType: string;
  etag: string;
  lastModified: string;
  tags: readonly CacheTag[];
  size: number;
}

/** The page cache's statistics, for tests and the benchmark. */
export interface PageCacheStats {
  entries: number;
  bytes: number;
  hits: number;
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

const CACHEABLE_METHODS = new Set(['GET', 'HEAD']);

function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

function isFresh(request: FastifyRequest, etag: string, lastModified: string): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return (
      ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)
    );
  }
  const since = request.headers['if-modified-since'];
  if (!since) return false;
  const time = Date.parse(since);
  return !Number.isNaN(time) && Date.parse(lastModified) <= time;
}

function pickEncoding(request: FastifyRequest): 'br' | 'gzip' | undefined {
  const accept = request.headers['accept-encoding'];
  if (typeof accept !== 'string') return undefined;
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

/**
 * Registers the page cache. Routes opt in with `reply.cacheable({ tags })`; their 200 answers are
 * stored with gzip and brotli copies made once, and later requests for the same URL are answered
 * from memory in the first hook, before any route or database work. Whether or not the cache is
 * on, cacheable answers carry ETag, Last-Modified, Cache-Control for shared caches and a
 * Surrogate-Key header naming their tags, so that a CDN can purge by key.
 */
export function registerPageCache(app: FastifyInstance, options: PageCacheOptions): PageCache {
  const byTag = new Map<CacheTag, Set<string>>();
  let hits = 0;
  let misses = 0;

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

  function send(request: FastifyRequest, reply: FastifyReply, entry: Entry) {
    reply
      .header('content-type', entry.contentType)
      .header('etag', entry.etag)
      .header('last-modified', entry.lastModified)
      .header('cache-control', sharedCacheControl)
      .header('surrogate-key', entry.tags.join(' '))
      .header('vary', 'Accept-Encoding')
      .header('x-dateline-cache', 'hit');
    if (isFresh(request, entry.etag, entry.lastModified)) return reply.code(304).send();
    const encoding = pickEncoding(request);
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(encoding === 'br' ? entry.brotli : encoding === 'gzip' ? entry.gzip : entry.body);
  }

  app.decorateReply('cacheOptions', undefined);
  app.decorateReply('cacheable', function cacheable(this: FastifyReply, cacheOptions: Cacheable) {
    this.cacheOptions = cacheOptions;
    return this;
  });

  if (options.isEnabled) {
    // MUST be the first onRequest hook: a hit is answered before sessions, routes or the database.
    app.addHook('onRequest', async (request, reply) => {
      if (!CACHEABLE_METHODS.has(request.method)) return;
      const entry = lru.get(request.url);
      if (!entry) {
        misses += 1;
        return;
      }
      hits += 1;
      return send(request, reply, entry);
    });
  }

  app.addHook('onSend', async (request, reply, payload) => {
    const cacheOptions = reply.cacheOptions;
    if (!cacheOptions || reply.statusCode !== 200 || !CACHEABLE_METHODS.has(request.method)) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
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
      const gzip = gzipSync(body, { level: 9 });
      const brotli = brotliCompressSync(body, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
      });
      const entry: Entry = {
        body,
        gzip,
        brotli,
        contentType: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'),
        etag,
        lastModified,
        tags,
        size: body.length + gzip.length + brotli.length + request.url.length + 200,
      };
      lru.set(request.url, entry);
      for (const tag of tags) {
        let keys = byTag.get(tag);
        if (!keys) byTag.set(tag, (keys = new Set()));
        keys.add(request.url);
      }
    }
    if (isFresh(request, etag, lastModified)) {
      reply.code(304);
      return '';
    }
    return body;
  });

  return {
    isEnabled: options.isEnabled,
    invalidate(tags) {
      let dropped = 0;
      for (const tag of tags) {
        for (const key of [...(byTag.get(tag) ?? [])]) if (lru.delete(key)) dropped += 1;
      }
      return dropped;
    },
    clear: () => lru.clear(),
    stats: () => ({ entries: lru.size, bytes: lru.calculatedSize, hits, misses }),
  };
}
