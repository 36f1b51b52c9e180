// @vitest-environment happy-dom
// The story editor's document against Dateline body HTML: every element the sanitiser keeps opens as
// editable structure and is written back byte for byte; what the editor cannot hold is kept as a raw
// block and written back unchanged; what the editor writes is what the sanitiser would write; and a
// paste keeps only the body's elements.
import { getSchema } from '@tiptap/core';
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { embedHtml, figureHtml, galleryHtml, sanitizeBody } from '../body-html.ts';
import { cleanPaste, htmlOfNodes, keptBlocks, parseBody, serializeBody } from './body-io.ts';
import { bodyExtensions } from './schema.ts';

const schema = getSchema(bodyExtensions(htmlOfNodes));
const roundTrip = (html: string) => {
  const { doc, layout } = parseBody(schema, html);
  return serializeBody(doc, layout);
};
const typesOf = (html: string) => {
  const names: string[] = [];
  parseBody(schema, html).doc.descendants((node: PMNode) => {
    names.push(node.type.name);
  });
  return names;
};

// Each as the sanitiser writes it (checked below), so each is what a stored body holds.
const ELEMENTS: [string, string, string][] = [
  ['paragraph', '<p>The ferry sails at six.</p>', 'paragraph'],
  ['headings 2 to 4', '<h2>Tides</h2><h3>Morning</h3><h4>Detail</h4>', 'heading'],
  [
    'bold and italic',
    '<p>The <strong>Gull</strong> sails at <em>six</em>, <strong><em>sharp</em></strong>.</p>',
    'paragraph',
  ],
  [
    'links',
    '<p><a href="https://harbour.example/a" rel="noopener">x</a> <a href="/2019/05/ferry">y</a> <a href="mailto:desk@harbour.example">z</a> <a href="#n">n</a></p>',
    'paragraph',
  ],
  [
    'a link around bold text',
    '<p><a href="https://harbour.example/a" rel="noopener">a <strong>bold</strong> move</a></p>',
    'paragraph',
  ],
  [
    'other inline elements',
    '<p>H<sub>2</sub>O, 10<sup>3</sup>, <s>five</s> <del>seven</del> <code>tide()</code> <cite>Almanac</cite>,<br />again</p>',
    'hardBreak',
  ],
  ['a bulleted list', '<ul><li>one</li><li>two</li></ul>', 'bulletList'],
  ['a numbered list with a start', '<ol start="3"><li>three</li><li>four</li></ol>', 'orderedList'],
  [
    'a loose list with a nested list',
    '<ul><li><p>one</p><p>more</p></li><li>two<ul><li>deeper</li></ul></li></ul>',
    'listItem',
  ],
  ['a block quote', '<blockquote><p>Quoted</p><p>Again</p></blockquote>', 'blockquote'],
  [
    'a pull quote',
    '<blockquote class="pullquote"><p>“It held, and it will hold again.”</p></blockquote>',
    'blockquote',
  ],
  ['a horizontal rule', '<p>a</p><hr /><p>b</p>', 'horizontalRule'],
  [
    'preformatted text',
    '<pre>  indented\n    more &lt;b&gt;</pre><pre><code>tide()\n  next()</code></pre><pre>\nafter a newline</pre>',
    'preformatted',
  ],
  [
    'a table',
    '<table><caption>Boats</caption><thead><tr><th scope="col">Boat</th><th scope="col">Time</th></tr></thead>' +
      '<tbody><tr><td colspan="2" rowspan="1">Gull <em>late</em></td></tr></tbody><tfoot><tr><td>End</td><td></td></tr></tfoot></table>',
    'table',
  ],
  [
    'a figure with caption and credit',
    sanitizeBody(
      figureHtml(
        {
          src: '/uploads/a.jpg',
          srcset: '/uploads/a-640.jpg 640w, /uploads/a.jpg 1280w',
          width: 1280,
          height: 853,
          alt: 'Gulls & "terns"',
        },
        { html: 'Dawn at the <em>pier</em> &amp; beyond', credit: 'Ana Reyes & Co' },
      ),
    ),
    'figure',
  ],
  [
    'a figure without a caption',
    sanitizeBody(figureHtml({ src: 'https://img.example/a.jpg', alt: '' })),
    'figure',
  ],
  [
    'a gallery',
    sanitizeBody(
      galleryHtml(
        [
          { src: '/a.jpg', alt: 'A' },
          { src: '/b.jpg', alt: 'B', width: 10, height: 20 },
        ],
        { text: 'Regatta & races', credit: 'Port Bulletin' },
      ),
    ),
    'gallery',
  ],
  [
    'a YouTube embed',
    sanitizeBody(embedHtml('https://www.youtube.com/watch?v=a&t=1', 'The port’s film.')),
    'embed',
  ],
  ['a Vimeo embed', sanitizeBody(embedHtml('https://vimeo.com/123')), 'embed'],
  ['a Bluesky embed', sanitizeBody(embedHtml('https://bsky.app/profile/harbour.example/post/3k')), 'embed'],
  [
    'a Mastodon embed',
    sanitizeBody(embedHtml('https://mastodon.social/@harbourgazette/112233445566')),
    'embed',
  ],
  [
    'a link card for any address',
    sanitizeBody(embedHtml('https://harbour.example/story', { text: 'Read', credit: 'Us' })),
    'embed',
  ],
  [
    'text with entities and a no-break space',
    '<p>1 &lt; 2 &amp; 3 &gt; 0 "quoted" it\'s\u00a0here</p>',
    'paragraph',
  ],
];

