import { describe, expect, it } from 'vitest';
import { ArticleFileError, parseArticleFile } from './front-matter.ts';

describe('article files', () => {
  it('turn front matter into fields and the rest into the body', () => {
    const input = parseArticleFile(
      '---\ntitle: Hello\npublished_at: 2026-11-24T09:00:00Z\ntags: [A, B]\n---\n\nBody *here*.\n',
    );
    expect(input).toEqual({
      title: 'Hello',
      published_at: '2026-11-24T09:00:00.000Z',
      tags: ['A', 'B'],
      body: 'Body *here*.\n',
    });
  });

  it('refuse a file without front matter, bad YAML, or a body key', () => {
    expect(() => parseArticleFile('No front matter')).toThrow(ArticleFileError);
    expect(() => parseArticleFile('---\ntitle: [x\n---\n')).toThrow(/not valid YAML/);
    expect(() => parseArticleFile('---\nbody: x\n---\n')).toThrow(/body/);
  });
});
