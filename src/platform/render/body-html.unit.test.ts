import { describe, expect, it } from 'vitest';
import {
  bodyText,
  embedHtml,
  embedProvider,
  escapeHtml,
  figureHtml,
  galleryHtml,
  sanitizeBody,
} from './body-html.ts';

describe('sanitizeBody', () => {
  it('keeps the blocks and inline elements of Dateline body HTML', () => {
    const html =
      '<h2>Tides</h2><h3>Morning</h3><h4>Detail</h4><p>The <strong>Gull</strong> sails at <em>six</em>,<br>' +
      'H<sub>2</sub>O, 10<sup>3</sup>, <s>five</s> <del>seven</del> <code>tide()</code> <cite>Almanac</cite></p>' +
      '<ul><li>one</li></ul><ol start="3"><li>three</li></ol><blockquote><p>Quoted</p></blockquote><hr>' +
      '<pre>  indented\n    more</pre><table><caption>Boats</caption><thead><tr><th scope="col">Boat</th></tr></thead>' +
      '<tbody><tr><td colspan="2" rowspan="1">Gull</td></tr></tbody><tfoot><tr><td>End</td></tr></tfoot></table>';
    expect(sanitizeBody(html)).toBe(
      '<h2>Tides</h2><h3>Morning</h3><h4>Detail</h4><p>The <strong>Gull</strong> sails at <em>six</em>,<br />' +
        'H<sub>2</sub>O, 10<sup>3</sup>, <s>five</s> <del>seven</del> <code>tide()</code> <cite>Almanac</cite></p>' +
        '<ul><li>one</li></ul><ol start="3"><li>three</li></ol><blockquote><p>Quoted</p></blockquote><hr />' +
        '<pre>  indented\n    more</pre><table><caption>Boats</caption><thead><tr><th scope="col">Boat</th></tr></thead>' +
        '<tbody><tr><td colspan="2" rowspan="1">Gull</td></tr></tbody><tfoot><tr><td>End</td></tr></tfoot></table>',
    );
  });

  it('renames h1, h5, h6, b, i and strike', () => {
    expect(sanitizeBody('<h1 id="t">A</h1><h5>B</h5><h6>C</h6><b>d</b><i>e</i><strike>f</strike>')).toBe(
      '<h2>A</h2><h4>B</h4><h4>C</h4><strong>d</strong><em>e</em><s>f</s>',
    );
  });

  it('unwraps div, section, article, font, span and ins, keeping their content', () => {
    const html =
      '<article><section><div class="x"><p><font color="red">Red</font> <span style="x">tide</span> ' +
      '<ins>added</ins></p></div></section></article>';
    expect(sanitizeBody(html)).toBe('<p>Red tide added</p>');
  });

  it.each([
    ['<script>alert(1)</script>'],
    ['<style>p { color: red }</style>'],
    ['<iframe src="https://video.example/x"><p>fallback</p></iframe>'],
    ['<object data="x.swf"><p>fallback</p></object>'],
    ['<embed src="x.swf">'],
    ['<form action="/x"><p>Sign up</p><input name="email"><button>Go</button></form>'],
    ['<svg><script>alert(1)</script><text>drawn</text></svg>'],
    ['<!-- a note for the subeditor -->'],
  ])('removes %s with its content', (hostile) => {
    expect(sanitizeBody(`<p>Before</p>${hostile}<p>After</p>`)).toBe('<p>Before</p><p>After</p>');
  });

  it('drops event handlers and unknown attributes', () => {
    expect(sanitizeBody('<p onclick="x()" style="color:red" class="lead" id="a">Text</p>')).toBe(
      '<p>Text</p>',
    );
    expect(sanitizeBody('<img src="/a.jpg" alt="" onerror="alert(1)" onload="x()">')).toBe(
      '<img src="/a.jpg" alt="" />',
    );
  });

  it.each([
    ['https://harbour.example/a', '<a href="https://harbour.example/a" rel="noopener">x</a>'],
    ['http://harbour.example/a', '<a href="http://harbour.example/a" rel="noopener">x</a>'],
    ['mailto:desk@harbour.example', '<a href="mailto:desk@harbour.example">x</a>'],
    ['/2019/05/ferry', '<a href="/2019/05/ferry">x</a>'],
    ['#note-1', '<a href="#note-1">x</a>'],
    ['//cdn.harbour.example/a', '<a href="https://cdn.harbour.example/a" rel="noopener">x</a>'],
    ['javascript:alert(1)', 'x'],
    ['JavaScript:alert(1)', 'x'],
    ['jav&#x09;ascript:alert(1)', 'x'],
    [' javascript:alert(1)', 'x'],
    ['data:text/html,<script>alert(1)</script>', 'x'],
    ['vbscript:x', 'x'],
    ['/\\evil.example', 'x'],
    ['relative/path', 'x'],
  ])('a link to %s', (href, expected) => {
    expect(sanitizeBody(`<a href="${href.replace(/"/g, '&quot;')}" target="_blank" rel="opener">x</a>`)).toBe(
      expected,
    );
  });

  it('keeps image attributes that check out, and drops an image without a usable address', () => {
    const html =
      '<img src="https://img.example/a.jpg" srcset="/a-640.jpg 640w, /a.jpg 1280w" sizes="100vw" width="640" ' +
      'height="427" alt="Gulls" loading="lazy" decoding="async" class="wp-image-3" title="t">';
    expect(sanitizeBody(html)).toBe(
      '<img src="https://img.example/a.jpg" srcset="/a-640.jpg 640w, /a.jpg 1280w" sizes="100vw" width="640" ' +
        'height="427" alt="Gulls" loading="lazy" decoding="async" />',
    );
    expect(sanitizeBody('<img src="/a.jpg" width="100%" height="x" loading="soon" alt="A">')).toBe(
      '<img src="/a.jpg" alt="A" />',
    );
    expect(sanitizeBody('<img src="/a.jpg" srcset="/a.jpg 1x, javascript:alert(1) 2x" alt="">')).toBe(
      '<img src="/a.jpg" alt="" />',
    );
    expect(
      sanitizeBody('<p>a<img src="data:image/png;base64,AAAA" alt="x">b<img src="javascript:x">c</p>'),
    ).toBe('<p>abc</p>');
  });

  it('keeps only the Dateline classes and embed data', () => {
    expect(sanitizeBody('<figure class="wp-block-image figure"><figcaption>C</figcaption></figure>')).toBe(
      '<figure class="figure"><figcaption>C</figcaption></figure>',
    );
    expect(
      sanitizeBody('<figure class="alignwide">x</figure><blockquote class="pullquote big">q</blockquote>'),
    ).toBe('<figure>x</figure><blockquote class="pullquote">q</blockquote>');
    expect(sanitizeBody('<blockquote class="wp-block-quote">q</blockquote>')).toBe(
      '<blockquote>q</blockquote>',
    );
    expect(
      sanitizeBody(
        '<figure class="embed" data-provider="Flash" data-url="javascript:alert(1)" data-x="1"><a href="https://a.example/">a</a></figure>',
      ),
    ).toBe('<figure class="embed"><a href="https://a.example/" rel="noopener">a</a></figure>');
  });

  it('escapes text', () => {
    expect(sanitizeBody('<p>1 &lt; 2 &amp; &lt;script&gt;</p>')).toBe('<p>1 &lt; 2 &amp; &lt;script&gt;</p>');
  });

  it('leaves the helpers’ output as it is, bar the void-element slash and rel', () => {
    const figure = figureHtml(
      { src: '/a.jpg', srcset: '/a-640.jpg 640w', width: 640, height: 427, alt: 'A' },
      'Cap',
    );
    expect(sanitizeBody(figure)).toBe(figure.replace('decoding="async">', 'decoding="async" />'));
    const gallery = galleryHtml([{ src: '/a.jpg', alt: 'A' }], 'Set');
    expect(sanitizeBody(gallery)).toBe(gallery.replace('decoding="async">', 'decoding="async" />'));
    const embed = embedHtml('https://vimeo.com/123');
    expect(sanitizeBody(embed)).toBe(embed.replace('<a href="https://vimeo.com/123"', '$& rel="noopener"'));
  });
});

