import { describe, expect, it } from 'vitest';
import { sanitizeBody } from '../../platform/render/body-html.ts';
import {
  type ConvertOptions,
  type MediaResolver,
  type ResolvedImage,
  commentText,
  convertContent,
} from './content.ts';

// The Harbour Gazette's media library, as the importer would hand it over.
const SITE = 'https://harbourgazette.example';
const LIBRARY: Record<string, number> = { pier: 11, ferry: 12, gull: 13, lighthouse: 14, regatta: 15 };

function image(name: string): ResolvedImage {
  return {
    src: `/media/2019/05/${name}.jpg`,
    srcset: `/media/2019/05/${name}-640.jpg 640w, /media/2019/05/${name}.jpg 1600w`,
    width: 1600,
    height: 1067,
    alt: `Library alt for ${name}`,
    caption: '',
  };
}

const media: MediaResolver = {
  byUrl(url) {
    // Knows the original and WordPress's resized copies (pier-300x200.jpg), absolute on the site or relative.
    const match =
      /^(?:https:\/\/harbourgazette\.example)?\/wp-content\/uploads\/2019\/05\/([a-z]+)(?:-\d+x\d+)?\.jpg$/.exec(
        url,
      );
    return match?.[1] && match[1] in LIBRARY ? image(match[1]) : undefined;
  },
  byId(id) {
    const name = Object.keys(LIBRARY).find((key) => LIBRARY[key] === id);
    return name ? image(name) : undefined;
  },
  childrenOf: (postId) => (postId === 42 ? [image('regatta'), image('gull')] : []),
};

const options: ConvertOptions = { postId: 42, media, siteUrl: SITE };
const convert = (raw: string) => convertContent(raw, options);
const upload = (file: string) => `${SITE}/wp-content/uploads/2019/05/${file}`;
const figureOf = (name: string, alt: string) =>
  `<img src="/media/2019/05/${name}.jpg" srcset="/media/2019/05/${name}-640.jpg 640w, /media/2019/05/${name}.jpg 1600w" ` +
  `sizes="(min-width: 48rem) 42rem, 100vw" width="1600" height="1067" alt="${alt}" loading="lazy" decoding="async" />`;

