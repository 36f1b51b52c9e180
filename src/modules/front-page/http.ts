// The web face of the front page: the curated first page and the newsroom's Front page screen. The
// domain (service, rules, types) is index.ts.
export { createCuratedFront } from './first-page.tsx';
export { frontPageAdminRoutes, type FrontPageAdminOptions } from './routes.admin.tsx';
