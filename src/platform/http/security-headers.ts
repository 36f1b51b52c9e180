import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

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
 * Browser features no page of a news site uses, turned off for the page and anything it embeds, so
 * that injected or third-party script cannot ask for them. `interest-cohort` and `browsing-topics`
 * keep readers out of the browser's ad-interest profiling.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'bluetooth',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'interest-cohort',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** A year, subdomains included; sent only when the site is served over https. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * The security headers every answer carries, as [name, value] pairs. The page cache stores them with
 * each page, so the hits it answers before Fastify runs carry them too (src/platform/http/page-cache.ts).
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['content-security-policy', CONTENT_SECURITY_POLICY],
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'strict-origin-when-cross-origin'],
  ['x-frame-options', 'DENY'],
  ['permissions-policy', PERMISSIONS_POLICY],
  // No window this site opens, or that opens it, keeps a handle on the other.
  ['cross-origin-opener-policy', 'same-origin'],
];

/** The headers for a site served at `publicUrl`: HSTS only over https, where the browser can keep to it. */
export function securityHeadersFor(publicUrl: string | undefined): readonly (readonly [string, string])[] {
  return publicUrl?.toLowerCase().startsWith('https://')
    ? [...SECURITY_HEADERS, ['strict-transport-security', STRICT_TRANSPORT_SECURITY]]
    : SECURITY_HEADERS;
}

/**
 * Adds the security headers to every answer Fastify sends. The page cache's hits repeat the headers
 * of the answer they were stored from.
 */
export function addSecurityHeaders(app: FastifyInstance, options: { publicUrl?: string } = {}): void {
  const headers = securityHeadersFor(options.publicUrl);
  app.addHook('onSend', (_request, reply, payload, done) => {
    for (const [name, value] of headers) reply.header(name, value);
    done(null, payload);
  });
}

/**
 * For the one kind of page this site frames itself (the newsroom's preview of an article at phone and
 * desktop widths): the same headers, except that a page of this origin may frame it. Every other
 * page stays unframeable.
 */
export const SAME_ORIGIN_FRAMING_HEADERS: readonly (readonly [string, string])[] = [
  [
    'content-security-policy',
    CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors 'self'"),
  ],
  ['x-frame-options', 'SAMEORIGIN'],
];

/**
 * A route's own onSend hook that lets pages of this origin frame the answer. Route hooks run after
 * the app's, so this replaces what addSecurityHeaders set.
 */
export function allowSameOriginFraming(
  _request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: Error | null, payload: unknown) => void,
): void {
  for (const [name, value] of SAME_ORIGIN_FRAMING_HEADERS) reply.header(name, value);
  done(null, payload);
}
