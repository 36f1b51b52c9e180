import { describe, expect, it } from 'vitest';
import {
  MAX_QUERY_LENGTH,
  foldText,
  parseQuery,
  toFts5Match,
  toTsquery,
  wordsOf,
  type ParsedQuery,
} from './query.ts';

function parsed(input: string): ParsedQuery {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(`${input} was refused: ${result.problem.reason}`);
  return result.query;
}

const both = (input: string) => {
  const query = parsed(input);
  return { fts: toFts5Match(query), ts: toTsquery(query) };
};

describe('search query parsing', () => {
  it('makes every bare word a prefix, ANDed', () => {
    expect(both('harb dredging')).toEqual({
      fts: '"harb"* AND "dredging"*',
      ts: "'harb':* & 'dredging':*",
    });
  });

  it('reads quotes as an exact phrase', () => {
    expect(both('"Harbour Dredging" plan')).toEqual({
      fts: '"harbour dredging" AND "plan"*',
      ts: "('harbour' <-> 'dredging') & 'plan':*",
    });
    expect(both('"harbour"')).toEqual({ fts: '"harbour"', ts: "'harbour'" });
  });

  it('puts exclusions after everything else, as FTS5’s binary NOT needs', () => {
    expect(both('harbour -ferry')).toEqual({
      fts: '("harbour"*) NOT "ferry"*',
      ts: "'harbour':* & !'ferry':*",
    });
    expect(both('-ferry harbour -"toll bridge"')).toEqual({
      fts: '("harbour"*) NOT ("ferry"* OR "toll bridge")',
      ts: "'harbour':* & !'ferry':* & !('toll' <-> 'bridge')",
    });
  });

  it('joins the terms either side of OR', () => {
    expect(both('ferry OR bus timetable')).toEqual({
      fts: '("ferry"* OR "bus"*) AND "timetable"*',
      ts: "('ferry':* | 'bus':*) & 'timetable':*",
    });
    expect(both('a OR b OR "c d"')).toEqual({
      fts: '("a"* OR "b"* OR "c d")',
      ts: "('a':* | 'b':* | ('c' <-> 'd'))",
    });
    // Lower-case "or" is a word; a dangling OR is ignored.
    expect(both('ferry or bus')).toEqual({
      fts: '"ferry"* AND "or"* AND "bus"*',
      ts: "'ferry':* & 'or':* & 'bus':*",
    });
    expect(both('OR ferry OR')).toEqual({ fts: '"ferry"*', ts: "'ferry':*" });
    expect(both('ferry OR -bus')).toEqual({ fts: '("ferry"*) NOT "bus"*', ts: "'ferry':* & !'bus':*" });
  });

  it('reads words joined by punctuation as words that must appear together', () => {
    expect(both('covid-19')).toEqual({ fts: '"covid 19"*', ts: "('covid' <-> '19':*)" });
    expect(both("O'Brien")).toEqual({ fts: '"o brien"*', ts: "('o' <-> 'brien':*)" });
  });

  it('folds case and diacritics as the PostgreSQL index does', () => {
    expect(foldText('Café ZÜRICH Hà Nội')).toBe('cafe zurich ha noi');
    expect(foldText('e\u0301te\u0301')).toBe('ete');
    expect(wordsOf('“Harbour”—ﬁne, it’s x²!')).toEqual(['harbour', 'ﬁne', 'it', 's', 'x²']);
    expect(both('Malmö')).toEqual({ fts: '"malmo"*', ts: "'malmo':*" });
  });

  it('neutralises FTS5 and tsquery syntax', () => {
    for (const [input, fts, ts] of [
      ['NEAR(', '"near"*', "'near':*"],
      [
        "'); drop table articles; --",
        '"drop"* AND "table"* AND "articles"*',
        "'drop':* & 'table':* & 'articles':*",
      ],
      ['title:harbour', '"title harbour"*', "('title' <-> 'harbour':*)"],
      ['a & b | !c', '"a"* AND "b"* AND "c"*', "'a':* & 'b':* & 'c':*"],
      ['"unclosed phrase', '"unclosed phrase"', "('unclosed' <-> 'phrase')"],
      ['^start AND NOT', '"start"* AND "and"* AND "not"*', "'start':* & 'and':* & 'not':*"],
      [
        '<script>alert(1)</script>',
        '"script alert 1 script"*',
        "('script' <-> 'alert' <-> '1' <-> 'script':*)",
      ],
    ] as const) {
      expect(both(input), input).toEqual({ fts, ts });
    }
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u0000', 'empty'],
    ['***', 'no-words'],
    ['-', 'no-words'],
    ['OR OR', 'no-words'],
    ['""', 'no-words'],
    ['-ferry', 'only-exclusions'],
    ['-ferry -"bus pass"', 'only-exclusions'],
    ['x'.repeat(MAX_QUERY_LENGTH + 1), 'too-long'],
    [Array.from({ length: 21 }, (_, i) => `w${i}`).join(' '), 'too-many-terms'],
    ['"a b c d e f g h i j k l m n o p q r s t u"', 'too-many-terms'],
  ])('refuses %j (%s)', (input, reason) => {
    const result = parseQuery(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.reason).toBe(reason);
      expect(result.problem.message.length).toBeGreaterThan(0);
    }
  });

  it('accepts the longest and the wordiest query allowed', () => {
    expect(parseQuery('x'.repeat(MAX_QUERY_LENGTH)).ok).toBe(true);
    expect(parseQuery(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ')).ok).toBe(true);
  });
});
