import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { staffOf } from '../accounts/http.ts';
import type { TopicService } from './service.ts';
import { AcceptBodySchema, SuggestBodySchema } from './schemas.ts';

/** What the editor's topic suggestions are told with each answer. */
export const TOPICS_NOTE = 'Suggestions read English text only. Nothing is tagged until you add it.';

/**
 * The editor's topic suggestions, JSON under /admin. Everyone on staff who writes may ask
 * ('article.create'); accepting makes a tag only for 'tag.manage' (the service refuses a
 * contributor with FORBIDDEN), and the /admin scope checks the CSRF token on both posts.
 */
export const topicAdminRoutes: FastifyPluginAsync<{ topics: TopicService }> = async (scope, { topics }) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/topics/suggest',
    { config: { permission: 'article.create' }, schema: { body: SuggestBodySchema } },
    async (request, reply) => {
      const { title, standfirst, body, body_format, tags } = request.body;
      const suggestions = await topics.suggest({
        title,
        ...(standfirst !== undefined && { standfirst }),
        ...(body !== undefined && { body }),
        ...(body_format !== undefined && { bodyFormat: body_format }),
        ...(tags !== undefined && { tags }),
      });
      return reply.send({ suggestions, note: TOPICS_NOTE });
    },
  );

  app.post(
    '/topics/accept',
    { config: { permission: 'article.create' }, schema: { body: AcceptBodySchema } },
    async (request, reply) => {
      const { name, kind, aliases } = request.body;
      const accepted = await topics.accept({
        actor: staffOf(request),
        acceptance: { name, kind, ...(aliases !== undefined && { aliases }) },
      });
      return reply.code(accepted.createdTag ? 201 : 200).send(accepted);
    },
  );
};
