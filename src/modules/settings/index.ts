export {
  createSettingsService,
  type SettingsActor,
  type SettingsService,
  type SettingsUpdate,
} from './service.ts';
export {
  defaultSettings,
  isSettingKey,
  parseSettingValue,
  settingDefinitions,
  type SettingKey,
  type Settings,
} from './definitions.ts';
export { toSiteInfo } from './site-info.ts';
