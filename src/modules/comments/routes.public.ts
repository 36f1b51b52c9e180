import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../platform/errors.ts';
import { wantsJson } from '../../platform/http/negotiation.ts';
import { SlugParamsSchema } from '../../platform/http/schemas.ts';
import type { Settings } from '../settings/index.ts';
import { cacheTags } from '../page-cache/index.ts';
import type { CommentFormState } from './views/comments-section.tsx';
import { buildCommentFeed } from './feeds.tsx';
import { readCommentForm, type CommentFormValues } from './schemas.ts';
import type { CommentService, PostedComment } from './service.ts';

/** What the comment routes need; `renderArticle` shows a rejected form in place on its article page. */
export interface CommentRoutesOptions {
  comments: CommentService;
  settings: { all(): Promise<Settings> };
  publicUrl: string;
  renderArticle: (slug: string, form: CommentFormState) => Promise<{ html: string } | undefined>;
}

/** The largest comment request accepted; anything past this is refused before it is parsed. */
const BODY_LIMIT = 256 * 1024;

/** How many comments a feed lists, as WordPress's posts_per_rss. */
const FEED_SIZE = 10;

/** The cookies a reader may agree to, to have the form filled in next time. */
const COOKIES = {
  author: 'dateline_comment_author',
  email: 'dateline_comment_author_email',
  url: 'dateline_comment_author_url',
};

// About 347 days, as WordPress. The cookies are readable by the page's script on purpose: it fills the
// form in on a shared, cached page. They hold only what the reader typed and agreed to keep.
const COOKIE_MAX_AGE = 30_000_000;

function rememberCommenter(
  request: FastifyRequest,
  reply: FastifyReply,
  form: CommentFormValues,
  publicUrl: string,
) {
  const secure = request.protocol === 'https' || publicUrl.startsWith('https:');
  const options = { path: '/', sameSite: 'lax' as const, secure, httpOnly: false };
  if (!form.consent) {
    for (const name of Object.values(COOKIES)) reply.clearCookie(name, options);
    return;
  }
  reply.setCookie(COOKIES.author, form.author.trim(), { ...options, maxAge: COOKIE_MAX_AGE });
  reply.setCookie(COOKIES.email, form.email.trim(), { ...options, maxAge: COOKIE_MAX_AGE });
  if (form.url.trim() === '') reply.clearCookie(COOKIES.url, options);
  else reply.setCookie(COOKIES.url, form.url.trim(), { ...options, maxAge: COOKIE_MAX_AGE });
}

function redirectTarget(slug: string, result: PostedComment): string {
  if (!result.preview) return `/${slug}/#comment-${result.id}`;
  const query = new URLSearchParams({
    unapproved: result.preview.unapproved,
    'moderation-hash': result.preview.hash,
  });
  return `/${slug}/?${query.toString()}#comment-${result.id}`;
}

const isPublic = { config: { permission: 'public' } } as const;

/** Posting a comment from an article page's form or as JSON, and the comment feeds. */
export const commentRoutes: FastifyPluginAsync<CommentRoutesOptions> = async (app, options) => {
  const { comments, renderArticle, publicUrl } = options;

  app.post<{ Params: { slug: string } }>(
    '/:slug/comments',
    // The body has no schema: a rejected form must come back with every word the reader typed.
    { ...isPublic, bodyLimit: BODY_LIMIT, schema: { params: SlugParamsSchema } },
    async (request, reply) => {
      const { slug } = request.params;
      const form = readCommentForm(request.body);
      try {
        const result = await comments.postComment({
          slug,
          form,
          origin: { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' },
        });
        rememberCommenter(request, reply, form, publicUrl);
        reply.header('cache-control', 'private, no-store');
        if (wantsJson(request)) {
          const location = redirectTarget(slug, result);
          return reply.code(201).send({
            comment: {
              id: result.id,
              status: result.status === 'spam' ? 'pending' : result.status,
              location,
            },
          });
        }
        return reply.redirect(redirectTarget(slug, result), 303);
      } catch (error) {
        // A rejected form comes back on its article page, beside the form, with everything the reader typed.
        if (!(error instanceof AppError) || error.code === 'NOT_FOUND' || wantsJson(request)) throw error;
        const state: CommentFormState = {
          values: form,
          errors: error.fields ?? {},
          ...(error.fields ? {} : { formError: error.message }),
        };
        const page = await renderArticle(slug, state);
        if (page === undefined) throw notFound();
        return reply
          .code(error.status)
          .header('cache-control', 'private, no-store')
          .type('text/html; charset=utf-8')
          .send(page.html);
      }
    },
  );

  async function sendFeed(
    reply: FastifyReply,
    feedPath: string,
    article?: { id: number; slug: string; title: string },
  ) {
    const settings = await options.settings.all();
    const list = await comments.latestApproved({
      ...(article && { articleId: article.id }),
      limit: FEED_SIZE,
    });
    const xml = buildCommentFeed({
      siteTitle: settings['site.title'],
      language: settings['site.language'],
      publicUrl,
      feedPath,
      comments: list,
      ...(article && { article }),
    });
    const tags = article
      ? [cacheTags.settings, cacheTags.article(article.id), cacheTags.comments(article.id)]
      : // The site's feed names each comment's article: retitling, unpublishing or deleting one of
        // them changes it. An article that becomes visible drops it through allComments.
        [
          cacheTags.settings,
          cacheTags.allComments,
          ...new Set(list.map((c) => cacheTags.article(c.article_id))),
        ];
    return reply.cacheable({ tags }).type('application/rss+xml; charset=utf-8').send(xml);
  }

  app.get('/comments/feed/', isPublic, async (_request, reply) => sendFeed(reply, '/comments/feed/'));

  const bySlug = { ...isPublic, schema: { params: SlugParamsSchema } };
  app.get<{ Params: { slug: string } }>('/:slug/feed/', bySlug, async (request, reply) => {
    const article = await comments.findArticleForFeed(request.params.slug);
    if (!article) throw notFound();
    return sendFeed(reply, `/${article.slug}/feed/`, article);
  });
};
