import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { SlugPageParamsSchema, SlugParamsSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import type { SiteMenuSource } from '../../platform/render/layout.tsx';
import type { ArticleService } from '../articles/index.ts';
import { toSiteInfo, type SettingsService } from '../settings/index.ts';
import { cacheTags, tagsForArticles } from '../page-cache/index.ts';
import type { TagService } from './service.ts';
import { TagPage } from './views/tag-page.tsx';

const isPublic = { config: { permission: 'public' } } as const;

/** Tag pages: `/tag/<slug>/` and `/tag/<slug>/page/N/`. */
export const tagRoutes: FastifyPluginAsync<{
  tags: TagService;
  articles: ArticleService;
  settings: SettingsService;
  /** The header and footer menus, for the layout. */
  menus: SiteMenuSource;
  publicUrl: string;
}> = async (scope, { tags, articles, settings, menus, publicUrl }) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const send = (reply: FastifyReply, rendered: { html: string; tags: string[] }) =>
    reply.cacheable({ tags: rendered.tags }).type('text/html; charset=utf-8').send(rendered.html);

  async function page(slug: string, n: number) {
    // Only a tag a visible article carries has a page: a draft's tag is nobody's business yet.
    const tag = await tags.findPublicBySlug(slug);
    if (!tag) throw notFound();
    const [all, menusNow] = await Promise.all([settings.all(), menus.resolved()]);
    const list = await articles.listPublished({
      page: n,
      perPage: all['site.posts_per_page'],
      tagId: tag.id,
    });
    if (!list) throw notFound();
    return {
      html: renderDocument(<TagPage site={toSiteInfo(all, publicUrl, menusNow)} tag={tag} list={list} />),
      tags: [
        cacheTags.settings,
        cacheTags.tag(tag.id),
        cacheTags.tagList(tag.id),
        ...tagsForArticles(list.items),
      ],
    };
  }

  const bySlug = { ...isPublic, schema: { params: SlugParamsSchema } };
  app.get('/tag/:slug/', bySlug, async (request, reply) => send(reply, await page(request.params.slug, 1)));
  app.get(
    '/tag/:slug/page/:n/',
    { ...isPublic, schema: { params: SlugPageParamsSchema } },
    async (request, reply) => {
      const n = request.params.n;
      if (n === 1) return reply.redirect(`/tag/${encodeURIComponent(request.params.slug)}/`, 301);
      return send(reply, await page(request.params.slug, n));
    },
  );
  app.get('/tag/:slug', bySlug, async (request, reply) =>
    reply.redirect(`/tag/${encodeURIComponent(request.params.slug)}/`, 301),
  );
};
