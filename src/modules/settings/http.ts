// The web face of settings: the newsroom's settings page.
export { settingsAdminRoutes } from './routes.admin.tsx';
