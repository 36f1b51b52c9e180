import type { FastifyRequest } from 'fastify';

/** True when the client asked for JSON rather than a page (`Accept: application/json` before text/html). */
export function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  const json = accept.indexOf('application/json');
  if (json === -1) return false;
  const html = accept.indexOf('text/html');
  return html === -1 || json < html;
}
