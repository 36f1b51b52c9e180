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
 * Adds the security headers to every answer, cached pages included. onSend runs for every reply,
 * also one the page cache answers in its first onRequest hook.
 */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'strict-origin-when-cross-origin')
      .header('x-frame-options', 'DENY');
  });
}
