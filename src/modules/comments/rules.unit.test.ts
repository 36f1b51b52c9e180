import { describe, expect, it } from 'vitest';
import { areCommentsOpen, type OpenState } from './rules.ts';

const PUBLISHED = '2026-11-01T09:00:00.000Z';
const DAY = 24 * 60 * 60 * 1000;
/** A moment `days` days (and `ms` milliseconds) after publication. */
const after = (days: number, ms = 0) => new Date(Date.parse(PUBLISHED) + days * DAY + ms);

type Row = [string, Partial<OpenState>, number, Date, boolean];

// [case, the article's state, the site's close-after-days, now, open?]
const table: Row[] = [
  ['switched off, the site never closes', { commentsOpen: false }, 0, after(0), false],
  ['switched off, within the age limit', { commentsOpen: false }, 14, after(1), false],
  ['switched off, with its own "never"', { commentsOpen: false, closeAfterDays: 0 }, 0, after(0), false],
  ['the site never closes, years later', {}, 0, after(3650), true],
  ['a negative limit means never', {}, -1, after(3650), true],
  ['at publication', {}, 14, after(0), true],
  ['before publication (a clock behind)', {}, 14, after(-1), true],
  ['the last millisecond of the limit', {}, 14, after(14, -1), true],
  ['the moment the limit is reached', {}, 14, after(14), false],
  ['a millisecond after the limit', {}, 14, after(14, 1), false],
  ['a one-day limit, a day later', {}, 1, after(1), false],
  ['its own limit, shorter than the site’s, passed', { closeAfterDays: 3 }, 14, after(5), false],
  ['its own limit, shorter than the site’s, not reached', { closeAfterDays: 3 }, 14, after(3, -1), true],
  ['its own limit, longer than the site’s', { closeAfterDays: 30 }, 14, after(20), true],
  ['its own "never", against the site’s limit', { closeAfterDays: 0 }, 14, after(365), true],
  ['its own limit, against the site’s "never"', { closeAfterDays: 7 }, 0, after(7), false],
  ['no limit of its own: the site’s applies', { closeAfterDays: null }, 7, after(7), false],
];

describe('areCommentsOpen', () => {
  const rows = table.map(([name, change, siteDays, now, expected]) => ({
    name,
    change,
    siteDays,
    now,
    expected,
  }));
  it.each(rows)('$name → open: $expected', ({ change, siteDays, now, expected }) => {
    const state: OpenState = { commentsOpen: true, closeAfterDays: null, publishedAt: PUBLISHED, ...change };
    expect(areCommentsOpen(state, siteDays, now)).toBe(expected);
  });

  it('counts from the publication time, whatever its time zone offset', () => {
    const state = { commentsOpen: true, closeAfterDays: 1, publishedAt: '2026-11-01T10:00:00+01:00' };
    expect(areCommentsOpen(state, 0, new Date('2026-11-02T08:59:59.999Z'))).toBe(true);
    expect(areCommentsOpen(state, 0, new Date('2026-11-02T09:00:00.000Z'))).toBe(false);
  });
});
