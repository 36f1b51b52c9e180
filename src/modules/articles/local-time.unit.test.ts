import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './local-time.ts';

describe('the editor’s "Publish at" in the site’s time zone', () => {
  it('reads a wall-clock time in the zone, in winter and in summer', () => {
    expect(fromLocalInput('2026-11-27T09:30', 'UTC')).toBe('2026-11-27T09:30:00.000Z');
    expect(fromLocalInput('2026-11-27T09:30', 'Europe/Oslo')).toBe('2026-11-27T08:30:00.000Z');
    expect(fromLocalInput('2026-07-01T09:30', 'Europe/Oslo')).toBe('2026-07-01T07:30:00.000Z');
    expect(fromLocalInput('2026-11-27T09:30', 'America/New_York')).toBe('2026-11-27T14:30:00.000Z');
    expect(fromLocalInput('2026-11-27T09:30', 'Asia/Kolkata')).toBe('2026-11-27T04:00:00.000Z');
    expect(fromLocalInput('2026-11-27T09:30:15', 'UTC')).toBe('2026-11-27T09:30:15.000Z');
  });

  it('shows a stored instant back as the same wall-clock text', () => {
    for (const zone of ['UTC', 'Europe/Oslo', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata']) {
      for (const local of ['2026-11-27T09:30', '2026-03-29T12:00', '2026-10-25T04:00']) {
        const iso = fromLocalInput(local, zone);
        expect(iso, `${local} ${zone}`).toBeDefined();
        expect(toLocalInput(iso ?? '', zone), `${local} ${zone}`).toBe(local);
      }
    }
  });

  it('settles on one instant for a time the clocks skip or repeat', () => {
    // 02:30 does not exist in Oslo on 29 March 2026 (02:00 → 03:00).
    expect(fromLocalInput('2026-03-29T02:30', 'Europe/Oslo')).toMatch(/^2026-03-29T0[01]:30:00\.000Z$/);
    // 02:30 happens twice on 25 October 2026 (03:00 → 02:00).
    expect(fromLocalInput('2026-10-25T02:30', 'Europe/Oslo')).toMatch(/^2026-10-25T0[01]:30:00\.000Z$/);
  });

  it('refuses text that is not a real date and time', () => {
    for (const bad of [
      '',
      'tomorrow',
      '2026-02-30T10:00',
      '2026-13-01T10:00',
      '2026-11-27T25:00',
      '2026-11-27 09:30x',
      '1900-01-01T00:00',
    ])
      expect(fromLocalInput(bad, 'UTC'), bad).toBeUndefined();
  });
});
