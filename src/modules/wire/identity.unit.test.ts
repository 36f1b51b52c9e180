import { describe, expect, it } from 'vitest';
import { contentHash, normalizeUrl, resolveLink, trustedGuids } from './identity.ts';

describe('item identity', () => {
  it('normalises addresses: no utm_* parameters, no fragment, host in lower case', () => {
    expect(
      normalizeUrl(
        'HTTPS://Harbour-Post.example:443/news/ferry?utm_source=rss&ref=home&UTM_Medium=x#comments',
      ),
    ).toBe('https://harbour-post.example/news/ferry?ref=home');
    expect(normalizeUrl('https://harbour-post.example/a?utm_source=rss')).toBe(
      'https://harbour-post.example/a',
    );
    expect(normalizeUrl('https://x.example/a?q=a%20b')).toBe(
      normalizeUrl('https://x.example/a?q=a+b&utm_x=1'),
    );
    expect(normalizeUrl('https://x.example/A/')).not.toBe(normalizeUrl('https://x.example/a/'));
  });

  it('resolves relative links and refuses what is not http(s)', () => {
    expect(resolveLink('tram', 'https://n.example/news/2026/')).toBe('https://n.example/news/2026/tram');
    expect(resolveLink('/x', 'https://n.example/news/')).toBe('https://n.example/x');
    expect(resolveLink('javascript:alert(1)', 'https://n.example/')).toBeUndefined();
    expect(resolveLink('mailto:desk@n.example', undefined)).toBeUndefined();
    expect(resolveLink('relative', undefined)).toBeUndefined();
    expect(resolveLink('  ', 'https://n.example/')).toBeUndefined();
  });

  it('trusts only GUIDs that appear once in a document', () => {
    expect([...trustedGuids(['a', 'b', 'a', undefined, 'c'])].sort()).toEqual(['b', 'c']);
  });

  it('hashes text the same whatever its spacing and case', () => {
    expect(contentHash('Ferry  Resumes', 'The ferry\nran.')).toBe(
      contentHash('ferry resumes', 'the ferry ran.'),
    );
    expect(contentHash('Ferry resumes', 'a')).not.toBe(contentHash('Ferry resumes', 'b'));
  });
});
