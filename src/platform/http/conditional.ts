import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A strong ETag for a body: the same bytes always get the same tag, in every process. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Sends a body with ETag and Last-Modified, answering 304 Not Modified when the client's copy is
 * current. If-None-Match wins over If-Modified-Since, as RFC 9110 says.
 */
export function sendConditional(
  request: FastifyRequest,
  reply: FastifyReply,
  args: { body: string | Buffer; contentType: string; lastModified?: Date | undefined },
) {
  const etag = etagOf(args.body);
  reply.header('etag', etag);
  // HTTP dates have whole seconds; compare at that precision.
  const lastModified = args.lastModified
    ? new Date(Math.floor(args.lastModified.getTime() / 1000) * 1000)
    : undefined;
  if (lastModified) reply.header('last-modified', lastModified.toUTCString());
  const ifNoneMatch = request.headers['if-none-match'];
  let isFresh = false;
  if (ifNoneMatch !== undefined) {
    isFresh = matchesEtag(ifNoneMatch, etag);
  } else if (lastModified && request.headers['if-modified-since']) {
    const since = Date.parse(request.headers['if-modified-since']);
    isFresh = !Number.isNaN(since) && lastModified.getTime() <= since;
  }
  if (isFresh) return reply.code(304).send();
  return reply.type(args.contentType).send(args.body);
}
