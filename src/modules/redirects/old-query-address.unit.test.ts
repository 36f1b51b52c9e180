import { describe, expect, it } from 'vitest';
import { oldQueryAddress, sourcePathProblem } from './service.ts';

describe("a WordPress site's old query addresses", () => {
  it('are the one source with a query, in their stored form only', () => {
    for (const good of [
      '/?p=5',
      '/?page_id=45',
      '/?attachment_id=67',
      '/?cat=8',
      '/?author=2',
      '/?p=1234567',
    ])
      expect(sourcePathProblem(good), good).toBeUndefined();
    for (const bad of [
      '/?p=abc',
      '/?p=',
      '/?p=05',
      '/?p=0',
      '/?p=-5',
      '/?p=5&utm_source=x',
      '/?p=5#top',
      '/?P=5',
      '/?s=ferry',
      '/?q=5',
      '/index.php?p=5',
      '/old/?p=5',
      '/?p=123456789012345678901',
      '/old/#top',
      '/search?q=x',
    ])
      expect(sourcePathProblem(bad), bad).toMatch(/without \? or #/);
  });

  it('are read from a query: other parameters ignored, the first known key with an id wins', () => {
    expect(oldQueryAddress('p=5&utm_source=x')).toBe('/?p=5');
    expect(oldQueryAddress('utm_source=x&page_id=7')).toBe('/?page_id=7');
    expect(oldQueryAddress('author=2&cat=8&attachment_id=67&page_id=45&p=5')).toBe('/?p=5');
    expect(oldQueryAddress('author=2&cat=8')).toBe('/?cat=8');
    expect(oldQueryAddress('attachment_id=67')).toBe('/?attachment_id=67');
    // WordPress reads a key without an id as none, and PHP a repeated key by its last value.
    expect(oldQueryAddress('p=abc&page_id=7')).toBe('/?page_id=7');
    expect(oldQueryAddress('p=1&p=2')).toBe('/?p=2');
    expect(oldQueryAddress('p=005')).toBe('/?p=5');
    expect(oldQueryAddress('p=%35')).toBe('/?p=5');
    for (const none of ['', 'p=', 'p=0', 'p=abc', 'p=5a', 'p= 5', 'P=5', 's=ferry', 'utm_source=x', 'p=1e3'])
      expect(oldQueryAddress(none), none).toBeUndefined();
  });
});
