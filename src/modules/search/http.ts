// The web face of search: the reader's search page. The service and its two indexes are index.ts.
export { searchRoutes, type SearchRoutesOptions } from './routes.public.tsx';
