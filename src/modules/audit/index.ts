export { recordAudit, listAudit, type AuditEntry } from './repository.ts';
