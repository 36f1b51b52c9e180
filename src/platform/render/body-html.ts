import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import { BODY_IMAGE_SIZES, EMBED_PROVIDERS, embedProvider, safeImageUrl, safeLinkUrl } from './body-urls.ts';

// The address rules live in their own file, which the newsroom's editor bundles for the browser too.
export {
  EMBED_PROVIDERS,
  embedProvider,
  safeImageUrl,
  safeLinkUrl,
  type EmbedProvider,
} from './body-urls.ts';

/**
 * Dateline body HTML: the HTML form of an article's or a page's body (`body_format = 'html'`).
 *
 * It is a small, closed subset of HTML. Blocks: p, h2, h3, h4, ul, ol, li, blockquote, figure,
 * figcaption, img, table (thead, tbody, tfoot, tr, th, td, caption), hr and pre. Inline: a, strong, em,
 * br, code, sub, sup, s, del and cite. Nothing else survives sanitizeBody, and nothing in a body ever
 * loads or runs anything from a third party: no iframe, no script, no style.
 *
 * Three elements of its own, made by the helpers below:
 *
 * - figure, one image with an optional caption and credit:
 *   `<figure class="figure"><img src srcset sizes width height alt loading="lazy" decoding="async">
 *   <figcaption>Caption <cite>Credit</cite></figcaption></figure>`
 * - gallery, several images with an optional caption for the set:
 *   `<figure class="gallery"><ul><li><img …></li>…</ul><figcaption>…</figcaption></figure>`
 * - embed, a link card for a post or video elsewhere. Nothing from the other site loads:
 *   `<figure class="embed" data-provider="YouTube" data-url="URL"><a href="URL">YouTube: URL</a>
 *   <figcaption>…</figcaption></figure>`, the figcaption optional. The page may style it by provider.
 */

/** What a Body field takes, for the editors' plain text areas (the rich editor writes it for you). */
export const BODY_HTML_HINT =
  'HTML: <p>, <h2> to <h4>, <strong>, <em>, <a href="https://…">, <ul> or <ol> with <li>, <blockquote>, ' +
  '<figure> with <img alt="…"> and <figcaption>, <table>. Anything else is removed when you save.';

export { BODY_IMAGE_SIZES };

/** An image as the helpers write it. */
export interface BodyImage {
  src: string;
  srcset?: string;
  sizes?: string;
  width?: number;
  height?: number;
  alt: string;
}

