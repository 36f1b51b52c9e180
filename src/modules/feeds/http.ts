// The web face of feeds: RSS, Atom and JSON Feed routes. The builders are index.ts.
export { feedRoutes } from './routes.public.ts';
