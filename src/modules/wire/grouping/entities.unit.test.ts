import { describe, expect, it } from 'vitest';
import { entityKeys, extractCapitalisedRuns, isTitleCase, normaliseAliases } from './entities.ts';

describe('extractCapitalisedRuns', () => {
  it('strips titles and keeps names whole, with particles inside', () => {
    expect(extractCapitalisedRuns('Mayor Amira Haddad met Ursula von der Leyen in Port Elwyn.')).toEqual([
      'Amira Haddad',
      'Ursula von der Leyen',
      'Port Elwyn',
    ]);
  });

  it('reads hyphenated Korean given names, al- particles and possessives', () => {
    expect(
      extractCapitalisedRuns("Engineer Yousef al-Khatib thanked Dr Lee Min-seo for the Morning Gull's logs."),
    ).toEqual(['Yousef al-Khatib', 'Lee Min-seo', 'Morning Gull']);
  });

  it('ignores an ordinary word capitalised only because it opens a sentence', () => {
    expect(extractCapitalisedRuns('Passengers were hurt. Firefighters came from Kessmoor.')).toEqual([
      'Kessmoor',
    ]);
  });

  it('keeps a sentence-opening word that the text capitalises elsewhere too', () => {
    expect(extractCapitalisedRuns('Kessmoor was quiet. Crews left Kessmoor at noon.')).toEqual([
      'Kessmoor',
      'Kessmoor',
    ]);
  });

  it('does not let a name run across a comma or a full stop', () => {
    expect(extractCapitalisedRuns('It reached Harbourton, Kessmoor and Eastbridge.')).toEqual([
      'Harbourton',
      'Kessmoor',
      'Eastbridge',
    ]);
  });
});

describe('isTitleCase', () => {
  it('tells a Title Case headline from a sentence-case one', () => {
    expect(isTitleCase('Lions Fall Short As Rovers Chase Down The Total')).toBe(true);
    expect(isTitleCase('Lions fall short as Rovers chase down the total')).toBe(false);
  });
});

describe('entityKeys', () => {
  it('gives each normalised name and its words, mapped through the aliases', () => {
    const aliases = normaliseAliases({ Pyongyang: 'North Korea' });
    const keys = entityKeys('Talks with Pyongyang. Nguyễn Thị Mai spoke.', extractCapitalisedRuns, aliases);
    expect([...keys].sort()).toEqual(['mai', 'north korea', 'nguyen', 'nguyen thi mai', 'thi'].sort());
  });

  it('uses the extractor it is given', () => {
    const keys = entityKeys('whatever text', () => ['Valley Lines'], new Map());
    expect([...keys].sort()).toEqual(['lines', 'valley', 'valley lines']);
  });
});
