// sanitizeBody is idempotent: its output comes back unchanged, so a body opened in the newsroom and
// saved again keeps every byte (issue #17, one body format).
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/seeded-random.ts';
import { embedHtml, figureHtml, galleryHtml, sanitizeBody } from './body-html.ts';
import { renderMarkdown } from './markdown.ts';

// Pieces of tag soup: allowed and refused elements, half-written tags, entities and stray closers.
const PIECES = [
  ...[
    '<p>',
    '</p>',
    '<h1>',
    '</h1>',
    '<h2>',
    '</h2>',
    '<h3>',
    '<ul>',
    '</ul>',
    '<ol start="3">',
    '</ol>',
    '<li>',
  ],
  ...['</li>', '<blockquote class="pullquote">', '</blockquote>', '<figure class="figure">', '</figure>'],
  ...[
    '<figcaption>',
    '</figcaption>',
    '<cite>',
    '</cite>',
    '<table>',
    '</table>',
    '<thead>',
    '<tbody>',
    '<tr>',
  ],
  ...['</tr>', '<td colspan="2">', '</td>', '<th scope="col">', '<caption>', '</caption>', '<pre>', '</pre>'],
  ...[
    '<code>',
    '</code>',
    '<b>',
    '</b>',
    '<em>',
    '</em>',
    '<sub>',
    '</sub>',
    '<br>',
    '<hr>',
    '<div>',
    '</div>',
  ],
  ...['<span>', '</span>', '<dd>', '<dt>', '<select>', '<option>', '<textarea>', '</textarea>', '<script>'],
  ...[
    '</script>',
    '<iframe src="https://example.com/">',
    '</iframe>',
    '<!-- note -->',
    '<![CDATA[x]]>',
    '<?x?>',
  ],
  ...[
    '<a href="https://example.com/?a=1&b=2">',
    '<a href="javascript:alert(1)">',
    '</a>',
    '<img src="/u/1.jpg" alt="a &quot;b">',
  ],
  ...[
    '<figure class="embed" data-provider="YouTube" data-url="https://youtu.be/x">',
    '<p',
    '</',
    '<',
    '>',
    '"',
  ],
  ...["'", '&', '&amp;', '&lt;', '&nbsp;', 'a=', 'text', 'Ünïcödé', ' ', '\n', '\r\n', '\t', '\u2028'],
];

function tagSoup(random: () => number): string {
  let html = '';
  const length = 1 + Math.floor(random() * 40);
  for (let i = 0; i < length; i += 1) html += PIECES[Math.floor(random() * PIECES.length)];
  return html;
}

describe('sanitizeBody is idempotent', () => {
  it('on seeded tag soup: its output sanitises to itself', () => {
    const random = seededRandom(17);
    for (let n = 0; n < 1_500; n += 1) {
      const soup = tagSoup(random);
      const once = sanitizeBody(soup);
      expect(sanitizeBody(once), JSON.stringify(soup)).toBe(once);
    }
  });

  it('settles badly nested input that one pass of sanitize-html would leave unsettled', () => {
    // A <p> left open inside an unwrapped <span> nests differently when the output is read again.
    const once = sanitizeBody('<p> </ul><span><p>');
    expect(once).toBe('<p> </p><p></p><p></p>');
    expect(sanitizeBody(once)).toBe(once);
  });

  it('writes \n line ends and trims the ends, as a text area sends and shows them', () => {
    expect(sanitizeBody('\r\n<p>One\r\ntwo\rthree</p>\r\n\r\n')).toBe('<p>One\ntwo\nthree</p>');
  });

  it('keeps figures with caption and credit, galleries, embeds, tables and pull quotes unchanged', () => {
    const image = { src: '/uploads/ab/c/w800.jpg', srcset: '/uploads/ab/c/w400.jpg 400w', alt: 'A "quay"' };
    const body = [
      figureHtml({ ...image, width: 800, height: 600 }, { text: 'High tide & wind', credit: 'Ana Ruiz' }),
      galleryHtml([image, { src: 'https://example.com/b.jpg', alt: '' }], 'Two views'),
      embedHtml('https://www.youtube.com/watch?v=abc', 'The storm'),
      embedHtml('https://mastodon.social/@harbour/11223344'),
      '<table><caption>Tides</caption><thead><tr><th scope="col">Time</th></tr></thead>' +
        '<tbody><tr><td colspan="2">06:12</td></tr></tbody></table>',
      '<blockquote class="pullquote"><p>It held.</p><cite>The harbourmaster</cite></blockquote>',
      '<ol start="4"><li>Four</li></ol><pre><code>a &lt; b</code></pre><hr />',
    ].join('\n');
    const stored = sanitizeBody(body);
    for (const kept of ['<figure class="figure">', '<cite>Ana Ruiz</cite>', '<figure class="gallery">'])
      expect(stored).toContain(kept);
    expect(stored).toContain('<figure class="embed" data-provider="YouTube"');
    expect(stored).toContain('<figure class="embed" data-provider="Mastodon"');
    expect(stored).toContain('<td colspan="2">06:12</td>');
    expect(stored).toContain('<blockquote class="pullquote">');
    expect(sanitizeBody(stored)).toBe(stored);
  });

  it('on Markdown as the newsroom converts it', () => {
    const markdown =
      '# Title\n\n**b** _i_ [l](https://x.org "t") ![a](https://x.org/y.png "t")\n\n```js\nx<y\n```\n\n' +
      '> q\n\n1. a\n2. b\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n---\n\n##### h5\n\nline  \nbreak & "quotes" <b>raw</b>';
    const stored = sanitizeBody(renderMarkdown(markdown));
    expect(stored).toContain('<h2>Title</h2>');
    expect(stored).toContain('<h4>h5</h4>');
    expect(stored).toContain('&lt;b&gt;raw&lt;/b&gt;');
    expect(sanitizeBody(stored)).toBe(stored);
  });
});
