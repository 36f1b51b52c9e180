import { describe, expect, it } from 'vitest';
import { DocumentSyntaxError, readSections, type SectionEvent } from './json-sections.ts';

async function eventsOf(chunks: Iterable<string | Uint8Array>): Promise<SectionEvent[]> {
  const events: SectionEvent[] = [];
  for await (const event of readSections(chunks)) events.push(event);
  return events;
}

/** The text cut into pieces of `size` characters. */
function cut(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

async function failureOf(chunks: Iterable<string | Uint8Array>): Promise<DocumentSyntaxError> {
  try {
    await eventsOf(chunks);
  } catch (error) {
    if (error instanceof DocumentSyntaxError) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}

const tricky = {
  format: 'dateline',
  version: 1,
  flag: true,
  nothing: null,
  negative: -1.5e3,
  settings: { 'site.title': 'Quotes " and \\ and ] } [ {', list: ['a', 'b'] },
  articles: [
    { id: 1, body: 'Line one\nLine "two" \\ ends with a backslash \\', tags: [1, 2] },
    { id: 2, body: 'Café — 東京 — 🚢', nested: { deep: [[], {}, [{ x: '}' }]] } },
    'a string element',
    42,
    null,
  ],
  empty: [],
};

describe('reading a document a piece at a time', () => {
  it('gives each member and each list element, whatever the chunk size', async () => {
    const text = JSON.stringify(tricky, null, 1);
    const whole = await eventsOf([text]);
    expect(whole).toEqual([
      { kind: 'member', key: 'format', value: 'dateline' },
      { kind: 'member', key: 'version', value: 1 },
      { kind: 'member', key: 'flag', value: true },
      { kind: 'member', key: 'nothing', value: null },
      { kind: 'member', key: 'negative', value: -1500 },
      { kind: 'member', key: 'settings', value: tricky.settings },
      { kind: 'array-start', key: 'articles' },
      ...tricky.articles.map((value, index) => ({ kind: 'element', key: 'articles', index, value })),
      { kind: 'array-end', key: 'articles', count: 5 },
      { kind: 'array-start', key: 'empty' },
      { kind: 'array-end', key: 'empty', count: 0 },
    ]);
    for (const size of [1, 2, 3, 7, 64]) expect(await eventsOf(cut(text, size))).toEqual(whole);
    expect(await eventsOf(cut(JSON.stringify(tricky), 5))).toEqual(whole);
  });

  it('finds where strings end through any run of backslashes and quotes, cut anywhere', async () => {
    // A fixed pseudo-random sequence, so that a failure repeats.
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['\\', '\\\\', '"', '\\"', 'a', '\n', '}', ']', ',', 'é'];
    const values = Array.from({ length: 60 }, () =>
      Array.from(
        { length: Math.floor(next() * 12) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join(''),
    );
    const text = JSON.stringify({ values, after: 'end' });
    const expected = [
      { kind: 'array-start', key: 'values' },
      ...values.map((value, index) => ({ kind: 'element', key: 'values', index, value })),
      { kind: 'array-end', key: 'values', count: values.length },
      { kind: 'member', key: 'after', value: 'end' },
    ];
    for (const size of [1, 2, 3, 4, 5, 11]) expect(await eventsOf(cut(text, size))).toEqual(expected);
  });

  it('decodes UTF-8 split inside a character, and skips a byte-order mark', async () => {
    const bytes = Buffer.from(`\ufeff${JSON.stringify({ a: ['Café 🚢 東京'] })}`, 'utf8');
    const pieces = [...bytes].map((b) => Uint8Array.of(b));
    expect(await eventsOf(pieces)).toEqual([
      { kind: 'array-start', key: 'a' },
      { kind: 'element', key: 'a', index: 0, value: 'Café 🚢 東京' },
      { kind: 'array-end', key: 'a', count: 1 },
    ]);
  });

  it('names where a broken document goes wrong', async () => {
    const cases: [string, string, RegExp][] = [
      ['[1, 2]', '(file)', /does not start with "\{"/],
      ['', '(file)', /ends before/],
      ['{"a": [1, 2', 'a[1]', /ends before/],
      ['{"a": [1, 2,]}', 'a[2]', /"," is followed by "]"/],
      ['{"a": [{"id": 1}, {"id": }]}', 'a[1]', /not valid JSON/],
      ['{"a": [1 2]}', 'a[0]', /expected "," or "]"/],
      ['{"a" 1}', 'a', /expected ":"/],
      ['{"a": 1 "b": 2}', 'a', /expected "," or "}"/],
      ['{"a": 1} x', '(file)', /text after the end/],
      ['{"a": "unclosed}', 'a', /ends before/],
      ['{a: 1}', '(file)', /quoted name/],
      ['{"a": tru}', 'a', /not valid JSON/],
    ];
    for (const [text, where, reason] of cases) {
      const error = await failureOf(cut(text, 3));
      expect([text, error.where]).toEqual([text, where]);
      expect(error.reason).toMatch(reason);
    }
  });
});
