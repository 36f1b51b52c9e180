// The redirects module's domain face: a table of on-site redirects, consulted only where a GET would
// otherwise be a 404. Tags write to it when they are renamed or merged; sections, pages and a
// redirects screen will (issue #14).
export { redirects, sitePathProblem, type RedirectStatus } from './service.ts';
export type { Redirect } from './repository.ts';
/** Both ends' rules, throwing VALIDATION_FAILED naming `from` or `to`: for rows written elsewhere (transfer). */
export { checkPath as checkRedirectPath } from './service.ts';