describe('convertContent: blocks', () => {
  it('keeps paragraphs, headings, lists with nested items and quotes', () => {
    const raw = `<!-- wp:paragraph -->
<p>The ferry timetable changes on <strong>Monday</strong>.</p>
<!-- /wp:paragraph -->

<!-- wp:heading {"level":1} -->
<h1 class="wp-block-heading">Council votes for earlier boats</h1>
<!-- /wp:heading -->

<!-- wp:core/heading {"level":3} -->
<h3 class="wp-block-heading">What changes</h3>
<!-- /wp:core/heading -->

<!-- wp:list -->
<ul class="wp-block-list"><!-- wp:list-item -->
<li>Early boats<!-- wp:list {"ordered":true} -->
<ol class="wp-block-list"><!-- wp:list-item -->
<li>06:10 from the north quay</li>
<!-- /wp:list-item --></ol>
<!-- /wp:list --></li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>We listened to the commuters.</p>
<!-- /wp:paragraph --><cite>The harbour master</cite></blockquote>
<!-- /wp:quote -->`;
    const result = convert(raw);
    expect(result.html).toBe(
      '<p>The ferry timetable changes on <strong>Monday</strong>.</p>\n' +
        '<h2>Council votes for earlier boats</h2>\n' +
        '<h3>What changes</h3>\n' +
        '<ul>\n<li>Early boats\n<ol>\n<li>06:10 from the north quay</li>\n</ol>\n</li>\n</ul>\n' +
        '<blockquote>\n<p>We listened to the commuters.</p>\n<cite>The harbour master</cite></blockquote>',
    );
    expect(result.unknownBlocks).toEqual([]);
    expect(result.teaser).toBeNull();
    expect(result.nextpage).toBe(false);
  });

  it('makes a pullquote a blockquote of class pullquote', () => {
    const raw = `<!-- wp:pullquote -->
<figure class="wp-block-pullquote"><blockquote><p>Nobody likes a late ferry.</p><cite>A commuter</cite></blockquote></figure>
<!-- /wp:pullquote -->`;
    expect(convert(raw).html).toBe(
      '<blockquote class="pullquote"><p>Nobody likes a late ferry.</p><cite>A commuter</cite></blockquote>',
    );
  });

  it('makes an image block a figure, looked up by its id, keeping the alt and the caption', () => {
    const raw = `<!-- wp:image {"id":11,"sizeSlug":"large"} -->
<figure class="wp-block-image size-large"><img src="https://old-cdn.example/renamed-1024x683.jpg" alt="The new pontoon" class="wp-image-11"/><figcaption class="wp-element-caption">The pontoon in <em>May</em></figcaption></figure>
<!-- /wp:image -->`;
    const result = convert(raw);
    expect(result.html).toBe(
      `<figure class="figure">${figureOf('pier', 'The new pontoon')}<figcaption>The pontoon in <em>May</em></figcaption></figure>`,
    );
    expect(result.missingImages).toEqual([]);
  });

  it('looks an image block up by its address when it has no id, and takes the library alt when the post has none', () => {
    const raw = `<!-- wp:image -->
<figure class="wp-block-image"><img src="${upload('ferry-300x200.jpg')}" alt=""/></figure>
<!-- /wp:image -->`;
    expect(convert(raw).html).toBe(
      `<figure class="figure">${figureOf('ferry', 'Library alt for ferry')}</figure>`,
    );
  });

  it('makes a gallery of inner image blocks (the current form) with its caption', () => {
    const raw = `<!-- wp:gallery {"linkTo":"none"} -->
<figure class="wp-block-gallery has-nested-images"><!-- wp:image {"id":13} -->
<figure class="wp-block-image"><img src="${upload('gull.jpg')}" alt="" class="wp-image-13"/><figcaption>Not the gallery caption</figcaption></figure>
<!-- /wp:image -->

<!-- wp:image {"id":14} -->
<figure class="wp-block-image"><img src="${upload('lighthouse.jpg')}" alt="The lamp room" class="wp-image-14"/></figure>
<!-- /wp:image --><figcaption class="blocks-gallery-caption wp-element-caption">Along the <em>breakwater</em></figcaption></figure>
<!-- /wp:gallery -->`;
    expect(convert(raw).html).toBe(
      `<figure class="gallery"><ul><li>${figureOf('gull', 'Library alt for gull')}</li>` +
        `<li>${figureOf('lighthouse', 'The lamp room')}</li></ul>` +
        '<figcaption>Along the <em>breakwater</em></figcaption></figure>',
    );
  });

  it('makes a gallery of the older form, with ids in its attributes', () => {
    const raw = `<!-- wp:gallery {"ids":[11,12],"columns":2} -->
<figure class="wp-block-gallery columns-2"><ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure><img src="${upload('pier-768x512.jpg')}" alt="" data-id="11"/><figcaption class="blocks-gallery-item__caption">One</figcaption></figure></li><li class="blocks-gallery-item"><figure><img src="${upload('ferry.jpg')}" alt="" data-id="12"/></figure></li></ul><figcaption class="blocks-gallery-caption">Two views of the quay</figcaption></figure>
<!-- /wp:gallery -->`;
    expect(convert(raw).html).toBe(
      `<figure class="gallery"><ul><li>${figureOf('pier', 'Library alt for pier')}</li>` +
        `<li>${figureOf('ferry', 'Library alt for ferry')}</li></ul><figcaption>Two views of the quay</figcaption></figure>`,
    );
  });

  it('does not take an image’s own caption for the caption of an older gallery', () => {
    const raw = `<!-- wp:gallery {"ids":[13]} -->
<figure class="wp-block-gallery"><ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure><img src="${upload('gull.jpg')}" alt="" data-id="13"/><figcaption class="blocks-gallery-item__caption">Just the gull</figcaption></figure></li></ul></figure>
<!-- /wp:gallery -->`;
    expect(convert(raw).html).toBe(
      `<figure class="gallery"><ul><li>${figureOf('gull', 'Library alt for gull')}</li></ul></figure>`,
    );
  });

  it('makes embed blocks, old and new, link cards', () => {
    const raw = `<!-- wp:embed {"url":"https://www.youtube.com/watch?v=h4rb0ur","type":"video","providerNameSlug":"youtube"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=h4rb0ur
</div><figcaption class="wp-element-caption">The harbour at night</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:core-embed/vimeo {"url":"https://vimeo.com/76979871","type":"video"} -->
<figure class="wp-block-embed-vimeo"><div class="wp-block-embed__wrapper">
https://vimeo.com/76979871
</div></figure>
<!-- /wp:core-embed/vimeo -->`;
    const { html } = convert(raw);
    expect(html).toBe(
      '<figure class="embed" data-provider="YouTube" data-url="https://www.youtube.com/watch?v=h4rb0ur">' +
        '<a href="https://www.youtube.com/watch?v=h4rb0ur" rel="noopener">YouTube: https://www.youtube.com/watch?v=h4rb0ur</a>' +
        '<figcaption>The harbour at night</figcaption></figure>\n' +
        '<figure class="embed" data-provider="Vimeo" data-url="https://vimeo.com/76979871">' +
        '<a href="https://vimeo.com/76979871" rel="noopener">Vimeo: https://vimeo.com/76979871</a></figure>',
    );
    expect(html).not.toContain('iframe');
  });

  it('keeps tables (the caption moved into the table), separators, code and preformatted text', () => {
    const raw = `<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Boat</th><th>Leaves</th></tr></thead><tbody><tr><td>Gull</td><td>06:10</td></tr></tbody></table><figcaption>Summer timetable</figcaption></figure>
<!-- /wp:table -->

<!-- wp:separator -->
<hr class="wp-block-separator has-alpha-channel-opacity"/>
<!-- /wp:separator -->

<!-- wp:code -->
<pre class="wp-block-code"><code>if (late) {
  apologise(); // [gallery] stays text here
}</code></pre>
<!-- /wp:code -->

<!-- wp:preformatted -->
<pre class="wp-block-preformatted">High tide   06:10

Low tide    12:24</pre>
<!-- /wp:preformatted -->`;
    expect(convert(raw).html).toBe(
      '<table><caption>Summer timetable</caption><thead><tr><th>Boat</th><th>Leaves</th></tr></thead>' +
        '<tbody><tr><td>Gull</td><td>06:10</td></tr></tbody></table>\n<hr />\n' +
        '<pre><code>if (late) {\n  apologise(); // [gallery] stays text here\n}</code></pre>\n' +
        '<pre>High tide   06:10\n\nLow tide    12:24</pre>',
    );
  });

  it('sanitises an HTML block, and gives freeform and shortcode blocks their paragraphs', () => {
    const raw = `<!-- wp:html -->
<div class="notice"><p>Road <span style="color:red">closed</span></p><script>track()</script></div>
<!-- /wp:html -->

<!-- wp:freeform -->
Classic words.

More classic words.
<!-- /wp:freeform -->

<!-- wp:shortcode -->
[gallery ids="15"]
<!-- /wp:shortcode -->`;
    expect(convert(raw).html).toBe(
      '<p>Road closed</p>\n<p>Classic words.</p>\n<p>More classic words.</p>\n' +
        `<figure class="gallery"><ul><li>${figureOf('regatta', 'Library alt for regatta')}</li></ul></figure>`,
    );
  });

  it('flattens layout blocks to what they hold, drops spacers, and keeps cover and media-and-text images', () => {
    const raw = `<!-- wp:columns -->
<div class="wp-block-columns"><!-- wp:column -->
<div class="wp-block-column"><!-- wp:group {"layout":{"type":"constrained"}} -->
<div class="wp-block-group"><!-- wp:paragraph -->
<p>Left, in a group</p>
<!-- /wp:paragraph --></div>
<!-- /wp:group --></div>
<!-- /wp:column -->

<!-- wp:column -->
<div class="wp-block-column"><!-- wp:paragraph -->
<p>Right</p>
<!-- /wp:paragraph --></div>
<!-- /wp:column --></div>
<!-- /wp:columns -->

<!-- wp:spacer {"height":"40px"} -->
<div style="height:40px" aria-hidden="true" class="wp-block-spacer"></div>
<!-- /wp:spacer -->

<!-- wp:cover {"url":"${upload('lighthouse.jpg')}","id":14,"dimRatio":50} -->
<div class="wp-block-cover"><span aria-hidden="true" class="wp-block-cover__background"></span><img class="wp-block-cover__image-background wp-image-14" alt="" src="${upload('lighthouse.jpg')}"/><div class="wp-block-cover__inner-container"><!-- wp:paragraph {"align":"center"} -->
<p class="has-text-align-center">Over the cover</p>
<!-- /wp:paragraph --></div></div>
<!-- /wp:cover -->

<!-- wp:media-text {"mediaId":12,"mediaType":"image"} -->
<div class="wp-block-media-text"><figure class="wp-block-media-text__media"><img src="${upload('ferry.jpg')}" alt="The Gull at the quay" class="wp-image-12 size-full"/></figure><div class="wp-block-media-text__content"><!-- wp:paragraph -->
<p>Beside the picture</p>
<!-- /wp:paragraph --></div></div>
<!-- /wp:media-text -->

<!-- wp:buttons -->
<div class="wp-block-buttons"><!-- wp:button -->
<div class="wp-block-button"><a class="wp-block-button__link wp-element-button" href="/subscribe">Subscribe to the Gazette</a></div>
<!-- /wp:button --></div>
<!-- /wp:buttons -->`;
    expect(convert(raw).html).toBe(
      '<p>Left, in a group</p>\n<p>Right</p>\n' +
        `<figure class="figure">${figureOf('lighthouse', 'Library alt for lighthouse')}</figure>\n<p>Over the cover</p>\n` +
        `<figure class="figure">${figureOf('ferry', 'The Gull at the quay')}</figure>\n<p>Beside the picture</p>\n` +
        '<p><a href="/subscribe">Subscribe to the Gazette</a></p>',
    );
  });

  it('links to video, audio and other files', () => {
    const raw = `<!-- wp:video {"id":30} -->
<figure class="wp-block-video"><video controls src="${upload('launch.mp4')}"></video><figcaption>The launch</figcaption></figure>
<!-- /wp:video -->

<!-- wp:audio {"id":31} -->
<figure class="wp-block-audio"><audio controls src="/wp-content/uploads/2019/05/foghorn.mp3"></audio></figure>
<!-- /wp:audio -->

<!-- wp:file {"id":32,"href":"${upload('minutes.pdf')}"} -->
<div class="wp-block-file"><a href="${upload('minutes.pdf')}">Council minutes</a><a href="${upload('minutes.pdf')}" class="wp-block-file__button" download>Download</a></div>
<!-- /wp:file -->`;
    const result = convert(raw);
    expect(result.html).toBe(
      `<p><a href="${upload('launch.mp4')}" rel="noopener">Video: The launch</a></p>\n` +
        `<p><a href="${upload('foghorn.mp3')}" rel="noopener">Audio: foghorn.mp3</a></p>\n` +
        `<p><a href="${upload('minutes.pdf')}" rel="noopener">Council minutes</a></p>`,
    );
    expect(result.html).not.toMatch(/<video|<audio/);
  });

  it('keeps the inner HTML of blocks it does not know, sanitised, and reports them once', () => {
    const raw = String.raw`<!-- wp:latest-posts {"postsToShow":3} /-->

<!-- wp:gazette/tide-table {"port":"North quay","note":"high \u002d\u002d> low"} -->
<div class="tide-table" onclick="x()"><p>High water 06:10</p></div>
<!-- /wp:gazette/tide-table -->

<!-- wp:gazette/tide-table {"port":"South quay"} -->
<div class="tide-table"><p>High water 06:40</p></div>
<!-- /wp:gazette/tide-table -->`;
    const result = convert(raw);
    expect(result.html).toBe('<p>High water 06:10</p>\n<p>High water 06:40</p>');
    expect(result.unknownBlocks).toEqual(['core/latest-posts', 'gazette/tide-table']);
  });

  it('joins the pages of a post with page breaks', () => {
    const raw = `<!-- wp:paragraph -->
<p>Page one.</p>
<!-- /wp:paragraph -->

<!-- wp:nextpage -->
<!--nextpage-->
<!-- /wp:nextpage -->

<!-- wp:paragraph -->
<p>Page two.</p>
<!-- /wp:paragraph -->`;
    const result = convert(raw);
    expect(result.html).toBe('<p>Page one.</p>\n<p>Page two.</p>');
    expect(result.nextpage).toBe(true);
    expect(convert('One.\n<!--nextpage-->\nTwo.')).toMatchObject({
      html: '<p>One.</p>\n<p>Two.</p>',
      nextpage: true,
    });
  });

  it('reads blocks leniently when they are badly nested', () => {
    const raw = `<!-- wp:group --><div><!-- wp:paragraph --><p>Never closed</p><!-- /wp:group -->
<!-- /wp:quote --><!-- wp:paragraph --><p>After</p>`;
    expect(convert(raw).html).toBe('<p>Never closed</p>\n<p>After</p>');
  });
});

