// The web face of audit: the newsroom's audit log page.
export { auditAdminRoutes } from './routes.admin.tsx';
