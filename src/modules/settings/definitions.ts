import { cleanLabel } from '../../platform/text.ts';
import { isTimeZone } from './timezones.ts';

/** How one setting is typed, defaulted and checked. */
type Definition =
  | { type: 'string'; default: string; max: number; check?: (v: string) => string | undefined; doc: string }
  | { type: 'integer'; default: number; min: number; max: number; doc: string }
  | { type: 'boolean'; default: boolean; doc: string }
  | { type: 'list'; default: string[]; doc: string };

/** Every setting Dateline knows, with its default. Unknown keys are refused. */
export const settingDefinitions = {
  'site.title': { type: 'string', default: 'Dateline', max: 120, doc: 'The publication’s name.' },
  'site.description': {
    type: 'string',
    default: 'Independent news, published with Dateline.',
    max: 300,
    doc: 'One line under the name.',
  },
  'site.language': {
    type: 'string',
    default: 'en',
    max: 35,
    check: (v) =>
      /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(v)
        ? undefined
        : 'must be a language tag such as en or en-GB',
    doc: 'The BCP 47 language of the pages.',
  },
  'site.timezone': {
    type: 'string',
    default: 'UTC',
    max: 64,
    check: (v) => (isTimeZone(v) ? undefined : 'must be an IANA time zone such as Europe/London'),
    doc: 'Dates on pages are shown in this zone.',
  },
  'site.posts_per_page': { type: 'integer', default: 10, min: 1, max: 100, doc: 'Articles per list page.' },
  'comments.flood_seconds': {
    type: 'integer',
    default: 15,
    min: 0,
    max: 86_400,
    doc: 'Minimum seconds between two comments from one IP or email.',
  },
  'comments.max_links': {
    type: 'integer',
    default: 2,
    min: 0,
    max: 1000,
    doc: 'More links than this holds a comment.',
  },
  'comments.moderation_words': { type: 'list', default: [], doc: 'A comment with one of these is held.' },
  'comments.block_words': { type: 'list', default: [], doc: 'A comment with one of these is spam.' },
  'comments.first_comment_held': {
    type: 'boolean',
    default: true,
    doc: 'Hold a commenter’s comments until one of theirs is approved.',
  },
  'comments.max_depth': { type: 'integer', default: 5, min: 1, max: 10, doc: 'How deep replies nest.' },
  'comments.close_after_days': {
    type: 'integer',
    default: 0,
    min: 0,
    max: 36_500,
    doc: 'Close comments this many days after publication; 0 never closes them.',
  },
  'feeds.full_content': {
    type: 'boolean',
    default: true,
    doc: 'Feeds carry each article’s full text; false carries only the standfirst.',
  },
  'feeds.items': { type: 'integer', default: 20, min: 1, max: 100, doc: 'How many articles a feed lists.' },
  'staff.session_idle_hours': {
    type: 'integer',
    default: 12,
    min: 1,
    max: 336,
    doc: 'Sign a newsroom browser out after this many hours without use. Every session also ends 14 days after sign-in.',
  },
} as const satisfies Record<string, Definition>;

/** Every setting's key. */
export type SettingKey = keyof typeof settingDefinitions;

type ValueOf<D> = D extends { type: 'string' }
  ? string
  : D extends { type: 'integer' }
    ? number
    : D extends { type: 'boolean' }
      ? boolean
      : string[];

/** The whole, typed settings object. */
export type Settings = { readonly [K in SettingKey]: ValueOf<(typeof settingDefinitions)[K]> };

/** True for a known key. */
export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingDefinitions, key);
}

/** The defaults, as one object. */
export function defaultSettings(): Settings {
  const entries = Object.entries(settingDefinitions).map(([key, def]) => [key, def.default]);
  return Object.fromEntries(entries) as Settings;
}

/**
 * Checks and converts a value for a key. Text comes from the CLI or a form; other values from JSON.
 * Returns the value, or a reason it was refused.
 */
export function parseSettingValue(key: SettingKey, raw: unknown): { value: unknown } | { error: string } {
  const def: Definition = settingDefinitions[key];
  switch (def.type) {
    case 'string': {
      if (typeof raw !== 'string') return { error: 'must be text' };
      // Every text setting is one line that pages show: no controls or bidirectional overrides.
      const value = cleanLabel(raw);
      if (value === '') return { error: 'must not be empty' };
      if (value.length > def.max) return { error: `must be at most ${def.max} characters` };
      const problem = def.check?.(value);
      return problem ? { error: problem } : { value };
    }
    case 'integer': {
      const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
      if (!/^-?\d{1,9}$/.test(text)) return { error: 'must be a whole number' };
      const value = Number(text);
      if (value < def.min || value > def.max) return { error: `must be from ${def.min} to ${def.max}` };
      return { value };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const text = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (['true', '1', 'yes', 'on'].includes(text)) return { value: true };
      if (['false', '0', 'no', 'off'].includes(text)) return { value: false };
      return { error: 'must be true or false' };
    }
    case 'list': {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\n,]/) : undefined;
      if (!items || !items.every((i) => typeof i === 'string')) return { error: 'must be a list of words' };
      const value = [...new Set(items.map((i: string) => i.trim()).filter((i: string) => i !== ''))];
      return { value };
    }
  }
}
