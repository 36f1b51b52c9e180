import type { SiteInfo } from '../../platform/render/layout.tsx';
import type { Settings } from './definitions.ts';

/** The part of the settings every page layout needs. */
export function toSiteInfo(settings: Settings): SiteInfo {
  return {
    title: settings['site.title'],
    description: settings['site.description'],
    language: settings['site.language'],
    timezone: settings['site.timezone'],
  };
}