describe('bodyText', () => {
  it('puts each block on a line of its own, with entities decoded and spaces collapsed', () => {
    const html =
      '<h2>Ferry   news</h2><p>Boats &amp; <em>tides</em><br>again</p><ul><li>One</li><li>Two</li></ul>' +
      '<table><tr><td>Gull</td><td>06:10</td></tr></table><figure class="figure"><img src="/a.jpg" alt="Alt text">' +
      '<figcaption>The pier</figcaption></figure><script>hidden()</script>';
    expect(bodyText(html)).toBe('Ferry news\nBoats & tides\nagain\nOne\nTwo\nGull 06:10\nThe pier');
  });

  it('is empty for an empty body', () => {
    expect(bodyText('')).toBe('');
    expect(bodyText('<p> </p>')).toBe('');
  });
});

describe('figureHtml, galleryHtml and embedHtml', () => {
  it('write a figure, escaping every value', () => {
    expect(
      figureHtml(
        { src: '/a".jpg', srcset: '/a-640.jpg 640w', width: 640, height: 427, alt: 'Gulls <& "terns">' },
        { text: 'Dawn at the <pier>', credit: 'Ana Reyes & Co' },
      ),
    ).toBe(
      '<figure class="figure"><img src="/a&quot;.jpg" srcset="/a-640.jpg 640w" sizes="(min-width: 48rem) 42rem, 100vw" ' +
        'width="640" height="427" alt="Gulls &lt;&amp; &quot;terns&quot;&gt;" loading="lazy" decoding="async">' +
        '<figcaption>Dawn at the &lt;pier&gt; <cite>Ana Reyes &amp; Co</cite></figcaption></figure>',
    );
  });

  it('writes a figure without a caption, and one whose caption is HTML for the sanitiser', () => {
    expect(figureHtml({ src: '/a.jpg', alt: '' })).toBe(
      '<figure class="figure"><img src="/a.jpg" alt="" loading="lazy" decoding="async"></figure>',
    );
    expect(figureHtml({ src: '/a.jpg', alt: '' }, { html: 'By <em>boat</em>' })).toContain(
      '<figcaption>By <em>boat</em></figcaption>',
    );
  });

  it('writes a gallery', () => {
    expect(
      galleryHtml(
        [
          { src: '/a.jpg', alt: 'A' },
          { src: '/b.jpg', alt: 'B' },
        ],
        'Regatta & races',
      ),
    ).toBe(
      '<figure class="gallery"><ul><li><img src="/a.jpg" alt="A" loading="lazy" decoding="async"></li>' +
        '<li><img src="/b.jpg" alt="B" loading="lazy" decoding="async"></li></ul>' +
        '<figcaption>Regatta &amp; races</figcaption></figure>',
    );
  });

  it.each([
    ['https://www.youtube.com/watch?v=abc', 'YouTube'],
    ['https://youtu.be/abc', 'YouTube'],
    ['https://m.youtube.com/watch?v=abc', 'YouTube'],
    ['https://vimeo.com/123', 'Vimeo'],
    ['https://bsky.app/profile/harbour.example/post/3k', 'Bluesky'],
    ['https://mastodon.social/@harbourgazette/112233445566', 'Mastodon'],
    ['https://toot.harbour.example/@desk/42', 'Mastodon'],
    ['https://harbour.example/@desk/about', 'link'],
    ['https://notyoutube.com/watch', 'link'],
    ['https://harbour.example/story', 'link'],
  ])('%s is a %s embed', (url, provider) => {
    expect(embedProvider(url)).toBe(provider);
  });

  it('writes an embed as a link card, escaping the address', () => {
    expect(embedHtml('https://www.youtube.com/watch?v=a"b&t=1')).toBe(
      '<figure class="embed" data-provider="YouTube" data-url="https://www.youtube.com/watch?v=a&quot;b&amp;t=1">' +
        '<a href="https://www.youtube.com/watch?v=a&quot;b&amp;t=1">YouTube: https://www.youtube.com/watch?v=a&quot;b&amp;t=1</a></figure>',
    );
    expect(embedHtml('https://harbour.example/story', 'A caption')).toBe(
      '<figure class="embed" data-provider="link" data-url="https://harbour.example/story">' +
        '<a href="https://harbour.example/story">https://harbour.example/story</a><figcaption>A caption</figcaption></figure>',
    );
  });

  it('does not link an address that is not http(s)', () => {
    expect(embedHtml('javascript:alert("x")')).toBe('<p>javascript:alert(&quot;x&quot;)</p>');
  });

  it('escapes text', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
