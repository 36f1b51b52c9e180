// A feed server on 127.0.0.1 for the wire desk's tests: it serves the fixtures in
// test/fixtures/wire and scripted behaviours (304s, compression, redirects, errors, slow and huge
// answers), and records every request it sees, with its headers, when it started and ended, and how
// many requests to this host were open at once, so tests assert on what the server saw.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { brotliCompressSync, createGzip, gzipSync } from 'node:zlib';

export const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'wire');

/** A fixture's bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

/** What the server saw of one request. */
export interface SeenRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  startedAt: number;
  endedAt: number | undefined;
  /** Requests open on this server when this one arrived, itself included. */
  openOnArrival: number;
}

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void | Promise<void>;

export interface FeedServer {
  /** "http://127.0.0.1:PORT". */
  origin: string;
  url(pathname: string): string;
  /** Every request so far, in arrival order. */
  requests: SeenRequest[];
  requestsTo(pathname: string): SeenRequest[];
  /** The most requests that were ever open at once. */
  maxConcurrency(): number;
  route(pathname: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Handler>();
  const requests: SeenRequest[] = [];
  let open = 0;
  let maxOpen = 0;
  const server = http.createServer((request, response) => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    const seen: SeenRequest = {
      path: request.url ?? '',
      headers: request.headers,
      startedAt: performance.now(),
      endedAt: undefined,
      openOnArrival: open,
    };
    requests.push(seen);
    let isDone = false;
    const done = () => {
      if (isDone) return;
      isDone = true;
      open--;
      seen.endedAt = performance.now();
    };
    response.on('close', done);
    const handler = routes.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (!handler) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such fixture');
      return;
    }
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (pathname) => `${origin}${pathname}`,
    requests,
    requestsTo: (pathname) => requests.filter((r) => new URL(r.path, origin).pathname === pathname),
    maxConcurrency: () => maxOpen,
    route: (pathname, handler) => void routes.set(pathname, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Options for serving a document. */
export interface ServeOptions {
  contentType?: string;
  etag?: string;
  lastModified?: string;
  cacheControl?: string;
  expires?: string;
  encoding?: 'gzip' | 'br';
  status?: number;
  headers?: Record<string, string>;
}

/**
 * Serves `body` with validators and, when the request's If-None-Match or If-Modified-Since matches
 * them, a 304 with no body, as a well-behaved feed server does.
 */
export function serve(body: Buffer | string | (() => Buffer | string), options: ServeOptions = {}): Handler {
  return (request, response) => {
    const headers: Record<string, string> = {
      'content-type': options.contentType ?? 'application/rss+xml; charset=utf-8',
      ...(options.etag && { etag: options.etag }),
      ...(options.lastModified && { 'last-modified': options.lastModified }),
      ...(options.cacheControl && { 'cache-control': options.cacheControl }),
      ...(options.expires && { expires: options.expires }),
      ...options.headers,
    };
    const matchesEtag = options.etag !== undefined && request.headers['if-none-match'] === options.etag;
    const matchesDate =
      options.lastModified !== undefined && request.headers['if-modified-since'] === options.lastModified;
    if (matchesEtag || matchesDate) {
      response.writeHead(304, headers).end();
      return;
    }
    const raw = typeof body === 'function' ? body() : body;
    let bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
    if (options.encoding === 'gzip') bytes = gzipSync(bytes);
    if (options.encoding === 'br') bytes = brotliCompressSync(bytes);
    if (options.encoding) headers['content-encoding'] = options.encoding;
    response.writeHead(options.status ?? 200, { ...headers, 'content-length': String(bytes.length) });
    response.end(bytes);
  };
}

/** Answers `status` with `headers` and a short text. */
export function answer(status: number, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(`status ${status}`);
  };
}

/** Each request gets the next handler; the last one repeats. */
export function sequence(...handlers: Handler[]): Handler {
  let next = 0;
  return (request, response) => {
    const handler = handlers[Math.min(next++, handlers.length - 1)] as Handler;
    return handler(request, response);
  };
}

/** Sends headers, then nothing for `ms` (or until the client gives up), then the body. */
export function slow(ms: number, body: string): Handler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    response.write('<?xml version="1.0"?>');
    const timer = setTimeout(() => response.end(body), ms);
    response.on('close', () => clearTimeout(timer));
  };
}

/**
 * A body of `bytes` bytes made as it is sent (never held whole, never committed): a feed whose
 * items go on and on, gzipped on the fly when asked (a small download that grows past the cap).
 * Stops when the client hangs up.
 */
export function huge(bytes: number, options: { encoding?: 'gzip' } = {}): Handler {
  return (_request, response) => {
    const item = Buffer.from(
      '<item><title>Padding story</title><description>The same text again and again, as a runaway feed writes it.</description></item>\n',
    );
    response.writeHead(200, {
      'content-type': 'application/rss+xml',
      ...(options.encoding && { 'content-encoding': options.encoding }),
    });
    let isClosed = false;
    response.on('close', () => {
      isClosed = true;
    });
    let sink: Writable = response;
    if (options.encoding === 'gzip') {
      const gzip = createGzip();
      gzip.pipe(response);
      response.on('close', () => gzip.destroy());
      sink = gzip;
    }
    let sent = 0;
    const chunk = Buffer.concat(Array.from({ length: 512 }, () => item));
    sink.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>\n');
    const pump = () => {
      while (!isClosed && sent < bytes) {
        sent += chunk.length;
        if (!sink.write(chunk)) {
          sink.once('drain', pump);
          return;
        }
      }
      if (!isClosed) sink.end('</channel></rss>');
    };
    pump();
  };
}

/** Redirects with `status` to `location`. */
export function redirect(status: number, location: string): Handler {
  return answer(status, { location });
}
