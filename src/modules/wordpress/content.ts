import { bodyText, sanitizeBody } from '../../platform/render/body-html.ts';
import { parseBlocks } from './content/blocks.ts';
import { findAll, parseHtml, textOf } from './content/dom.ts';
import { rewriteImages } from './content/images.ts';
import { MORE, removeMarkers, restorePlaceholders } from './content/markers.ts';
import { renderPieces } from './content/render-blocks.ts';
import { expandShortcodes } from './content/render-shortcodes.ts';
import type { ConvertOptions, ConvertedContent, Conversion } from './content/types.ts';

export type { ConvertOptions, ConvertedContent, MediaResolver, ResolvedImage } from './content/types.ts';
export { commentText } from './content/comment-text.ts';

const MORE_TAG = /<!--more(?:\s[\s\S]*?)?-->/gi;
const NEXTPAGE_TAG = /<!--nextpage-->/gi;
const HAS_NEXTPAGE = /<!--nextpage-->/i;
const SOURCE_LABEL = /^original source\s*:\s*/i;

/**
 * A closing "Original Source: <a href=URL>Name</a>" paragraph: the label, then one link and nothing
 * else. Returns the source and the html without that paragraph.
 */
function takeSource(html: string): { html: string; source: ConvertedContent['source'] } {
  const match = /<p>((?:(?!<p>)[\s\S])*?)<\/p>\s*$/.exec(html);
  if (!match) return { html, source: null };
  const nodes = parseHtml(match[1] ?? '');
  const links = findAll(nodes, 'a');
  const label = textOf(nodes).replace(/\s+/g, ' ').trim();
  const link = links[0];
  if (links.length !== 1 || !link?.attribs.href || !SOURCE_LABEL.test(label)) return { html, source: null };
  const name = textOf(link).replace(/\s+/g, ' ').trim();
  if (label.replace(SOURCE_LABEL, '').replace(/\.$/, '') !== name || name === '')
    return { html, source: null };
  return { html: html.slice(0, match.index).trimEnd(), source: { name, url: link.attribs.href } };
}

/**
 * Converts one WordPress post's `content:encoded` into Dateline body HTML, in this order:
 * 1. <!--more--> and <!--nextpage--> are read first: both are HTML comments, which the later steps drop.
 * 2. Shortcodes, then blocks, MUST come before sanitising, which would drop the block comments; a
 *    shortcode's HTML waits in a placeholder so that automatic paragraphs leave it whole.
 * 3. Images are resolved on the assembled HTML, so classic, block and shortcode images are treated alike.
 * 4. sanitizeBody runs last on everything.
 * The custom text of <!--more Custom text--> is not kept: Dateline has no per-article "read more".
 */
export function convertContent(raw: string, options: ConvertOptions): ConvertedContent {
  const conversion: Conversion = {
    options,
    unknownShortcodes: new Set(),
    unknownBlocks: new Set(),
    missingImages: new Set(),
    resolved: new Set(),
    fragments: [],
  };
  let text = removeMarkers(raw).replace(/\r\n?/g, '\n');
  const nextpage = HAS_NEXTPAGE.test(text);
  text = text.replace(NEXTPAGE_TAG, '\n\n');
  let hasMore = false;
  text = text.replace(MORE_TAG, () => (hasMore ? '' : ((hasMore = true), MORE)));

  text = expandShortcodes(conversion, text);
  let html = renderPieces(conversion, parseBlocks(text));
  html = restorePlaceholders(html, conversion.fragments);
  html = sanitizeBody(rewriteImages(conversion, html));

  let teaser: string | null = null;
  const moreAt = html.indexOf(MORE);
  // The teaser is the story's opening words: pictures and their captions are left out of it.
  if (moreAt >= 0) teaser = bodyText(html.slice(0, moreAt).replace(/<figure\b[\s\S]*?<\/figure>/g, ''));
  html = html
    .replace(new RegExp(`<p>\\s*${MORE}\\s*</p>`, 'g'), '')
    .replaceAll(MORE, '')
    .replace(/<p>\s*<\/p>/g, '')
    // Blank lines left between blocks by the steps above; a pre keeps its own.
    .replace(/(<pre>[\s\S]*?<\/pre>)|\n{2,}/g, (_run, pre?: string) => pre ?? '\n')
    .trim();
  const { html: body, source } = takeSource(html);

  return {
    // Once more after the steps above, so that the stored body is one sanitizeBody leaves unchanged:
    // the newsroom's editor saves it through sanitizeBody, and opening and saving must change nothing.
    html: sanitizeBody(body),
    teaser,
    source,
    unknownShortcodes: [...conversion.unknownShortcodes],
    unknownBlocks: [...conversion.unknownBlocks],
    missingImages: [...conversion.missingImages],
    nextpage,
  };
}
