import { describe, expect, it } from 'vitest';
import { isSlug, slugify } from './slug.ts';

/** A table row's title: the value itself, or its length when it is too long to read. */
const shown = (value: string) => (value.length > 40 ? `${value[0] ?? ''} × ${value.length}` : value);

describe('slugify', () => {
  it.each([
    ['Café Nights at the Pier!', 'cafe-nights-at-the-pier'],
    ['Zoë Ørsted', 'zoe-orsted'],
    ['  --Harbour  & Town-- ', 'harbour-and-town'],
    ['Ferry: 50% off?', 'ferry-50percent-off'],
    ['2026 budget', '2026-budget'],
    ['ALL CAPS HEADLINE', 'all-caps-headline'],
    ['???', ''],
    ['', ''],
  ])('%j → %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  // A cut never leaves a trailing hyphen.
  it.each(
    [
      { text: 'a'.repeat(200), maxLength: undefined, slug: 'a'.repeat(80) },
      { text: 'abcd efgh', maxLength: 4, slug: 'abcd' },
      { text: 'abcd efgh', maxLength: 5, slug: 'abcd' },
      { text: 'abcd efgh', maxLength: 6, slug: 'abcd-e' },
      { text: 'abcd efgh', maxLength: 100, slug: 'abcd-efgh' },
    ].map((row) => ({ ...row, title: shown(row.text), expected: shown(row.slug) })),
  )('$title cut at $maxLength → $expected', ({ text, maxLength, slug }) => {
    expect(slugify(text, maxLength)).toBe(slug);
  });

  it.each(
    ['Café Nights at the Pier!', 'Harbour & Town', 'x'.repeat(300), 'Ørsted 2026'].map((text) => ({
      text,
      title: shown(text),
    })),
  )('makes a valid slug of $title', ({ text }) => {
    expect(isSlug(slugify(text))).toBe(true);
  });
});

describe('isSlug', () => {
  it.each(
    [
      ['ferry-news-2026', true],
      ['a', true],
      ['2026', true],
      ['a'.repeat(120), true],
      ['a'.repeat(121), false],
      ['', false],
      ['Ferry', false],
      ['ferry news', false],
      ['ferry--news', false],
      ['-ferry', false],
      ['ferry-', false],
      ['ferry_news', false],
      ['café', false],
      ['ferry/news', false],
      ['../etc', false],
    ].map(([value, expected]) => ({ value: value as string, expected, title: shown(value as string) })),
  )('$title → $expected', ({ value, expected }) => {
    expect(isSlug(value)).toBe(expected);
  });
});
