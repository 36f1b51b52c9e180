// The web face of standing pages: the renderer articles' `/:slug/` route falls back to, child page
// routes, and the newsroom's Pages screen. The domain (service, rules) is index.ts.
export { createStandingPages, pageRoutes, type RenderedPage, type StandingPages } from './routes.public.tsx';
export { pageAdminRoutes } from './routes.admin.tsx';