describe('convertContent: classic posts', () => {
  it('makes paragraphs and line breaks, and leaves block elements and pre alone', () => {
    const raw = `The harbour board met on Tuesday.
It sat until late.

<h2>The vote</h2>
Seven for, two against.
<ul>
<li>Earlier boats</li>
<li>A second
gangway</li>
</ul>
<blockquote>First quoted paragraph.

Second quoted paragraph.</blockquote>
<pre>  tide   06:10

  tide   18:32</pre>
<table>
<tr><td>Gull</td></tr>
</table>`;
    expect(convert(raw).html).toBe(
      '<p>The harbour board met on Tuesday.<br />\nIt sat until late.</p>\n' +
        '<h2>The vote</h2>\n<p>Seven for, two against.</p>\n' +
        '<ul><li>Earlier boats</li>\n<li>A second<br />\ngangway</li>\n</ul>\n' +
        '<blockquote><p>First quoted paragraph.</p>\n<p>Second quoted paragraph.</p>\n</blockquote>\n' +
        '<pre>  tide   06:10\n\n  tide   18:32</pre>\n' +
        '<table><tr><td>Gull</td>\n</tr>\n</table>',
    );
  });

  it('makes an address alone on its line an embed, and leaves one in a sentence alone', () => {
    const raw = `Watch the launch:

https://youtu.be/h4rb0ur

Or read https://harbourgazette.example/launch for more.
https://mastodon.social/@harbourgazette/112233445566`;
    expect(convert(raw).html).toBe(
      '<p>Watch the launch:</p>\n' +
        '<figure class="embed" data-provider="YouTube" data-url="https://youtu.be/h4rb0ur">' +
        '<a href="https://youtu.be/h4rb0ur" rel="noopener">YouTube: https://youtu.be/h4rb0ur</a></figure>\n' +
        '<p>Or read https://harbourgazette.example/launch for more.</p>\n' +
        '<figure class="embed" data-provider="Mastodon" data-url="https://mastodon.social/@harbourgazette/112233445566">' +
        '<a href="https://mastodon.social/@harbourgazette/112233445566" rel="noopener">' +
        'Mastodon: https://mastodon.social/@harbourgazette/112233445566</a></figure>',
    );
  });
});

