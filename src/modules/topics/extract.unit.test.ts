import { describe, expect, it } from 'vitest';
import { findTopics } from './extract.ts';
import { seedTopics } from './gazetteer.ts';
import { nameTokens, normaliseName } from './normalise.ts';
import { TokenTrie, type TopicKind } from './trie.ts';

/** A registry of a few known topics, ids from 1. */
function registry(topics: [string, TopicKind, string[]?, string?][]): TokenTrie {
  const trie = new TokenTrie();
  topics.forEach(([name, kind, aliases = [], tagSlug], index) => {
    const entry = { topicId: index + 1, name, kind, tagSlug: tagSlug ?? null };
    for (const alias of [name, ...aliases]) trie.add(nameTokens(alias), entry);
  });
  return trie;
}

const names = (text: string, trie = registry([])) => findTopics(text, trie).map((t) => `${t.name}|${t.kind}`);

describe('normaliseName', () => {
  it('folds case, width, accents, hyphens, apostrophes and a possessive', () => {
    expect(normaliseName('Tae-yul')).toBe(normaliseName('tae yul'));
    expect(normaliseName('Ｓｅｏｕｌ')).toBe('seoul');
    expect(normaliseName('Bogotá')).toBe('bogota');
    expect(normaliseName('Xi’an')).toBe(normaliseName("Xi'an"));
    expect(normaliseName("Leyen's")).toBe('leyen');
    expect(normaliseName('  Ho  Chi Minh–City ')).toBe('ho chi minh city');
    expect(normaliseName('Kim Jong Un')).not.toBe(normaliseName('Kim Jong'));
  });
});

describe('TokenTrie', () => {
  it('finds the longest alias at a start, and none that the text only begins', () => {
    const trie = registry([
      ['Korea', 'place'],
      ['Bank of Korea', 'organisation'],
    ]);
    expect(trie.longestAt(['bank', 'of', 'korea', 'said'], 0)?.end).toBe(3);
    expect(trie.longestAt(['bank', 'of', 'japan'], 0)).toBeNull();
    expect(trie.longestAt(['korea'], 0)?.entries[0]?.name).toBe('Korea');
  });
});

describe('findTopics', () => {
  it('matches a registry alias whatever its hyphens and case, and names the topic by the registry', () => {
    const trie = registry([['Cho Tae-yul', 'person', ['Cho Taeyul'], 'cho-tae-yul']]);
    const [found] = findTopics('Officials said Cho Tae Yul would travel.', trie);
    expect(found).toMatchObject({ name: 'Cho Tae-yul', known: true, tagSlug: 'cho-tae-yul', kind: 'person' });
  });

  it('lets the longest name win over a registry place inside it', () => {
    const trie = registry([['South Korea', 'place', ['Korea']]]);
    expect(names('Rates were held by the Bank of Korea on Friday.', trie)).toEqual([
      'Bank of Korea|organisation',
    ]);
  });

  it('strips titles and keeps the name after them as a person', () => {
    expect(names('It was Foreign Minister Cho Tae-yul who spoke.')).toEqual(['Cho Tae-yul|person']);
    expect(names('Analysts met Deputy Prime Minister Yoon Seo-yeon and Gen. Henrik Lindqvist.')).toEqual([
      'Yoon Seo-yeon|person',
      'Henrik Lindqvist|person',
    ]);
  });

  it('splits an organisation from the title and the name after it', () => {
    expect(names('We met European Commission President Ursula von der Leyen today.')).toEqual([
      'European Commission|organisation',
      'Ursula von der Leyen|person',
    ]);
  });

  it('keeps particles inside names, and Korean, Vietnamese and Arabic names whole', () => {
    expect(names('A visit by Kim Jong Un was reported.')).toEqual(['Kim Jong Un|person']);
    expect(names('It went to Pieter van den Berg and Marco de la Cruz.')).toEqual([
      'Pieter van den Berg|person',
      'Marco de la Cruz|person',
    ]);
    expect(names('A prize for Nguyen Thi Lan was announced.')).toEqual(['Nguyen Thi Lan|person']);
    expect(names('A speech by Hamad bin Khalifa al-Thani followed.')).toEqual([
      'Hamad bin Khalifa al-Thani|person',
    ]);
  });

  it('drops a possessive, sentence openers and adjectives of nationality', () => {
    expect(names("Lee Min-jung's novel topped the list.")).toEqual(['Lee Min-jung|person']);
    expect(names('The Kremlin gave no reason. Shares in Hanbit Electronics fell.')).toEqual([
      'Kremlin|organisation',
      'Hanbit Electronics|organisation',
    ]);
    expect(names('North Korean leader Kim Jong Un spoke.')).toEqual(['Kim Jong Un|person']);
    expect(names('Rains flooded the valley on Monday.')).toEqual([]);
  });

  it('reads an ALL-CAPS dateline as a place and leaves the wire credit out', () => {
    const trie = registry([['Seoul', 'place']]);
    expect(names('SEOUL (Northgate Wire) — The ministry said so.', trie)).toEqual(['Seoul|place']);
    expect(names('PORT HARLAN (Northgate Wire) — Ferries stopped.')).toEqual(['Port Harlan|place']);
  });

  it('counts a later surname as the same person, most mentioned first', () => {
    const found = findTopics(
      'Rain fell in Busan. Park Ji-hoon resigned on Friday. Park denied it.',
      registry([]),
    );
    expect(found[0]).toMatchObject({ name: 'Park Ji-hoon', mentions: 2 });
    expect(found.map((f) => f.name)).toEqual(['Park Ji-hoon', 'Busan']);
  });

  it('does not join two places with "and", but keeps "and" inside a ministry', () => {
    const trie = registry([
      ['Karachi', 'place'],
      ['Lahore', 'place'],
    ]);
    expect(names('Rain hit Karachi and Lahore.', trie)).toEqual(['Karachi|place', 'Lahore|place']);
    // Unknown names: a kind is only a guess from the word before ("in" reads as a place).
    expect(names('Rain fell in Sukkur and Multan.')).toEqual(['Sukkur|place', 'Multan|organisation']);
    expect(names('A note from the Ministry of Industry and Trade arrived.')).toEqual([
      'Ministry of Industry and Trade|organisation',
    ]);
  });

  it('cuts a long run of capitals into names of at most twelve words', () => {
    const found = findTopics('Alpha Beta Gamma Delta '.repeat(1_000), registry([]));
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f.name.split(' ').length).toBeLessThanOrEqual(12);
    expect(findTopics('Foreign '.repeat(5_000), registry([]))).toEqual([]);
  });

  it('reads nothing in lowercase text, and does not fall over on odd input', () => {
    expect(names('the bank of korea held rates in seoul.')).toEqual([]);
    expect(names('')).toEqual([]);
    expect(names('— ( ) \u0000 ’s -')).toEqual([]);
  });
});

describe('seedTopics', () => {
  it('holds countries with their other names, capitals and cities of a million, each once', () => {
    const seeds = seedTopics();
    const byName = new Map(seeds.map((s) => [s.name, s]));
    expect(byName.get('United States')?.aliases).toEqual(expect.arrayContaining(['US', 'USA']));
    expect(byName.get('Myanmar')?.aliases).toContain('Burma');
    for (const name of ['Seoul', 'Hanoi', 'São Paulo', 'Ho Chi Minh City', 'Niamey'])
      expect(byName.has(name)).toBe(true);
    expect(byName.has('Lyon')).toBe(false);
    const keys = seeds.map((s) => normaliseName(s.name));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
