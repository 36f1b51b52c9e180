// The web face of tags: tag pages, and the newsroom's Tags screen.
export { tagRoutes } from './routes.public.tsx';
export { tagAdminRoutes } from './routes.admin.tsx';