describe('the story editor’s document', () => {
  it.each(ELEMENTS)('keeps %s exactly, as editable structure', (_name, html, type) => {
    expect(sanitizeBody(html)).toBe(html);
    expect(roundTrip(html)).toBe(html);
    expect(typesOf(html)).toContain(type);
    expect(typesOf(html)).not.toContain('rawBlock');
  });

  it('keeps a whole body of every element exactly', () => {
    const html = ELEMENTS.map(([, h]) => h).join('');
    expect(roundTrip(html)).toBe(html);
  });

  it('keeps the spacing between blocks that Markdown’s renderer leaves, and edits inside it', () => {
    const html =
      '<h2>Tides</h2>\n<p>line one\nline two</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<blockquote>\n<p>q</p>\n</blockquote>\n';
    const { doc, layout } = parseBody(schema, html);
    expect(typesOf(html)).not.toContain('rawBlock');
    expect(layout).toEqual({ leading: '', between: '\n', trailing: '\n' });
    // Written back, the blocks keep their spacing; inside them, whitespace is the editor's.
    expect(serializeBody(doc, layout)).toBe(
      '<h2>Tides</h2>\n<p>line one line two</p>\n<ul><li>one</li><li>two</li></ul>\n<blockquote><p>q</p></blockquote>\n',
    );
  });

  it('writes back the blocks an edit did not touch exactly as stored, and the edited one as the editor does', () => {
    const html =
      '<h2>Tides</h2>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>Edit <em><strong>me</strong></em></p>\n<strong> loose </strong>\n';
    const { doc, layout, stored } = parseBody(schema, html);
    const kept = keptBlocks(doc, doc, stored);
    // Untouched, the whole body comes back byte for byte.
    expect(serializeBody(doc, layout, kept)).toBe(html);
    // An edit to the paragraph: ProseMirror keeps the other blocks' nodes, so only it is rewritten.
    let at = -1;
    doc.forEach((child, offset) => {
      if (child.textContent.startsWith('Edit')) at = offset + 1;
    });
    const edited = doc.replace(at, at, new Slice(Fragment.from(schema.text('Now ')), 0, 0));
    expect(serializeBody(edited, layout, kept)).toBe(
      '<h2>Tides</h2>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>Now Edit <strong><em>me</em></strong></p>\n<strong> loose </strong>\n',
    );
    // Without the stored blocks, every block is written the editor's way (the spacing here is uneven,
    // so none is kept).
    expect(serializeBody(edited, layout)).toBe(
      '<h2>Tides</h2><ul><li>one</li><li>two</li></ul><p>Now Edit <strong><em>me</em></strong></p><p><strong>loose</strong></p>',
    );
  });

  it.each([
    ['an unknown figure', '<figure>x <strong>y</strong></figure>'],
    ['a caption-only figure', '<figure class="figure"><figcaption>C</figcaption></figure>'],
    ['a quote of bare text', '<blockquote>q</blockquote>'],
    ['a table cell holding paragraphs', '<table><tbody><tr><td><p>a</p><p>b</p></td></tr></tbody></table>'],
    [
      'an embed without its link',
      '<figure class="embed" data-provider="link" data-url="https://a.example/"><figcaption>x</figcaption></figure>',
    ],
    ['a div from elsewhere', '<div class="wp-block"><p>kept</p></div>'],
    ['preformatted text with markup after a newline', '<pre>\n<cite>A poet</cite>\n  a line</pre>'],
  ])('keeps %s unchanged as a raw block', (_name, html) => {
    const body = `<p>Before</p>${html}<p>After</p>`;
    expect(typesOf(body)).toContain('rawBlock');
    expect(roundTrip(body)).toBe(body);
  });

  it('reads text outside any block as a paragraph', () => {
    expect(roundTrip('The <strong>ferry</strong> sails.')).toBe('<p>The <strong>ferry</strong> sails.</p>');
  });

  it('writes an empty story as an empty body, and nests marks in one order', () => {
    expect(roundTrip('')).toBe('');
    expect(roundTrip('<p></p>')).toBe('');
    expect(roundTrip('<p><em><strong>x</strong></em></p>')).toBe('<p><strong><em>x</em></strong></p>');
  });

  it('keeps a caption whose credit holds markup exactly', () => {
    const html =
      '<figure class="figure"><img src="/a.jpg" alt="" /><figcaption>C <cite><em>Ana</em></cite></figcaption></figure>';
    expect(roundTrip(html)).toBe(html);
  });
});

