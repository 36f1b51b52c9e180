import { describe, expect, it } from 'vitest';
import { decidePublishedAt, readFeedDate, readHttpDate, readRfc3339, readRfc822 } from './dates.ts';

const iso = (d: Date | undefined) => d?.toISOString();

describe('the strict date reader', () => {
  it('reads RFC 822 dates with numeric and named zones, with or without the weekday and seconds', () => {
    expect(iso(readRfc822('Fri, 04 Dec 2026 10:00:00 +0900'))).toBe('2026-12-04T01:00:00.000Z');
    expect(iso(readRfc822('4 Dec 2026 10:00 GMT'))).toBe('2026-12-04T10:00:00.000Z');
    expect(iso(readRfc822('Thu, 03 Dec 2026 12:00:00 EST'))).toBe('2026-12-03T17:00:00.000Z');
    expect(iso(readRfc822('Thu, 03 Dec 2026 12:00:00 -0130'))).toBe('2026-12-03T13:30:00.000Z');
    // RFC 2822's rule for two-digit years.
    expect(iso(readRfc822('Sun, 06 Nov 94 08:49:37 GMT'))).toBe('1994-11-06T08:49:37.000Z');
    expect(iso(readRfc822('06 Nov 26 08:49:37 GMT'))).toBe('2026-11-06T08:49:37.000Z');
  });

  it('reads RFC 3339 date-times, with fractions and either case', () => {
    expect(iso(readRfc3339('2026-12-04T10:00:00+09:00'))).toBe('2026-12-04T01:00:00.000Z');
    expect(iso(readRfc3339('2026-12-04t10:00:00.25z'))).toBe('2026-12-04T10:00:00.250Z');
    expect(iso(readRfc3339('2026-12-04 10:00:00-05:00'))).toBe('2026-12-04T15:00:00.000Z');
  });

  it('refuses what is ambiguous or impossible instead of guessing', () => {
    for (const text of [
      '04.12.2026 10:00',
      '04/12/2026',
      '2026-12-04',
      '2026-12-04T10:00:00',
      'Fri, 04 Dec 2026 19:00:00 KST',
      'Fri, 31 Nov 2026 10:00:00 GMT',
      '2026-02-29T10:00:00Z',
      '2026-12-04T25:00:00Z',
      'yesterday',
      '',
    ])
      expect(readFeedDate(text), text).toBeUndefined();
    expect(iso(readFeedDate('2028-02-29T10:00:00Z'))).toBe('2028-02-29T10:00:00.000Z');
  });

  it('gives an ambiguous date the fetch time and clamps a future one, keeping the raw text', () => {
    const fetchedAt = new Date('2026-12-05T12:00:00Z');
    expect(decidePublishedAt('04.12.2026 10:00', fetchedAt)).toEqual({
      at: fetchedAt,
      raw: '04.12.2026 10:00',
      how: 'fetch-time',
    });
    expect(decidePublishedAt('Tue, 01 Jun 2027 08:00:00 +0000', fetchedAt)).toEqual({
      at: fetchedAt,
      raw: 'Tue, 01 Jun 2027 08:00:00 +0000',
      how: 'clamped',
    });
    expect(decidePublishedAt(undefined, fetchedAt)).toEqual({ at: fetchedAt, raw: null, how: 'fetch-time' });
    expect(decidePublishedAt(' 2026-12-04T08:00:00Z ', fetchedAt).at.toISOString()).toBe(
      '2026-12-04T08:00:00.000Z',
    );
  });

  it('reads HTTP dates for Retry-After and Expires', () => {
    expect(iso(readHttpDate('Sat, 05 Dec 2026 12:30:00 GMT'))).toBe('2026-12-05T12:30:00.000Z');
    expect(readHttpDate('120')).toBeUndefined();
  });
});
