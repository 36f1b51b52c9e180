import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { SlugPageParamsSchema, SlugParamsSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import type { SiteMenuSource } from '../../platform/render/layout.tsx';
import type { ArticleService } from '../articles/index.ts';
import { cacheTags, tagsForArticles } from '../page-cache/index.ts';
import { toSiteInfo, type SettingsService } from '../settings/index.ts';
import { sectionPaths } from './repository.ts';
import type { SectionService } from './service.ts';
import { SectionPage } from './views/section-page.tsx';

const isPublic = { config: { permission: 'public' } } as const;

/**
 * Section pages: `/section/<slug>/` and `/section/<slug>/page/N/`. Addresses are flat (a child's is
 * `/section/politics/`, not `/section/news/politics/`): slugs are unique across sections, and a
 * section moved under another parent keeps its address, its feeds and its links.
 */
export const sectionRoutes: FastifyPluginAsync<{
  sections: SectionService;
  articles: ArticleService;
  settings: SettingsService;
  /** The header and footer menus, for the layout. */
  menus: SiteMenuSource;
  publicUrl: string;
}> = async (scope, { sections, articles, settings, menus, publicUrl }) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const send = (reply: FastifyReply, rendered: { html: string; tags: string[] }) =>
    reply.cacheable({ tags: rendered.tags }).type('text/html; charset=utf-8').send(rendered.html);

  async function page(slug: string, n: number) {
    // Every section is public (it is the publication's structure); its list holds only what the
    // reader rule lets through, so an empty section shows an empty page and never a draft.
    const section = await sections.findBySlug(slug);
    if (!section) throw notFound();
    const [all, menusNow] = await Promise.all([settings.all(), menus.resolved()]);
    const [ids, every] = await Promise.all([sections.listedIds(section), sections.list()]);
    const list = await articles.listPublished({
      page: n,
      perPage: all['site.posts_per_page'],
      sectionIds: ids,
    });
    if (!list) throw notFound();
    const subsections = every.filter((s) => s.parent?.id === section.id);
    return {
      html: renderDocument(
        <SectionPage
          site={toSiteInfo(all, publicUrl, menusNow)}
          section={section}
          subsections={subsections}
          list={list}
        />,
      ),
      tags: [
        cacheTags.settings,
        cacheTags.sections,
        cacheTags.sectionList(section.id),
        ...tagsForArticles(list.items),
      ],
    };
  }

  const bySlug = { ...isPublic, schema: { params: SlugParamsSchema } };
  app.get('/section/:slug/', bySlug, async (request, reply) =>
    send(reply, await page(request.params.slug, 1)),
  );
  app.get(
    '/section/:slug/page/:n/',
    { ...isPublic, schema: { params: SlugPageParamsSchema } },
    async (request, reply) => {
      const n = request.params.n;
      if (n === 1) return reply.redirect(sectionPaths(encodeURIComponent(request.params.slug)).page, 301);
      return send(reply, await page(request.params.slug, n));
    },
  );
  app.get('/section/:slug', bySlug, async (request, reply) =>
    reply.redirect(sectionPaths(encodeURIComponent(request.params.slug)).page, 301),
  );
};
