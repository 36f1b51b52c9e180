// The web face of authors: author pages and the newsroom's profile routes. The domain is index.ts.
export { authorRoutes } from './routes.public.tsx';
export { authorAdminRoutes } from './routes.admin.tsx';
