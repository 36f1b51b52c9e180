export { feedRoutes } from './routes.public.ts';
export { buildAtom, buildJsonFeed, buildRss } from './build.ts';
