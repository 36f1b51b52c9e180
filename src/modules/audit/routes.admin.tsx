import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { chromeFor, staffOf } from '../accounts/http.ts';
import { listAudit } from './repository.ts';
import { AuditPage } from './views/audit-page.tsx';

const PAGE_SIZE = 50;

/** The audit log screen, for admins. Mounted under /admin. */
export const auditAdminRoutes: FastifyPluginAsync<{ db: Db; siteTitle: () => Promise<string> }> = async (
  app,
  { db, siteTitle },
) => {
  app.get<{ Querystring: { before?: string } }>(
    '/audit',
    { config: { permission: 'audit.read' } },
    async (request, reply) => {
      const raw = request.query.before;
      // Anything but a plain positive number starts from the newest entry.
      const before =
        typeof raw === 'string' && /^[1-9][0-9]{0,15}$/.test(raw) && Number.isSafeInteger(Number(raw))
          ? Number(raw)
          : undefined;
      const rows = await listAudit(db, {
        limit: PAGE_SIZE + 1,
        ...(before !== undefined && { before }),
      });
      const shown = rows.slice(0, PAGE_SIZE).map((r) => ({ ...r, id: Number(r.id) }));
      const chrome = chromeFor(staffOf(request), await siteTitle());
      return reply
        .type('text/html; charset=utf-8')
        .send(
          renderDocument(
            <AuditPage
              chrome={chrome}
              rows={shown}
              isFirstPage={before === undefined}
              {...(rows.length > PAGE_SIZE && { olderThan: shown[shown.length - 1]!.id })}
            />,
          ),
        );
    },
  );
};
