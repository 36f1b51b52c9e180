import { describe, expect, it } from 'vitest';
import { creditsOf, standfirstOf } from './drafts.ts';

describe('credits and standfirsts for wire drafts', () => {
  it('credits each outlet once, in the order they reported, and only with a web address', () => {
    expect(
      creditsOf({
        items: [
          {
            sourceName: 'Saltmarsh Herald',
            url: 'https://sh.example/b',
            publishedAt: '2026-12-05T10:00:00Z',
          },
          { sourceName: 'Tidewater Times', url: 'https://tt.example/a', publishedAt: '2026-12-05T07:00:00Z' },
          {
            sourceName: 'Saltmarsh Herald',
            url: 'https://sh.example/c',
            publishedAt: '2026-12-05T11:00:00Z',
          },
          { sourceName: 'No Link Weekly', url: null, publishedAt: '2026-12-05T06:00:00Z' },
          { sourceName: 'Odd Feed', url: 'javascript:alert(1)', publishedAt: '2026-12-05T06:30:00Z' },
        ],
      }),
    ).toEqual([
      { name: 'Tidewater Times', url: 'https://tt.example/a' },
      { name: 'Saltmarsh Herald', url: 'https://sh.example/b' },
    ]);
  });

  it('keeps a short summary whole and cuts a long one at a sentence', () => {
    expect(standfirstOf('  The road is shut.\n Buses run inland. ')).toBe(
      'The road is shut. Buses run inland.',
    );
    const long = `${'The slope above the coast road was still moving on Saturday morning. '.repeat(6)}`;
    const cut = standfirstOf(long);
    expect(cut.length).toBeLessThanOrEqual(300);
    expect(cut.endsWith('morning.')).toBe(true);
    expect(standfirstOf('x'.repeat(400))).toHaveLength(298);
  });
});
