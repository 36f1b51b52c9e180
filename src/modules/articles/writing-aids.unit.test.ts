import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  bodyText,
  clip,
  countWords,
  headlineWarning,
  readingMinutes,
  readingTimeLabel,
  wordCountLabel,
} from './writing-aids.ts';

// The editor's writing aids: the server's rules (writing-aids.ts), and the browser script's copy of
// them (platform/render/assets/writing-aids.js), run on the same texts so that they never disagree.

const words = (body: string) => countWords(bodyText(body));

describe('the word count', () => {
  it('counts the words a reader reads in an HTML body, not its tags, attributes or references', () => {
    const body =
      '<h2>Harbour news</h2><p>The <strong>new</strong> ferry&nbsp;runs <a href="https://example.com/a-long-path">every day</a>.</p>' +
      '<figure><img src="/uploads/x.webp" alt="A ferry at the pier"><figcaption>Photo: Ana</figcaption></figure>';
    // Harbour news / The new ferry runs every day / Photo Ana
    expect(words(body)).toBe(10);
  });

  it('counts Markdown without its marks or link addresses', () => {
    expect(words('## Heading\n\n*Bold* claims, [a link](https://example.com/some/where) and - a list.')).toBe(
      8,
    );
  });

  it('keeps apostrophes and hyphens inside a word, and leaves lone punctuation out', () => {
    expect(words("It's a well-known fact — 2026 — isn't it?")).toBe(7);
    expect(words('')).toBe(0);
    expect(words('  — … !! ')).toBe(0);
    expect(words('Café naïve Zürich')).toBe(3);
  });

  it('ignores script and style blocks and comments, as readers never see them', () => {
    expect(words('<p>One two</p><script>var three = four;</script><!-- five six --><style>p{}</style>')).toBe(
      2,
    );
  });

  it('reads a hostile body of unclosed openers in one pass, and still counts its words', () => {
    // Each of these made the old patterns rescan to the end at every opener: minutes for one request.
    const n = 100_000;
    for (const [opener, expected] of [
      ['<', n],
      ['<script>', n],
      ['<style x>', n],
      ['<!--', n],
      ['](', n],
      // An unfinished reference is text: "amp" is a word.
      ['&amp', 2 * n],
    ] as const)
      expect(words(`${opener} word `.repeat(n)), opener).toBe(expected);
    // And closed ones still go, with what they hold.
    expect(words(`<script>a b</script>${'<!-- c -->'.repeat(3)}<style>d</style> e`)).toBe(1);
  });

  it('gives a reading time in whole minutes, at least one for any text', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(230)).toBe(1);
    expect(readingMinutes(1150)).toBe(5);
    expect(readingTimeLabel(0)).toBe('Nothing to read yet');
    expect(readingTimeLabel(2300)).toBe('About 10 min read');
    expect(wordCountLabel(1)).toBe('1 word');
    expect(wordCountLabel(12345)).toBe('12,345 words');
  });
});

describe('the headline warning', () => {
  it('warns past 70 characters, counting an emoji as one', () => {
    expect(headlineWarning('a'.repeat(70))).toBeUndefined();
    expect(headlineWarning(`${'a'.repeat(70)}  `)).toBeUndefined();
    expect(headlineWarning('a'.repeat(71))).toContain('71 characters');
    expect(headlineWarning(`${'a'.repeat(69)}🚢`)).toBeUndefined();
    expect(headlineWarning(`${'a'.repeat(70)}🚢`)).toContain('71 characters');
  });
});

describe('clipping for search results', () => {
  it('cuts at a word with an ellipsis, and leaves short text alone', () => {
    expect(clip('Short title', 60)).toBe('Short title');
    const cut = clip('The harbour authority announced on Monday that the ferry timetable will change', 40);
    expect(cut.endsWith('…')).toBe(true);
    expect([...cut].length).toBeLessThanOrEqual(40);
    expect(cut).toBe('The harbour authority announced on…');
    expect(clip('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('the browser script', () => {
  // The script is a classic one; its rules are the value of its first statement's constant.
  const source = readFileSync(
    new URL('../../platform/render/assets/writing-aids.js', import.meta.url),
    'utf8',
  );
  const script = runInNewContext(`${source}\n;datelineWritingAids`, {}) as {
    bodyText(body: string): string;
    countWords(text: string): number;
    readingTimeLabel(words: number): string;
    wordCountLabel(words: number): string;
    headlineWarning(title: string): string | undefined;
    clip(text: string, max: number): string;
  };

  const bodies = [
    '',
    '<p>One <em>two</em> three&amp;four</p>',
    "## It's here\n\n> A quote, [linked](https://example.com/x-y) — and 42 more.",
    '<figure class="pull-quote"><blockquote><p>Words</p></blockquote></figure><!-- note -->',
    'Café naïve Zürich 東京 well-known',
    'word '.repeat(5000),
  ];
  it('counts as the server does', () => {
    for (const body of bodies) {
      const n = script.countWords(script.bodyText(body));
      expect(n, body.slice(0, 40)).toBe(words(body));
      expect(script.readingTimeLabel(n)).toBe(readingTimeLabel(n));
      expect(script.wordCountLabel(n)).toBe(wordCountLabel(n));
    }
  });

  it('warns and clips as the server does', () => {
    for (const title of [
      '',
      'Short',
      'a'.repeat(70),
      'b'.repeat(71),
      `${'c'.repeat(70)}🚢`,
      'A '.repeat(60),
    ]) {
      expect(script.headlineWarning(title)).toBe(headlineWarning(title));
      expect(script.clip(title, 60)).toBe(clip(title, 60));
      expect(script.clip(title, 20)).toBe(clip(title, 20));
    }
  });
});
