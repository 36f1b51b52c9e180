import { renderDocument } from '../../platform/render/html.ts';
import { cacheTags, tagsForArticles } from '../page-cache/index.ts';
import { toSiteInfo, type SettingsService } from '../settings/index.ts';
import type { FrontPageService } from './service.ts';
import { CuratedFrontPage } from './views/curated-front-page.tsx';
import type { SiteMenuSource } from '../../platform/render/layout.tsx';

/**
 * Renders the curated first page for the articles' `/` route, or undefined while nothing is
 * curated. Its cache tags: the curation itself, the newest-first list (the latest, and a chosen
 * story that becomes visible), each row's section list and name, and every story it shows, so
 * that publishing in a row's section or editing the lead's headline drops the page.
 */
export function createCuratedFront(deps: {
  frontPage: FrontPageService;
  settings: SettingsService;
  /** The header and footer menus, for the layout. */
  menus: SiteMenuSource;
  publicUrl: string;
}): () => Promise<{ html: string; tags: string[] } | undefined> {
  return async () => {
    const [all, menus] = await Promise.all([deps.settings.all(), deps.menus.resolved()]);
    const front = await deps.frontPage.compose({ perPage: all['site.posts_per_page'] });
    if (!front) return undefined;
    const shown = [
      ...(front.lead ? [front.lead] : []),
      ...front.pins,
      ...front.latest.items,
      ...front.rows.flatMap((r) => r.items),
    ];
    return {
      html: renderDocument(<CuratedFrontPage site={toSiteInfo(all, deps.publicUrl, menus)} front={front} />),
      tags: [
        ...new Set([
          cacheTags.settings,
          cacheTags.frontPage,
          cacheTags.frontList,
          ...front.rows.flatMap((r) => [
            cacheTags.sectionList(r.section.id),
            cacheTags.section(r.section.id),
          ]),
          ...tagsForArticles(shown),
        ]),
      ],
    };
  };
}
