import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../platform/db/database.ts';
import { dropUnfitQuery, IdSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { chromeFor, staffOf } from '../accounts/http.ts';
import { listAudit } from './repository.ts';
import { AuditPage } from './views/audit-page.tsx';

const PAGE_SIZE = 50;

/** `?before=<id>`: the page of entries older than that one. Anything else starts from the newest. */
const AuditQuerySchema = Type.Object({ before: Type.Optional(IdSchema) });

/** The audit log screen, for admins. Mounted under /admin. */
export const auditAdminRoutes: FastifyPluginAsync<{ db: Db; siteTitle: () => Promise<string> }> = async (
  scope,
  { db, siteTitle },
) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/audit',
    {
      config: { permission: 'audit.read' },
      schema: { querystring: AuditQuerySchema },
      preValidation: dropUnfitQuery(AuditQuerySchema),
    },
    async (request, reply) => {
      const { before } = request.query;
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
