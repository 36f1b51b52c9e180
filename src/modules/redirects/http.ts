// The web face of redirects: what the 404 answer and the front page ask before they are sent, the
// old WordPress front address (/index.php), and the Redirects screen.
export { oldQueryAddresses, redirectLookup, type RedirectAnswer } from './lookup.ts';
export { oldAddressRoutes } from './routes.public.ts';
export { redirectAdminRoutes } from './routes.admin.tsx';