describe('convertContent: shortcodes', () => {
  it('makes a caption a figure, the link around the image dropped', () => {
    const raw = `[caption id="attachment_11" align="alignnone" width="300"]<a href="${upload('pier.jpg')}"><img class="size-medium wp-image-11" src="${upload('pier-300x200.jpg')}" alt="The pier at dawn" width="300" height="200" /></a> Fishing boats <em>return</em> at first light[/caption]`;
    expect(convert(raw).html).toBe(
      `<figure class="figure">${figureOf('pier', 'The pier at dawn')}` +
        '<figcaption>Fishing boats <em>return</em> at first light</figcaption></figure>',
    );
  });

  it('makes a gallery of its ids, or of the images attached to the post', () => {
    expect(convert('[gallery ids="12,99,13" columns="2"]').html).toBe(
      `<figure class="gallery"><ul><li>${figureOf('ferry', 'Library alt for ferry')}</li>` +
        `<li>${figureOf('gull', 'Library alt for gull')}</li></ul></figure>`,
    );
    expect(convert('Before.\n\n[gallery]\n\nAfter.').html).toBe(
      '<p>Before.</p>\n' +
        `<figure class="gallery"><ul><li>${figureOf('regatta', 'Library alt for regatta')}</li>` +
        `<li>${figureOf('gull', 'Library alt for gull')}</li></ul></figure>\n<p>After.</p>`,
    );
  });

  it('makes an embed a link card, and audio and video links to the file', () => {
    const raw = `[embed]https://bsky.app/profile/harbourgazette.example/post/3kx[/embed]
[audio mp3="/wp-content/uploads/2019/05/foghorn.mp3"][/audio]
[video width="640" height="360" mp4="${upload('launch.mp4')}"][/video]`;
    expect(convert(raw).html).toBe(
      '<figure class="embed" data-provider="Bluesky" data-url="https://bsky.app/profile/harbourgazette.example/post/3kx">' +
        '<a href="https://bsky.app/profile/harbourgazette.example/post/3kx" rel="noopener">' +
        'Bluesky: https://bsky.app/profile/harbourgazette.example/post/3kx</a></figure>\n' +
        `<p><a href="${upload('foghorn.mp3')}" rel="noopener">Audio: foghorn.mp3</a></p>\n` +
        `<p><a href="${upload('launch.mp4')}" rel="noopener">Video: launch.mp4</a></p>`,
    );
  });

  it('writes an escaped shortcode as literal text', () => {
    const result = convert('Type [[gallery]] to show photos, or [[caption]text[/caption]] for one.');
    expect(result.html).toBe('<p>Type [gallery] to show photos, or [caption]text[/caption] for one.</p>');
    expect(result.unknownShortcodes).toEqual([]);
  });

  it('leaves unknown shortcodes as written and reports the ones that look like shortcodes', () => {
    const raw = `The mayor said the plan was [sic] "sound" [Updated at 5pm].
[contact-form-7 id="12" title="Letters"]

[toc]

[pullout]Fares rise in June[/pullout] and [pullout]again[/pullout]`;
    const result = convert(raw);
    expect(result.html).toBe(
      '<p>The mayor said the plan was [sic] "sound" [Updated at 5pm].<br />\n[contact-form-7 id="12" title="Letters"]</p>\n' +
        '<p>[toc]</p>\n<p>[pullout]Fares rise in June[/pullout] and [pullout]again[/pullout]</p>',
    );
    expect(result.unknownShortcodes).toEqual(['contact-form-7', 'toc', 'pullout']);
  });

  it('expands shortcodes inside an unknown one, but not inside tags or code', () => {
    const raw = `[column]
[gallery ids="13"]
[/column]
<a title="[gallery]" href="/x">link</a> <code>[gallery]</code>`;
    const result = convert(raw);
    expect(result.html).toBe(
      '<p>[column]</p>\n' +
        `<figure class="gallery"><ul><li>${figureOf('gull', 'Library alt for gull')}</li></ul></figure>\n` +
        '<p>[/column]<br />\n<a href="/x">link</a> <code>[gallery]</code></p>',
    );
    expect(result.unknownShortcodes).toEqual(['column']);
  });
});

