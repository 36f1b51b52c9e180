import type { SiteInfo } from '../../platform/render/layout.tsx';
import type { Settings } from './definitions.ts';

/** The part of the settings every page layout needs, with the address readers reach the site at. */
export function toSiteInfo(settings: Settings, publicUrl = ''): SiteInfo {
  return {
    publicUrl,
    title: settings['site.title'],
    description: settings['site.description'],
    language: settings['site.language'],
    timezone: settings['site.timezone'],
  };
}
