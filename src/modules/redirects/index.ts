// The redirects module's domain face: a table of redirects, consulted only where a GET would
// otherwise be a 404. Tags and articles write to it when their addresses move (`movedPath`); the
// Redirects screen and `dateline redirect` manage it by hand (issue #14). The WordPress importer writes a
// moved-in site's old query addresses (`/?p=123`), which `/` and `/index.php` answer (issue #16).
export {
  createRedirectService,
  externalUrlProblem,
  isRedirectStatus,
  normalisedInput,
  OLD_QUERY_KEYS,
  oldQueryAddress,
  redirectInputProblems,
  redirects,
  REDIRECT_STATUSES,
  sitePathProblem,
  sourcePathProblem,
  type RedirectActor,
  type RedirectImportRow,
  type RedirectInput,
  type RedirectService,
  type RedirectStatus,
} from './service.ts';
export { redirectsFromCsv, redirectsToCsv } from './csv.ts';
export type { Redirect } from './repository.ts';
