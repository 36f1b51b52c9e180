import { describe, expect, it } from 'vitest';
import { findWebLinks } from './links.ts';

// findWebLinks skips linkify for text that cannot hold a link it keeps: these hold that shortcut to
// the same answers linkify gives.
describe('web links in a comment', () => {
  it('finds full http(s) addresses in any case, and bare www. ones', () => {
    expect(findWebLinks('See https://example.org/a and HTTP://EXAMPLE.NET too').map((l) => l.url)).toEqual([
      'https://example.org/a',
      'HTTP://EXAMPLE.NET',
    ]);
    expect(findWebLinks('Try WWW.Example.com today')).toEqual([
      { index: 4, lastIndex: 19, text: 'WWW.Example.com', url: 'http://WWW.Example.com' },
    ]);
  });

  it('keeps bare domains, other schemes and plain text as text', () => {
    for (const text of [
      'notes.txt and example.com',
      'ftp://example.org/file',
      'mailto:ann@example.org',
      'no links',
    ])
      expect(findWebLinks(text), text).toEqual([]);
  });
});
