// The web face of redirects: what the 404 answer asks before it is sent, and the Redirects screen.
export { redirectLookup } from './lookup.ts';
export { redirectAdminRoutes } from './routes.admin.tsx';
