import { systemClock, type Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import { recordAudit } from '../audit/index.ts';
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
   * The current settings, defaults filled in. Every page reads them, so they are kept in memory and
   * read again after a change: this process's own at once, another process's (`dateline settings
   * set`, another server) when the invalidation outbox brings its `settings` tag, as it does for
   * the page cache.
   */
  all(): Promise<Settings>;
  /**
   * Checks and stores several settings in one transaction. Throws VALIDATION_FAILED naming each bad key.
   * Only values that differ from the current ones are written, each with an audit line
   * ('setting.change', `setting:<key>`, {from, to}) in the same transaction. The actor is the
   * signed-in person; null (the default) is the `dateline` command.
   */
  update(values: SettingsUpdate, options?: { actor?: SettingsActor | null }): Promise<Settings>;
  /** Forgets the remembered settings, so that the next read comes from the database. */
  invalidate(): void;
}

/**
 * New values by key: the text a form or `dateline settings set` gives, or the value itself, as an
 * import or the seeder has it. The text is read by the setting's own rule (parseSettingValue): "12"
 * for a number, one item a line for a list.
 */
export type SettingsUpdate = { [K in SettingKey]?: string | Settings[K] };

/** Who changes settings, as the audit log records them. */
export interface SettingsActor {
  id: number;
  name: string;
}

/** Builds the settings service. */
export function createSettingsService(deps: { db: Db; events: Events; clock?: Clock }): SettingsService {
  const clock = deps.clock ?? systemClock;
  async function load(db: Db = deps.db): Promise<Settings> {
    const stored = await readAllSettings(db);
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

  // One read shared by every caller until a change; a read that fails is not remembered. A change
  // heard of while a read is under way drops that read too: it may predate the change.
  let remembered: Promise<Settings> | undefined;
  function rememberedSettings(): Promise<Settings> {
    if (remembered) return remembered;
    const reading: Promise<Settings> = load().catch((error: unknown) => {
      if (remembered === reading) remembered = undefined;
      throw error;
    });
    remembered = reading;
    return reading;
  }

  return {
    all: rememberedSettings,
    async update(values, options = {}) {
      const fields: Record<string, string> = {};
      const parsedValues: Record<string, unknown> = {};
      for (const [key, raw] of Object.entries(values)) {
        if (!isSettingKey(key)) {
          fields[key] = `unknown setting; known: ${Object.keys(settingDefinitions).join(', ')}`;
          continue;
        }
        const parsed = parseSettingValue(key, raw);
        if ('error' in parsed) fields[key] = `${key} ${parsed.error}`;
        else parsedValues[key] = parsed.value;
      }
      if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
      const at = clock.now().toISOString();
      const changed = await transact(deps.db, async (trx) => {
        const current = await load(trx);
        const toStore: Record<string, string> = {};
        for (const [key, value] of Object.entries(parsedValues)) {
          const from = current[key as SettingKey];
          if (JSON.stringify(from) === JSON.stringify(value)) continue;
          toStore[key] = JSON.stringify(value);
          await recordAudit(trx, {
            actor: options.actor ?? null,
            action: 'setting.change',
            subject: `setting:${key}`,
            detail: { from, to: value },
            at,
          });
        }
        await writeSettings(trx, toStore);
        return Object.keys(toStore);
      });
      remembered = undefined;
      if (changed.length > 0) deps.events.emit('settingsChanged', { keys: changed });
      return load();
    },
    invalidate() {
      remembered = undefined;
    },
  };
}

export type { SettingKey, Settings };