describe('convertContent: the more tag', () => {
  it('makes the text before it the teaser, and keeps the whole story', () => {
    const raw = `[caption id="attachment_11"]<img src="${upload('pier.jpg')}" alt="" /> Caption words[/caption]

The ferry will leave <em>earlier</em> from June.

<!--more Keep reading-->

The board also approved a second gangway.`;
    const result = convert(raw);
    expect(result.teaser).toBe('The ferry will leave earlier from June.');
    expect(result.html).toContain(
      '<p>The ferry will leave <em>earlier</em> from June.</p>\n<p>The board also approved',
    );
    expect(result.html).not.toContain('more');
  });

  it('works in the middle of a paragraph and in a more block', () => {
    expect(convert('Short lead<!--more--> and the rest.')).toMatchObject({
      teaser: 'Short lead',
      html: '<p>Short lead and the rest.</p>',
    });
    const block = `<!-- wp:paragraph -->\n<p>Lead.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n<!-- wp:paragraph -->\n<p>Rest.</p>\n<!-- /wp:paragraph -->`;
    expect(convert(block)).toMatchObject({ teaser: 'Lead.', html: '<p>Lead.</p>\n<p>Rest.</p>' });
  });
});

describe('convertContent: the original source', () => {
  it('takes a closing "Original Source" paragraph out of the body', () => {
    const raw = `The Gull was towed back to port.

Original Source: <a href="https://wire.example/gull-towed">Coastal Wire</a>`;
    expect(convert(raw)).toMatchObject({
      html: '<p>The Gull was towed back to port.</p>',
      source: { name: 'Coastal Wire', url: 'https://wire.example/gull-towed' },
    });
    const block = `<!-- wp:paragraph -->\n<p>Story.</p>\n<!-- /wp:paragraph -->\n<!-- wp:paragraph -->\n<p><strong>original source:</strong> <a href="https://wire.example/x">Coastal Wire</a></p>\n<!-- /wp:paragraph -->`;
    expect(convert(block)).toMatchObject({
      html: '<p>Story.</p>',
      source: { name: 'Coastal Wire', url: 'https://wire.example/x' },
    });
  });

  it('leaves it when it is not the last paragraph, or says more than the source', () => {
    const notLast = `Original Source: <a href="https://wire.example/x">Coastal Wire</a>\n\nMore reporting followed.`;
    expect(convert(notLast).source).toBeNull();
    expect(convert(notLast).html).toContain('Original Source:');
    const more = `Story.\n\nOriginal Source: <a href="https://wire.example/x">Coastal Wire</a>, with our reporting`;
    expect(convert(more).source).toBeNull();
  });
});

