import { transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import { readAllSettings, writeSettings } from './repository.ts';
import {
  defaultSettings,
  isSettingKey,
  parseSettingValue,
  settingDefinitions,
  type SettingKey,
  type Settings,
} from './definitions.ts';

/** Reads and changes the publication's settings. */
export interface SettingsService {
  /**
   * The current settings, defaults filled in. Read from the database every time (one small indexed
   * query), so that a change made by another process, such as `dateline settings set`, shows at once.
   */
  all(): Promise<Settings>;
  /** Checks and stores several settings in one transaction. Throws VALIDATION_FAILED naming each bad key. */
  update(values: Record<string, unknown>): Promise<Settings>;
  /** Forgets anything remembered; kept for the page cache and other processes to call. */
  invalidate(): void;
}

/** Builds the settings service. */
export function createSettingsService(deps: { db: Db; events: Events }): SettingsService {
  async function load(): Promise<Settings> {
    const stored = await readAllSettings(deps.db);
    const settings: Record<string, unknown> = { ...defaultSettings() };
    for (const [key, text] of stored) {
      if (!isSettingKey(key)) continue;
      try {
        const parsed = parseSettingValue(key, JSON.parse(text));
        if ('value' in parsed) settings[key] = parsed.value;
      } catch {
        // A value that no longer parses falls back to the default rather than breaking every page.
      }
    }
    return Object.freeze(settings) as Settings;
  }

  return {
    all: load,
    async update(values) {
      const fields: Record<string, string> = {};
      const toStore: Record<string, string> = {};
      for (const [key, raw] of Object.entries(values)) {
        if (!isSettingKey(key)) {
          fields[key] = `unknown setting; known: ${Object.keys(settingDefinitions).join(', ')}`;
          continue;
        }
        const parsed = parseSettingValue(key, raw);
        if ('error' in parsed) fields[key] = `${key} ${parsed.error}`;
        else toStore[key] = JSON.stringify(parsed.value);
      }
      if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
      await transact(deps.db, (trx) => writeSettings(trx, toStore));
      deps.events.emit('settingsChanged', { keys: Object.keys(toStore) });
      return this.all();
    },
    invalidate() {},
  };
}

export type { SettingKey, Settings };
