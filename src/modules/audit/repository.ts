import type { Db } from '../../platform/db/database.ts';

/** One line of the audit log. */
export interface AuditEntry {
  /** Who acted; null for the `dateline` command and the scheduler. */
  actor: { id: number; name: string } | null;
  /** "article.publish", "article.unpublish", "article.delete", "setting.change", "user.add", … */
  action: string;
  /** What it was done to: "article:12", "setting:site.title", "user:3". */
  subject: string;
  detail?: Record<string, unknown>;
  at: string;
}

/** Writes one audit line. Call it inside the transaction that makes the change, so both land or neither. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.actor?.id ?? null,
      user_name: entry.actor?.name ?? 'dateline command',
      action: entry.action,
      subject: entry.subject,
      detail: JSON.stringify(entry.detail ?? {}),
      created_at: entry.at,
    })
    .execute();
}

/** The newest audit lines first, `before` an id for paging. */
export function listAudit(db: Db, args: { limit: number; before?: number }) {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'user_id', 'user_name', 'action', 'subject', 'detail', 'created_at'])
    .orderBy('id', 'desc')
    .limit(args.limit);
  if (args.before !== undefined) query = query.where('id', '<', args.before);
  return query.execute();
}
