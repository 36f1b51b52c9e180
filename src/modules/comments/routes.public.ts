import type { FastifyPluginAsync } from 'fastify';
import { AppError, notFound } from '../../platform/errors.ts';
import { wantsJson } from '../../platform/http/negotiation.ts';
import type { CommentFormState } from './views/comments-section.tsx';
import { readCommentForm } from './schemas.ts';
import type { CommentService } from './service.ts';

/** What the comment routes need; `renderArticle` shows a rejected form in place on its article page. */
export interface CommentRoutesOptions {
  comments: CommentService;
  renderArticle(slug: string, form: CommentFormState): Promise<string | undefined>;
}

/** The largest comment request accepted; anything past this is refused before it is parsed. */
const BODY_LIMIT = 256 * 1024;

/** Posting a comment from an article page's form, or as JSON. */
export const commentRoutes: FastifyPluginAsync<CommentRoutesOptions> = async (
  app,
  { comments, renderArticle },
) => {
  app.post<{ Params: { slug: string } }>(
    '/:slug/comments',
    { config: { permission: 'public' }, bodyLimit: BODY_LIMIT },
    async (request, reply) => {
      const { slug } = request.params;
      const form = readCommentForm(request.body);
      try {
        const result = await comments.postComment({
          slug,
          form,
          origin: { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' },
        });
        if (wantsJson(request))
          return reply.code(201).send({ comment: { id: result.id, status: result.status } });
        const target =
          result.status === 'approved'
            ? `/${slug}/#comment-${result.id}`
            : `/${slug}/?comment=pending#respond`;
        return reply.redirect(target, 303);
      } catch (error) {
        // A rejected form comes back on its article page, beside the form, with everything the reader typed.
        if (!(error instanceof AppError) || error.code === 'NOT_FOUND' || wantsJson(request)) throw error;
        const state: CommentFormState = {
          values: form,
          errors: error.fields ?? {},
          ...(error.fields ? {} : { formError: error.message }),
        };
        const html = await renderArticle(slug, state);
        if (html === undefined) throw notFound();
        return reply
          .code(error.status)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(html);
      }
    },
  );
};
