export { recordAudit, listAudit, type AuditEntry } from './repository.ts';
export { auditAdminRoutes } from './routes.admin.tsx';
