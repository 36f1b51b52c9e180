import { describe, expect, it } from 'vitest';
import { bylineLabels, bylinesForDisplay, labelKey, matchBylines, splitLabels } from './people-fields.ts';

const roster = [
  { slug: 'aino-harju', name: 'Aino Harju' },
  { slug: 'ng-jr', name: 'Ng, Jr.' },
  { slug: 'sam-lee', name: 'Sam Lee' },
  { slug: 'sam-lee-2', name: 'Sam Lee' },
];

describe('the Authors and Tags fields’ text', () => {
  it('splits on commas but keeps a known name with commas whole', () => {
    const known = new Set([labelKey('Paris, Texas')]);
    expect(splitLabels(' Harbour ,Paris ,  Texas,, Sport ', known)).toEqual([
      'Harbour',
      'Paris ,  Texas',
      'Sport',
    ]);
    expect(splitLabels('Paris, Texas')).toEqual(['Paris', 'Texas']);
  });

  it('names each author, telling apart two with one name', () => {
    const labels = bylineLabels(roster);
    expect(labels.get('aino-harju')).toBe('Aino Harju');
    expect(labels.get('sam-lee-2')).toBe('Sam Lee (sam-lee-2)');
  });

  it('matches slugs, labels and unique names, in order, and reports the rest', () => {
    expect(matchBylines(['ng, jr.', 'aino-harju', 'AINO HARJU', 'Sam Lee (sam-lee)'], roster)).toEqual({
      slugs: ['ng-jr', 'aino-harju', 'sam-lee'],
      unknown: [],
      ambiguous: [],
    });
    expect(matchBylines(['Sam Lee', 'Nobody'], roster)).toEqual({
      slugs: [],
      unknown: ['Nobody'],
      ambiguous: ['Sam Lee'],
    });
  });

  it('shows stored slugs as names and keeps anything else as typed', () => {
    expect(bylinesForDisplay('ng-jr, aino-harju, Someone New', roster)).toBe(
      'Ng, Jr., Aino Harju, Someone New',
    );
  });
});
