// The web face of accounts: the newsroom's sign-in routes, and the staff-session hooks every admin
// route runs behind. The domain (services, policy, passwords) is index.ts.
export {
  adminSurface,
  assertCsrf,
  chromeFor,
  staffOf,
  staffPermissionCheck,
  SESSION_COOKIE,
} from './staff-access.ts';
export { accountAdminRoutes } from './routes.admin.tsx';