describe('a paste into the story editor', () => {
  /** What the editor makes of a paste before ProseMirror reads it. */
  const paste = (html: string) => cleanPaste(schema, html);

  it('keeps inline pasted text with its marks, as a paragraph ProseMirror opens into the text', () => {
    expect(
      paste(
        '<meta charset="utf-8"><span style="font-weight:700">Bold</span> and <a href="https://a.example/">a link</a>',
      ),
    ).toBe('<p><strong>Bold</strong> and <a href="https://a.example/" rel="noopener">a link</a></p>');
  });

  it('keeps the allowed elements of Word, Google Docs and web pages, and nothing else', () => {
    const word =
      '<p class="MsoNormal" style="margin:0"><span lang="EN-GB" style="font-family:Calibri">The <b>ferry</b> is <i>late</i><o:p></o:p></span></p>' +
      '<h1 style="mso-outline-level:1">Headline</h1><table class="MsoTable"><tbody><tr><td style="border:1px"><p>Cell</p></td></tr></tbody></table>';
    const docs =
      '<b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr"><span style="font-weight:700">Bold</span> and <span style="font-style:italic">tilted</span></p>' +
      '<ul><li dir="ltr"><p dir="ltr"><span>One</span></p></li></ul></b>';
    const web =
      '<div class="article"><h2 id="x" class="title">Sub</h2><p>See <a href="https://harbour.example/" target="_blank" class="c">this</a>.</p><font color="red">Red</font></div>';
    expect(paste(word)).toBe(
      '<p>The <strong>ferry</strong> is <em>late</em></p><h2>Headline</h2><table><tbody><tr><td>Cell</td></tr></tbody></table>',
    );
    expect(paste(docs)).toBe('<p><strong>Bold</strong> and <em>tilted</em></p><ul><li><p>One</p></li></ul>');
    expect(paste(web)).toBe(
      '<h2>Sub</h2><p>See <a href="https://harbour.example/" rel="noopener">this</a>.</p><p>Red</p>',
    );
  });

  it('writes only what the sanitiser would write (its output is a fixed point)', () => {
    const messy =
      '<h1>Title</h1><p>a <b>b</b> <i>c</i> <span style="color:red">d</span></p><ul><li><p>x</p></li></ul>' +
      '<blockquote class="pullquote"><p>q</p></blockquote><ol start="1"><li>y</li></ol><h6>small</h6>';
    const written = paste(messy);
    expect(written).toContain('<h2>Title</h2>');
    expect(sanitizeBody(written)).toBe(written);
  });

  it('drops scripts, event handlers and javascript: links', () => {
    const hostile =
      '<p onclick="alert(1)">Hi<script>alert(2)</script><img src="x" onerror="alert(3)"></p>' +
      '<p><a href="javascript:alert(4)">click</a> <a href=" JaVaScRiPt:alert(5)">me</a> <a href="data:text/html,x">d</a></p>' +
      '<figure class="figure"><img src="javascript:alert(6)" alt="x"></figure><iframe src="javascript:alert(8)"></iframe>' +
      '<figure class="embed" data-url="javascript:alert(7)"><a href="javascript:alert(7)">e</a></figure><style>p{}</style>';
    const written = paste(hostile);
    expect(written).not.toMatch(/script|onerror|onclick|javascript|alert|iframe|data:|<img|style/i);
    expect(written).toContain('Hi');
    expect(written).toContain('click');
  });
});
