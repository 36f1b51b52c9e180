import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettingValue } from './definitions.ts';

describe('settings', () => {
  it('have WordPress-like defaults for the comment rules', () => {
    const d = defaultSettings();
    expect(d['comments.flood_seconds']).toBe(15);
    expect(d['comments.max_links']).toBe(2);
    expect(d['comments.max_depth']).toBe(5);
    expect(d['comments.first_comment_held']).toBe(true);
    expect(d['comments.close_after_days']).toBe(0);
  });

  it('convert and check values', () => {
    expect(parseSettingValue('comments.flood_seconds', '30')).toEqual({ value: 30 });
    expect(parseSettingValue('comments.flood_seconds', '-1')).toHaveProperty('error');
    expect(parseSettingValue('comments.flood_seconds', 'ten')).toHaveProperty('error');
    expect(parseSettingValue('comments.first_comment_held', 'no')).toEqual({ value: false });
    expect(parseSettingValue('comments.first_comment_held', 'maybe')).toHaveProperty('error');
    expect(parseSettingValue('comments.block_words', 'casino, pills\nloans,')).toEqual({
      value: ['casino', 'pills', 'loans'],
    });
    expect(parseSettingValue('site.timezone', 'Europe/Oslo')).toEqual({ value: 'Europe/Oslo' });
    expect(parseSettingValue('site.timezone', 'Mars/Olympus')).toHaveProperty('error');
    expect(parseSettingValue('site.language', 'en-GB')).toEqual({ value: 'en-GB' });
    expect(parseSettingValue('site.title', '   ')).toHaveProperty('error');
  });
});