describe('convertContent: images', () => {
  it('rewrites a known image, a resized copy and a relative address, ignoring WordPress’s srcset', () => {
    const raw = `<img src="${upload('gull.jpg')}" alt="A gull on the rail" srcset="${upload('gull-300x200.jpg')} 300w" sizes="300px" class="alignleft" />

<img src="${upload('ferry-300x200.jpg')}" alt="" width="300" height="200" />

<img src="/wp-content/uploads/2019/05/lighthouse-1024x683.jpg" alt="The lamp" />`;
    const result = convert(raw);
    expect(result.html).toBe(
      `<p>${figureOf('gull', 'A gull on the rail')}</p>\n<p>${figureOf('ferry', 'Library alt for ferry')}</p>\n` +
        `<p>${figureOf('lighthouse', 'The lamp')}</p>`,
    );
    expect(result.missingImages).toEqual([]);
  });

  it('points a link to a known full-size upload at the library copy', () => {
    const raw = `<a href="${upload('pier.jpg')}"><img src="${upload('pier-300x200.jpg')}" alt="Pier" /></a>`;
    expect(convert(raw).html).toBe(
      `<p><a href="/media/2019/05/pier.jpg">${figureOf('pier', 'Pier')}</a></p>`,
    );
  });

  it('lists unknown uploads and leaves them where they were, made absolute', () => {
    const raw = `<a href="/wp-content/uploads/2019/05/lost.jpg"><img src="/wp-content/uploads/2019/05/lost-300x200.jpg" alt="Lost" srcset="/wp-content/uploads/2019/05/lost-600x400.jpg 600w" /></a>
<img src="${upload('stray.png')}" alt="Stray" />
<img src="https://photos.example/elsewhere.jpg" alt="Elsewhere" />`;
    const result = convert(raw);
    expect(result.html).toBe(
      `<p><a href="${upload('lost.jpg')}" rel="noopener"><img src="${upload('lost-300x200.jpg')}" alt="Lost" loading="lazy" decoding="async" /></a><br />\n` +
        `<img src="${upload('stray.png')}" alt="Stray" loading="lazy" decoding="async" /><br />\n` +
        '<img src="https://photos.example/elsewhere.jpg" alt="Elsewhere" loading="lazy" decoding="async" /></p>',
    );
    expect(result.missingImages).toEqual([upload('lost-300x200.jpg'), upload('stray.png')]);
  });
});