/** A caption: plain text (escaped here), or HTML the caller will pass through sanitizeBody. */
export interface Caption {
  text?: string;
  html?: string;
  credit?: string;
}

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function safeSrcset(value: string): string | undefined {
  const candidates = value
    .split(/,\s+/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const kept: string[] = [];
  for (const candidate of candidates) {
    const [url = '', descriptor, ...rest] = candidate.split(/\s+/);
    const safe = safeImageUrl(url);
    if (!safe || rest.length > 0 || (descriptor !== undefined && !/^\d+(\.\d+)?[wx]$/.test(descriptor))) {
      return undefined;
    }
    kept.push(descriptor ? `${safe} ${descriptor}` : safe);
  }
  return kept.length > 0 ? kept.join(', ') : undefined;
}

type Attributes = sanitizeHtml.Attributes;
const WHOLE_NUMBER = /^\d{1,5}$/;

function pick(attribs: Attributes, name: string, rule: RegExp | readonly string[]): string | undefined {
  const value = attribs[name]?.trim();
  if (value === undefined) return undefined;
  return (rule instanceof RegExp ? rule.test(value) : rule.includes(value)) ? value : undefined;
}

function only(attribs: Record<string, string | undefined>): Attributes {
  const out: Attributes = {};
  for (const [name, value] of Object.entries(attribs)) if (value !== undefined) out[name] = value;
  return out;
}

function classToken(value: string | undefined, allowed: readonly string[]): string | undefined {
  return value?.split(/\s+/).find((token) => allowed.includes(token));
}

// Each transform rebuilds the attributes from what it checked, so nothing unchecked gets through.
const transformTags: Record<string, sanitizeHtml.Transformer> = {
  h1: sanitizeHtml.simpleTransform('h2', {}, false),
  h5: sanitizeHtml.simpleTransform('h4', {}, false),
  h6: sanitizeHtml.simpleTransform('h4', {}, false),
  b: sanitizeHtml.simpleTransform('strong', {}, false),
  i: sanitizeHtml.simpleTransform('em', {}, false),
  strike: sanitizeHtml.simpleTransform('s', {}, false),
  a: (tagName, attribs) => {
    const href = attribs.href === undefined ? undefined : safeLinkUrl(attribs.href);
    // Links that leave the site open with rel="noopener", as the Markdown renderer writes them.
    const rel = href && /^https?:/i.test(href) ? 'noopener' : undefined;
    return { tagName, attribs: only({ href, rel }) };
  },
  img: (tagName, attribs) => ({
    tagName,
    attribs: only({
      src: attribs.src === undefined ? undefined : safeImageUrl(attribs.src),
      srcset: attribs.srcset === undefined ? undefined : safeSrcset(attribs.srcset),
      sizes: pick(attribs, 'sizes', /^[\w\s().,:%-]+$/),
      width: pick(attribs, 'width', WHOLE_NUMBER),
      height: pick(attribs, 'height', WHOLE_NUMBER),
      alt: attribs.alt ?? '',
      loading: pick(attribs, 'loading', ['lazy', 'eager']),
      decoding: pick(attribs, 'decoding', ['async', 'sync', 'auto']),
    }),
  }),
  th: cellTransform,
  td: cellTransform,
  ol: (tagName, attribs) => ({ tagName, attribs: only({ start: pick(attribs, 'start', /^-?\d{1,6}$/) }) }),
  figure: (tagName, attribs) => {
    const url = attribs['data-url'] === undefined ? undefined : safeImageUrl(attribs['data-url']);
    return {
      tagName,
      attribs: only({
        class: classToken(attribs.class, ['figure', 'gallery', 'embed']),
        'data-provider': pick(attribs, 'data-provider', EMBED_PROVIDERS),
        'data-url': url && /^https?:/i.test(url) ? url : undefined,
      }),
    };
  },
  blockquote: (tagName, attribs) => ({
    tagName,
    attribs: only({ class: classToken(attribs.class, ['pullquote']) }),
  }),
};

function cellTransform(tagName: string, attribs: Attributes): sanitizeHtml.Tag {
  return {
    tagName,
    attribs: only({
      colspan: pick(attribs, 'colspan', WHOLE_NUMBER),
      rowspan: pick(attribs, 'rowspan', WHOLE_NUMBER),
      scope: pick(attribs, 'scope', ['row', 'col', 'rowgroup', 'colgroup']),
    }),
  };
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    ...['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'figure', 'figcaption', 'img', 'hr', 'pre'],
    ...['table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption'],
    ...['a', 'strong', 'em', 'br', 'code', 'sub', 'sup', 's', 'del', 'cite'],
  ],
  allowedAttributes: {
    a: ['href', 'rel'],
    img: ['src', 'srcset', 'sizes', 'width', 'height', 'alt', 'loading', 'decoding'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan', 'scope'],
    ol: ['start'],
    figure: ['class', 'data-provider', 'data-url'],
    blockquote: ['class'],
  },
  // The transforms check every address; these are a second line behind them.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'data-url'],
  allowProtocolRelative: false,
  transformTags,
  // Removed with everything inside them. Any other tag not allowed (div, section, span, font, ins, …)
  // is unwrapped: its content stays.
  nonTextTags: [
    ...['script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'xmp', 'title', 'head'],
    ...['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'canvas', 'svg', 'math'],
    ...['form', 'input', 'button', 'select', 'option', 'textarea', 'datalist', 'audio', 'video'],
  ],
  // An image without a usable address is dropped; a link without one keeps its text.
  exclusiveFilter: (frame) => {
    if (frame.tag === 'img') return !frame.attribs.src;
    if (frame.tag === 'a' && !frame.attribs.href) return 'excludeTag';
    return false;
  },
  parseStyleAttributes: false,
};

/**
 * Makes any HTML into Dateline body HTML (see the top of this file). Idempotent: its output comes back
 * unchanged, so a body opened and saved in the newsroom keeps its bytes. Line ends become \n (a
 * browser sends a text area's as \r\n) and the ends are trimmed (a text area drops a leading newline).
 */
export function sanitizeBody(html: string): string {
  const once = (text: string) => sanitizeHtml(text, sanitizeOptions).trim();
  let out = once(html.replace(/\r\n?/g, '\n'));
  // One pass always writes balanced tags, but htmlparser2 may nest badly nested input differently
  // when it reads that output again (a <p> left open inside an unwrapped <span>). A second pass
  // settles it; the passes stop as soon as one changes nothing.
  for (let pass = 0; pass < MAX_EXTRA_PASSES; pass += 1) {
    const again = once(out);
    if (again === out) break;
    out = again;
  }
  return out;
}

// Random tag soup settles after one extra pass; the rest are a margin (body-html.unit.test.ts).
const MAX_EXTRA_PASSES = 4;

// Elements that end a line of text in bodyText.
const LINE_BREAKING = new Set([
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'figure', 'figcaption'],
  ...['table', 'thead', 'tbody', 'tfoot', 'tr', 'caption', 'hr', 'pre', 'br', 'div', 'section', 'article'],
  ...['dl', 'dt', 'dd', 'header', 'footer', 'aside', 'main', 'nav', 'address', 'details', 'summary'],
]);
const NO_TEXT = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math']);

/** The plain text of a body, for search and word counts: one line per block, spaces collapsed. */
export function bodyText(html: string): string {
  let text = '';
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (NO_TEXT.has(name)) hidden++;
        else if (LINE_BREAKING.has(name)) text += '\n';
        else if (name === 'td' || name === 'th') text += ' ';
      },
      ontext(chunk) {
        if (hidden === 0) text += chunk;
      },
      onclosetag(name) {
        if (NO_TEXT.has(name)) hidden = Math.max(0, hidden - 1);
        else if (LINE_BREAKING.has(name)) text += '\n';
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

function imageHtml(img: BodyImage): string {
  const attributes = [
    `src="${escapeHtml(img.src)}"`,
    img.srcset ? `srcset="${escapeHtml(img.srcset)}"` : '',
    img.srcset ? `sizes="${escapeHtml(img.sizes ?? BODY_IMAGE_SIZES)}"` : '',
    img.width ? `width="${Math.round(img.width)}"` : '',
    img.height ? `height="${Math.round(img.height)}"` : '',
    `alt="${escapeHtml(img.alt)}"`,
    'loading="lazy" decoding="async"',
  ];
  return `<img ${attributes.filter((a) => a !== '').join(' ')}>`;
}

function captionHtml(caption: string | Caption | undefined): string {
  if (caption === undefined) return '';
  const { text, html, credit } = typeof caption === 'string' ? { text: caption } : caption;
  const body = html?.trim() || escapeHtml(text?.trim() ?? '');
  const cite = credit?.trim() ? `<cite>${escapeHtml(credit.trim())}</cite>` : '';
  if (body === '' && cite === '') return '';
  return `<figcaption>${[body, cite].filter((p) => p !== '').join(' ')}</figcaption>`;
}

/** A Dateline figure: one image, with a caption when there is one. */
export function figureHtml(img: BodyImage, caption?: string | Caption): string {
  return `<figure class="figure">${imageHtml(img)}${captionHtml(caption)}</figure>`;
}

/** A Dateline gallery: the images in order, with a caption for the set when there is one. */
export function galleryHtml(imgs: readonly BodyImage[], caption?: string | Caption): string {
  const items = imgs.map((img) => `<li>${imageHtml(img)}</li>`).join('');
  return `<figure class="gallery"><ul>${items}</ul>${captionHtml(caption)}</figure>`;
}

/**
 * A Dateline embed: a link card naming the provider and the address, with a caption when there is
 * one. An address that is not http(s) is not linked: it comes back as a paragraph of text.
 */
export function embedHtml(url: string, caption?: string | Caption): string {
  const safe = safeImageUrl(url);
  if (!safe || !/^https?:/i.test(safe)) return `<p>${escapeHtml(url)}</p>`;
  const provider = embedProvider(safe);
  const address = escapeHtml(safe);
  const label = provider === 'link' ? address : `${provider}: ${address}`;
  return (
    `<figure class="embed" data-provider="${provider}" data-url="${address}">` +
    `<a href="${address}">${label}</a>${captionHtml(caption)}</figure>`
  );
}
