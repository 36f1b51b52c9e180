import type { SiteInfo, SiteMenus } from '../../platform/render/layout.tsx';
import type { Settings } from './definitions.ts';

/**
 * The part of the settings every page layout needs, with the address readers reach the site at and
 * the menus (from the menus module, which the route was given).
 */
export function toSiteInfo(settings: Settings, publicUrl = '', menus?: SiteMenus): SiteInfo {
  return {
    publicUrl,
    title: settings['site.title'],
    description: settings['site.description'],
    language: settings['site.language'],
    timezone: settings['site.timezone'],
    ...(menus && { menus }),
  };
}
