import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { notFound } from '../../platform/errors.ts';
import {
  dropUnfitQuery,
  PageParamsSchema,
  QueryTextSchema,
  SlugParamsSchema,
} from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { toSiteInfo, type SettingsService } from '../settings/index.ts';
import { cacheTags, tagsForArticles } from '../page-cache/index.ts';
import type { ArticlePages } from './pages.tsx';
import type { ArticleService } from './service.ts';
import { FrontPage } from './views/front-page.tsx';

/** What the reader-facing article routes need. */
export interface ArticleRoutesOptions {
  articles: ArticleService;
  settings: SettingsService;
  pages: ArticlePages;
  publicUrl: string;
}

const isPublic = { config: { permission: 'public' } } as const;

/** What an article page's query may change: the reply form, and a held comment's preview. */
const ARTICLE_QUERY = ['replytocom', 'unapproved', 'moderation-hash'] as const;
/** What an article page's address may carry: a held comment's preview, and a reply's parent. */
const ArticlePageQuerySchema = Type.Object({
  unapproved: Type.Optional(QueryTextSchema),
  'moderation-hash': Type.Optional(QueryTextSchema),
  replytocom: Type.Optional(QueryTextSchema),
});

/** The front page, its later pages and the article pages. */
export const articleRoutes: FastifyPluginAsync<ArticleRoutesOptions> = async (
  scope,
  { articles, settings, pages, publicUrl },
) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  async function front(page: number) {
    const all = await settings.all();
    const list = await articles.listPublished({ page, perPage: all['site.posts_per_page'] });
    if (!list) throw notFound();
    return {
      html: renderDocument(<FrontPage site={toSiteInfo(all, publicUrl)} list={list} />),
      tags: [cacheTags.settings, cacheTags.frontList, ...tagsForArticles(list.items)],
    };
  }

  app.get('/', isPublic, async (_request, reply) => {
    const { html, tags } = await front(1);
    return reply.cacheable({ tags }).type('text/html; charset=utf-8').send(html);
  });

  app.get('/page/:n/', { ...isPublic, schema: { params: PageParamsSchema } }, async (request, reply) => {
    const page = request.params.n;
    if (page === 1) return reply.redirect('/', 301);
    const { html, tags } = await front(page);
    return reply.cacheable({ tags }).type('text/html; charset=utf-8').send(html);
  });

  app.get(
    '/:slug/',
    {
      ...isPublic,
      schema: { params: SlugParamsSchema, querystring: ArticlePageQuerySchema },
      // A repeated or overlong parameter is ignored, as a reader's browser would not send one: the page
      // is still answered, never a 400 or a 404.
      preValidation: dropUnfitQuery(ArticlePageQuerySchema),
    },
    async (request, reply) => {
      const { unapproved, 'moderation-hash': hash, replytocom: replyTo } = request.query;
      const page = await pages.render(request.params.slug, {
        ...(unapproved && hash && { preview: { id: unapproved, hash } }),
        ...(replyTo && { replyTo }),
      });
      if (page === undefined) throw notFound();
      // A page that shows one reader their held comment must never reach a shared cache.
      if (page.isPrivate) reply.header('cache-control', 'private, no-store');
      // A preview or reply parameter that changed nothing would store a copy of the page per
      // value sent: that answer is served, not stored.
      else if (
        ARTICLE_QUERY.every((name) => !sent(request.url, name) || (name === 'replytocom' && page.isReplying))
      )
        reply.cacheable({ tags: page.tags, query: ARTICLE_QUERY });
      return reply.type('text/html; charset=utf-8').send(page.html);
    },
  );

  // Canonical URLs end with a slash, as WordPress's and Ghost's do. The target is built from the
  // decoded route parameter, never from the raw URL: a URL parser reads `/\evil.com` as `//evil.com`,
  // which a browser would follow to another site.
  app.get('/:slug', { ...isPublic, schema: { params: SlugParamsSchema } }, async (request, reply) =>
    reply.redirect(withSlash(request.url, [request.params.slug]), 301),
  );
  app.get('/page/:n', { ...isPublic, schema: { params: PageParamsSchema } }, async (request, reply) =>
    reply.redirect(withSlash(request.url, ['page', String(request.params.n)]), 301),
  );
};

/** Whether the address carried `name` at all, even in a form the route ignored. */
function sent(url: string, name: string): boolean {
  const at = url.indexOf('?');
  return at !== -1 && new URLSearchParams(url.slice(at + 1)).has(name);
}

/** `/segment/…/` with each segment encoded, and the request's query re-encoded: always one site path. */
function withSlash(url: string, segments: readonly string[]): string {
  if (segments.some((segment) => segment === '')) throw notFound();
  const at = url.indexOf('?');
  const query = at === -1 ? '' : new URLSearchParams(url.slice(at + 1)).toString();
  return `/${segments.map(encodeURIComponent).join('/')}/${query && `?${query}`}`;
}