describe('convertContent: hostile HTML', () => {
  it('removes scripts, handlers, javascript: links and iframes from a body', () => {
    const raw = `<p onmouseover="steal()">Hello <a href="javascript:alert(1)">readers</a></p>
<script>document.cookie</script>
<img src="/x.jpg" onerror="alert(1)" alt="">
<iframe src="https://evil.example/frame"></iframe>
<style>body { display: none }</style>
<!-- wp:html --><object data="x.swf"></object><a href=" JaVaScRiPt:alert(1)">two</a><!-- /wp:html -->`;
    const { html } = convert(raw);
    expect(html).toBe(
      '<p>Hello readers</p>\n<p><img src="/x.jpg" alt="" loading="lazy" decoding="async" /></p>\ntwo',
    );
    expect(html).not.toMatch(/script|onerror|onmouseover|iframe|object|style|javascript/i);
  });

  it('returns sanitised HTML: sanitising it again changes nothing', () => {
    const raw = `Classic <b>bold</b> text\n\n[caption]<img src="${upload('pier.jpg')}" alt="" /> Cap[/caption]\n\n<div><span>Inside</span></div>`;
    const { html } = convert(raw);
    expect(sanitizeBody(html)).toBe(html);
  });
});

describe('commentText', () => {
  it('shows any other tag as text, so it never runs', () => {
    expect(commentText('Nice piece <script>alert(1)</script>')).toBe('Nice piece <script>alert(1)</script>');
    expect(commentText('<img src=x onerror="alert(1)"><iframe src="https://evil.example"></iframe>')).toBe(
      '<img src=x onerror="alert(1)"><iframe src="https://evil.example"></iframe>',
    );
  });

  it('keeps the text of allowed tags, and the address of a link after its text', () => {
    expect(
      commentText(
        'I <strong>agree</strong> with <em>most</em> of <a href="https://harbour.example/letters?a=1&amp;b=2" rel="nofollow">the letters page</a>. ' +
          'See <a href="https://harbour.example/faq">https://harbour.example/faq</a>, <q>quoted</q> <code>x</code> <del>no</del>',
      ),
    ).toBe(
      'I agree with most of the letters page (https://harbour.example/letters?a=1&b=2). See https://harbour.example/faq, quoted x no',
    );
  });

  it('makes paragraphs and line breaks newlines, decodes entities and trims', () => {
    expect(
      commentText(
        '<p>First &amp; foremost,</p>\n<p>second line<br />third line</p>\n\n\n\nLast &lt;3 &#8212; Ana  \n',
      ),
    ).toBe('First & foremost,\n\nsecond line\nthird line\n\nLast <3 — Ana');
  });
});
