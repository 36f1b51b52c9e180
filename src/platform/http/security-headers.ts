import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy every page carries, reader pages included. No 'unsafe-inline': pages
 * hold no inline script or style (JSON-LD blocks are data, which script-src does not govern). Images
 * may come from https (authors' avatars); forms post only to this site; no one may frame a page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/**
 * The security headers every answer carries, as [name, value] pairs. The page cache writes the same
 * list on the hits it answers before Fastify runs (src/platform/http/page-cache.ts).
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['content-security-policy', CONTENT_SECURITY_POLICY],
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'strict-origin-when-cross-origin'],
  ['x-frame-options', 'DENY'],
];

/**
 * Adds the security headers to every answer Fastify sends. The page cache's hits are written by the
 * page cache itself, with the same SECURITY_HEADERS.
 */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    for (const [name, value] of SECURITY_HEADERS) reply.header(name, value);
    done(null, payload);
  });
}
