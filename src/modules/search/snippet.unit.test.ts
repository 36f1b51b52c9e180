import { describe, expect, it } from 'vitest';
import { parseQuery, highlightTerms, type Term } from './query.ts';
import { renderMarkdown } from '../../platform/render/markdown.ts';
import { buildSnippet, htmlToText, snippetOfHtml } from './snippet.ts';

function terms(input: string): Term[] {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(input);
  return highlightTerms(result.query);
}

const marked = (parts: ReturnType<typeof buildSnippet>) =>
  parts.map((p) => (p.isMatch ? `[${p.text}]` : p.text)).join('');

describe('snippets', () => {
  it('mark whole words that a prefix matches, and phrases whole', () => {
    expect(marked(buildSnippet('The Harbour dredging starts; harbours wait.', terms('harb')))).toBe(
      'The [Harbour] dredging starts; [harbours] wait.',
    );
    expect(marked(buildSnippet('Harbour dredging, not dredging harbour.', terms('"harbour dredging"')))).toBe(
      '[Harbour dredging], not dredging harbour.',
    );
    expect(marked(buildSnippet('A café in Zürich.', terms('cafe zurich')))).toBe('A [café] in [Zürich].');
  });

  it('do not mark excluded words', () => {
    expect(marked(buildSnippet('Ferry and harbour.', terms('harbour -ferry')))).toBe('Ferry and [harbour].');
  });

  it('show the words around the matches in a long text, with ellipses', () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
    words[120] = 'lighthouse';
    const parts = buildSnippet(words.join(' '), terms('lighthouse'));
    const text = marked(parts);
    expect(text.startsWith('… w114 ')).toBe(true);
    expect(text).toContain('[lighthouse]');
    expect(text.endsWith(' …')).toBe(true);
    expect(text.split(' ').filter((w) => /^\[?w?\d|lighthouse/.test(w)).length).toBe(32);
  });

  it('prefer the place where most different terms meet', () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
    words[10] = 'ferry';
    words[150] = 'ferry';
    words[152] = 'timetable';
    const text = marked(buildSnippet(words.join(' '), terms('ferry timetable')));
    expect(text).toContain('[ferry] w151 [timetable]');
    expect(text).not.toContain('w10 ');
  });

  it('show the opening when nothing matches, and nothing for no text', () => {
    expect(marked(buildSnippet('Short body.', terms('harbour')))).toBe('Short body.');
    expect(buildSnippet('', terms('harbour'))).toEqual([]);
  });

  it('keep hostile text as text', () => {
    const parts = buildSnippet('<script>alert(1)</script> harbour', terms('harbour'));
    expect(parts).toEqual([
      { text: '<script>alert(1)</script> ', isMatch: false },
      { text: 'harbour', isMatch: true },
    ]);
  });
});

describe('body text for snippets', () => {
  it('is the words a reader sees in the stored HTML', () => {
    expect(
      htmlToText(
        '<h2>Details</h2>\n<p>The <strong>quay</strong> &amp; the <a href="https://x.example/">wall</a>.</p><p>&lt;b&gt; &#8220;ok&#x201D;</p>',
      ),
    ).toBe('Details The quay & the wall. <b> “ok”');
    expect(htmlToText('<p>cut short <a hre')).toBe('cut short');
    expect(htmlToText('&bogus; &#0; &#xD800;')).toBe('&bogus; &#0; &#xD800;');
  });

  it('read only the opening of a long body when it settles the snippet, and give the same snippet', () => {
    // Bodies of 2,000 to 4,000 words, stored as markdown-it renders them, with the query words placed
    // at chosen word positions: early, around the 4,000-character cut, late, straddling it as a
    // phrase, or nowhere. Whatever the placement, reading the opening first must not change the result.
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const filler = ['tide', 'quay', 'rope', 'gull', 'Mole', 'A&B', 'x<y', 'café', 'pier', 'net'];
    const queries = [
      'harbour',
      'harbour dredging',
      '"harbour dredging"',
      'dred',
      'harbour OR gull',
      'absent',
    ];
    let compared = 0;
    let withMatch = 0;
    for (let body = 0; body < 120; body += 1) {
      const words = Array.from(
        { length: 2_000 + Math.floor(random() * 2_000) },
        () => filler[Math.floor(random() * filler.length)] as string,
      );
      for (let k = 0; k < 3; k += 1) {
        const at = [Math.floor(random() * 40), 560 + Math.floor(random() * 120), 1_500][k] as number;
        if (random() < 0.7) words.splice(at, 0, 'harbour', random() < 0.5 ? 'dredging' : 'tide');
      }
      const markdown = words
        .map((w, i) => (i % 90 === 89 ? `${w}\n\n` : `${w} `))
        .join('')
        .replace(/\n\n(\S+)/g, (_, w: string) => `\n\n**${w}**`);
      const html = renderMarkdown(markdown);
      for (const query of queries) {
        const t = terms(query);
        const expected = buildSnippet(htmlToText(html), t);
        expect(marked(snippetOfHtml(html, t)), `${query} in body ${body}`).toBe(marked(expected));
        compared += 1;
        if (marked(expected).includes('[')) withMatch += 1;
      }
    }
    expect(compared).toBe(720);
    // Most bodies hold a match, so the opening settles many of them.
    expect(withMatch).toBeGreaterThan(200);
  });
});
