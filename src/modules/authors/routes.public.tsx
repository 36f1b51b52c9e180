import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { SlugPageParamsSchema, SlugParamsSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import type { SiteMenuSource } from '../../platform/render/layout.tsx';
import type { ArticleService } from '../articles/index.ts';
import { toSiteInfo, type SettingsService } from '../settings/index.ts';
import { cacheTags, tagsForArticles } from '../page-cache/index.ts';
import type { AuthorService } from './service.ts';
import { AuthorPage } from './views/author-page.tsx';

const isPublic = { config: { permission: 'public' } } as const;

/** Author pages: `/author/<slug>/` and `/author/<slug>/page/N/`. */
export const authorRoutes: FastifyPluginAsync<{
  authors: AuthorService;
  articles: ArticleService;
  settings: SettingsService;
  /** The header and footer menus, for the layout. */
  menus: SiteMenuSource;
  publicUrl: string;
}> = async (scope, { authors, articles, settings, menus, publicUrl }) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const send = (reply: FastifyReply, rendered: { html: string; tags: string[] }) =>
    reply.cacheable({ tags: rendered.tags }).type('text/html; charset=utf-8').send(rendered.html);

  async function page(slug: string, n: number) {
    // A private author (no visible article, not made public) has no page.
    const author = await authors.findPublicBySlug(slug);
    if (!author) throw notFound();
    const [all, menusNow] = await Promise.all([settings.all(), menus.resolved()]);
    const list = await articles.listPublished({
      page: n,
      perPage: all['site.posts_per_page'],
      authorId: author.id,
    });
    if (!list) throw notFound();
    return {
      html: renderDocument(
        <AuthorPage site={toSiteInfo(all, publicUrl, menusNow)} author={author} list={list} />,
      ),
      tags: [
        cacheTags.settings,
        cacheTags.author(author.id),
        cacheTags.authorList(author.id),
        ...tagsForArticles(list.items),
      ],
    };
  }

  const bySlug = { ...isPublic, schema: { params: SlugParamsSchema } };
  app.get('/author/:slug/', bySlug, async (request, reply) =>
    send(reply, await page(request.params.slug, 1)),
  );
  app.get(
    '/author/:slug/page/:n/',
    { ...isPublic, schema: { params: SlugPageParamsSchema } },
    async (request, reply) => {
      const n = request.params.n;
      if (n === 1) return reply.redirect(`/author/${encodeURIComponent(request.params.slug)}/`, 301);
      return send(reply, await page(request.params.slug, n));
    },
  );
  app.get('/author/:slug', bySlug, async (request, reply) =>
    reply.redirect(`/author/${encodeURIComponent(request.params.slug)}/`, 301),
  );
};
