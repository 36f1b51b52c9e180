import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { notFound } from '../../platform/errors.ts';
import { renderDocument } from '../../platform/render/html.ts';
import type { SiteMenuSource } from '../../platform/render/layout.tsx';
import { cacheTags } from '../page-cache/index.ts';
import { toSiteInfo, type SettingsService } from '../settings/index.ts';
import { SLUG_PATTERN } from '../../platform/render/slug.ts';
import type { PageService } from './service.ts';
import { PageView } from './views/page-view.tsx';

/** A rendered standing page and the cache tags it lists. */
export interface RenderedPage {
  html: string;
  tags: string[];
}

/** Renders published standing pages; articles' `/:slug/` route asks it when no article answers. */
export interface StandingPages {
  /** The published page at `/<slug>/` (or under `parent`), or undefined. */
  render(args: { slug: string; parent?: string }): Promise<RenderedPage | undefined>;
}

/** Builds the renderer of standing pages. */
export function createStandingPages(deps: {
  pages: PageService;
  settings: SettingsService;
  /** The header and footer menus, for the layout. */
  menus: SiteMenuSource;
  publicUrl: string;
}): StandingPages {
  return {
    async render(args) {
      const [page, settings, menus] = await Promise.all([
        deps.pages.findPublished(args),
        deps.settings.all(),
        deps.menus.resolved(),
      ]);
      if (!page) return undefined;
      const html = renderDocument(
        <PageView site={toSiteInfo(settings, deps.publicUrl, menus)} page={page} />,
      );
      // A child shows its parent's title in its breadcrumbs: the parent's save drops it too
      // (pageSaved lists the children when a parent's title or address changes).
      return { html, tags: [cacheTags.settings, cacheTags.page(page.id)] };
    },
  };
}

const SLUG = Type.String({ pattern: SLUG_PATTERN.source, maxLength: 120 });
const ChildParamsSchema = Type.Object({ parent: SLUG, slug: SLUG });
const isPublic = { config: { permission: 'public' } } as const;

/**
 * Child pages at `/<parent>/<slug>/`. Top-level pages are answered by articles' `/:slug/` route,
 * which falls back to `StandingPages` when no visible article has the slug (wired in app.tsx).
 */
export const pageRoutes: FastifyPluginAsync<{ standingPages: StandingPages }> = async (
  scope,
  { standingPages },
) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/:parent/:slug/',
    { ...isPublic, schema: { params: ChildParamsSchema } },
    async (request, reply) => {
      const page = await standingPages.render(request.params);
      if (!page) throw notFound();
      // The page reads no query parameter: every query shares the one cache entry.
      return reply.cacheable({ tags: page.tags }).type('text/html; charset=utf-8').send(page.html);
    },
  );
  // No `/:parent/:slug` (no slash) twin: it would answer two-segment addresses other plugins' own
  // not-found handlers answer (the API's `/api/v1` is JSON).
};
