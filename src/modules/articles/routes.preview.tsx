import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { dropUnfitQuery, IdSchema, QueryTextSchema } from '../../platform/http/schemas.ts';
import { allowSameOriginFraming } from '../../platform/http/security-headers.ts';
import { deskAidsStylesheet } from '../../platform/render/assets.ts';
import { renderDocument } from '../../platform/render/html.ts';
import type { SiteMenuSource } from '../../platform/render/layout.tsx';
import { chromeFor, staffOf } from '../accounts/http.ts';
import { emptyCommentForm } from '../comments/http.ts';
import { toSiteInfo, type SettingsService } from '../settings/index.ts';
import { PREVIEW_LINK_HOURS, type PreviewedArticle } from './previews.ts';
import type { ArticleDetail, ArticleService } from './service.ts';
import { ArticlePage } from './views/article-page.tsx';
import { previewBannerText, PreviewScreen, type PreviewWidth } from './views/admin/preview-page.tsx';

/** What the preview routes need, in the newsroom and on the reader side alike. */
export interface PreviewRoutesOptions {
  articles: ArticleService;
  settings: SettingsService;
  /** The header and footer menus: a preview is the reader page, chrome and all. */
  menus: SiteMenuSource;
  publicUrl: string;
}

// A token is 43 base64url characters; anything longer is no token, and is refused before any lookup.
const TokenParamsSchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) });
const PreviewQuerySchema = Type.Object({
  width: Type.Optional(Type.Union([Type.Literal('phone'), Type.Literal('desktop')])),
  revoked: Type.Optional(QueryTextSchema),
});
const LinkParamsSchema = Type.Object({ id: IdSchema, link: IdSchema });
const CreateLinkSchema = Type.Object({
  _csrf: Type.Optional(Type.String()),
  expires: Type.Union(PREVIEW_LINK_HOURS.map((hours) => Type.Literal(String(hours)))),
});

/** The reader page of an article of any status, with the preview banner and no comments. */
async function renderPreview(
  options: PreviewRoutesOptions,
  { article, status }: PreviewedArticle<ArticleDetail>,
): Promise<string> {
  const [settings, menus] = await Promise.all([options.settings.all(), options.menus.resolved()]);
  const site = toSiteInfo(settings, options.publicUrl, menus);
  return renderDocument(
    <ArticlePage
      site={site}
      article={article}
      comments={[]}
      commentsOpen={false}
      form={emptyCommentForm}
      maxDepth={settings['comments.max_depth']}
      commentScriptPath=""
      previewBanner={previewBannerText(status, article.publishedAt, site.timezone)}
    />,
  );
}

/**
 * What a preview answer must never be: stored by a browser or shared cache (the page cache is never
 * asked, since the route never calls `reply.cacheable`, so no Surrogate-Key either) or indexed.
 */
function keepPrivate(reply: FastifyReply): FastifyReply {
  return reply
    .header('cache-control', 'private, no-store')
    .header('x-robots-tag', 'noindex, nofollow')
    .type('text/html; charset=utf-8');
}

/** `/preview/<token>/`: a private preview link, for someone outside the newsroom. */
export const previewRoutes: FastifyPluginAsync<PreviewRoutesOptions> = async (scope, options) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/preview/:token/',
    {
      config: { permission: 'public' },
      schema: { params: TokenParamsSchema },
      // After the app's security headers: the token is in the address, so no Referer carries it away.
      onSend: (_request, reply, payload, done) => {
        reply.header('referrer-policy', 'no-referrer');
        done(null, payload);
      },
    },
    async (request, reply) => {
      // Expired and revoked links answer 410, unknown ones 404, both through the error handler:
      // neither says anything of the article.
      const shown = await options.articles.openPreviewLink(request.params.token);
      return keepPrivate(reply).send(await renderPreview(options, shown));
    },
  );
};

/** The newsroom's preview screen, the framed reader page, and the private links. Mounted under /admin. */
export const previewAdminRoutes: FastifyPluginAsync<PreviewRoutesOptions> = async (scope, options) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const { articles, settings } = options;

  async function screen(
    reply: FastifyReply,
    id: number,
    extra: { width?: PreviewWidth; newLinkUrl?: string; notice?: string } = {},
  ) {
    const staff = staffOf(reply.request);
    const [all, { article, status }, links] = await Promise.all([
      settings.all(),
      articles.previewArticle({ id, actor: staff }),
      articles.listPreviewLinks({ id, actor: staff }),
    ]);
    return reply
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(
          <PreviewScreen
            chrome={chromeFor(staff, all['site.title'])}
            articleId={id}
            title={article.title}
            status={status}
            publishedAt={article.publishedAt}
            timeZone={all['site.timezone']}
            width={extra.width ?? 'desktop'}
            links={links}
            canShare
            newLinkUrl={extra.newLinkUrl}
            notice={extra.notice}
            stylesheet={deskAidsStylesheet}
          />,
        ),
      );
  }

  app.get(
    '/articles/:id/preview',
    {
      config: { permission: 'article.preview' },
      schema: { params: Type.Object({ id: IdSchema }), querystring: PreviewQuerySchema },
      // An unknown width shows the desktop one, as a link someone mistyped should.
      preValidation: dropUnfitQuery(PreviewQuerySchema),
    },
    async (request, reply) =>
      screen(reply, request.params.id, {
        width: request.query.width ?? 'desktop',
        ...(request.query.revoked !== undefined && { notice: 'The preview link is revoked.' }),
      }),
  );

  // The reader page itself, framed by the screen above: the only answer this site lets a page of its
  // own origin frame.
  app.get(
    '/articles/:id/preview/frame',
    {
      config: { permission: 'article.preview' },
      schema: { params: Type.Object({ id: IdSchema }) },
      onSend: allowSameOriginFraming,
    },
    async (request, reply) => {
      const shown = await articles.previewArticle({ id: request.params.id, actor: staffOf(request) });
      return keepPrivate(reply).send(await renderPreview(options, shown));
    },
  );

  app.post(
    '/articles/:id/preview-links',
    {
      config: { permission: 'article.preview' },
      schema: { params: Type.Object({ id: IdSchema }), body: CreateLinkSchema },
    },
    async (request, reply) => {
      const id = request.params.id;
      const hours = Number(request.body.expires) as (typeof PREVIEW_LINK_HOURS)[number];
      const { token } = await articles.createPreviewLink({ id, actor: staffOf(request), hours });
      // Shown in this answer and never again: only the token's hash is kept.
      return screen(reply, id, {
        newLinkUrl: `${options.publicUrl}/preview/${token}/`,
        notice: 'Preview link created.',
      });
    },
  );

  app.post(
    '/articles/:id/preview-links/:link/revoke',
    { config: { permission: 'article.preview' }, schema: { params: LinkParamsSchema } },
    async (request, reply) => {
      const { id, link } = request.params;
      await articles.revokePreviewLink({ id, linkId: link, actor: staffOf(request) });
      return reply.redirect(`/admin/articles/${id}/preview?revoked`, 303);
    },
  );
};
