import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, notFound } from '../../platform/errors.ts';
import {
  dropUnfitQuery,
  PageParamsSchema,
  QueryTextSchema,
  SlugParamsSchema,
} from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import type { SiteMenuSource } from '../../platform/render/layout.tsx';
import { toSiteInfo, type SettingsService } from '../settings/index.ts';
import { cacheTags, tagsForArticles } from '../page-cache/index.ts';
import type { ArticlePages } from './pages.tsx';
import type { ArticleService } from './service.ts';
import { FrontPage } from './views/front-page.tsx';

/**
 * What answers `/<slug>/` when no visible article has the slug: the standing pages (About,
 * Contact), passed in by app.tsx so that articles import nothing of them. Undefined is a 404.
 */
export interface SlugFallback {
  render(args: { slug: string }): Promise<{ html: string; tags: string[] } | undefined>;
}

/**
 * Old addresses in the front page's query string (a WordPress site's `/?p=123`), passed in by app.tsx
 * from the redirects module. `query` names the parameters that make one; `lookup` answers the redirect
 * of a request that sends one, or undefined to show the front page.
 */
export interface FrontQueryAddresses {
  query: readonly string[];
  lookup: (
    request: FastifyRequest,
  ) => Promise<{ location: string; status: number } | { gone: true } | undefined>;
}

/** What the reader-facing article routes need. */
export interface ArticleRoutesOptions {
  articles: ArticleService;
  settings: SettingsService;
  /** The header and footer menus, for the layout. */
  menus: SiteMenuSource;
  pages: ArticlePages;
  publicUrl: string;
  /** Consulted after the articles, before the 404 (and so before the redirects table). */
  fallback?: SlugFallback;
  /**
   * The newsroom's curated first page (modules/front-page, passed in by app.tsx), or undefined
   * while nothing is curated: then the first page is the newest-first list, as every later page is.
   */
  curatedFront?: () => Promise<{ html: string; tags: string[] } | undefined>;
  /** Old addresses `/` answers with a redirect rather than the front page. */
  oldAddresses?: FrontQueryAddresses;
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
  { articles, settings, menus, pages, publicUrl, fallback, curatedFront, oldAddresses },
) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  async function front(page: number) {
    const curated = page === 1 ? await curatedFront?.() : undefined;
    if (curated) return curated;
    const [all, menusNow] = await Promise.all([settings.all(), menus.resolved()]);
    const list = await articles.listPublished({ page, perPage: all['site.posts_per_page'] });
    if (!list) throw notFound();
    return {
      html: renderDocument(<FrontPage site={toSiteInfo(all, publicUrl, menusNow)} list={list} />),
      tags: [
        cacheTags.settings,
        cacheTags.frontList,
        // The first page becomes the curated one when the newsroom first saves a curation.
        ...(page === 1 ? [cacheTags.frontPage] : []),
        ...tagsForArticles(list.items),
      ],
    };
  }

  app.get('/', isPublic, async (request, reply) => {
    // Only a request that sends one of the old addresses' parameters asks the table: the front page
    // itself costs nothing more (and a cached one never reaches this route).
    const isOldAddress = oldAddresses !== undefined && sentAny(request.url, oldAddresses.query);
    if (isOldAddress) {
      const moved = await oldAddresses.lookup(request);
      if (moved && 'gone' in moved) throw new AppError('GONE');
      if (moved) return reply.redirect(moved.location, moved.status);
    }
    const { html, tags } = await front(1);
    // The parameters key the cache, so that `/?p=5` is never answered from the stored front page; and an
    // old address with no redirect is shown the front page but never stored (one copy per id sent).
    if (!isOldAddress) reply.cacheable({ tags, query: oldAddresses?.query });
    return reply.type('text/html; charset=utf-8').send(html);
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
      if (page === undefined) {
        const standing = await fallback?.render({ slug: request.params.slug });
        if (!standing) throw notFound();
        // A standing page reads no query parameter: every query shares the one cache entry.
        return reply.cacheable({ tags: standing.tags }).type('text/html; charset=utf-8').send(standing.html);
      }
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

/** Whether the address carried any of `names`, in any form. */
function sentAny(url: string, names: readonly string[]): boolean {
  const at = url.indexOf('?');
  if (at === -1) return false;
  const params = new URLSearchParams(url.slice(at + 1));
  return names.some((name) => params.has(name));
}

/** `/segment/…/` with each segment encoded, and the request's query re-encoded: always one site path. */
function withSlash(url: string, segments: readonly string[]): string {
  if (segments.some((segment) => segment === '')) throw notFound();
  const at = url.indexOf('?');
  const query = at === -1 ? '' : new URLSearchParams(url.slice(at + 1)).toString();
  return `/${segments.map(encodeURIComponent).join('/')}/${query && `?${query}`}`;
}
