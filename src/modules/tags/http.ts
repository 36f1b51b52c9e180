// The web face of tags: tag pages.
export { tagRoutes } from './routes.public.tsx';
