import { embedHtml, escapeHtml, figureHtml, galleryHtml } from '../../../platform/render/body-html.ts';
import { type Node, decodeEntities, findFirst, outerHtml, parseHtml } from './dom.ts';
import { fromResolved, imageRef, resolveImage } from './images.ts';
import { placeholder } from './markers.ts';
import { type Shortcode, replaceShortcodes } from './shortcodes.ts';
import type { Conversion } from './types.ts';

const AUDIO_KEYS = ['src', 'mp3', 'm4a', 'ogg', 'oga', 'wav', 'wma', 'flac'];
const VIDEO_KEYS = ['src', 'mp4', 'm4v', 'webm', 'ogv', 'wmv', 'flv', 'mov'];
const REPORTABLE = /^[a-z][a-z0-9_-]*$/i;

/** A paragraph linking to an audio or video file, or any other file, named by its caption or file name. */
export function mediaLinkHtml(kind: 'Audio' | 'Video' | 'File', url: string, label?: string): string {
  const fileName = decodeURIComponentSafe(url.split(/[?#]/)[0]?.split('/').pop() ?? '') || url;
  const text = label?.trim() || fileName;
  return `<p><a href="${escapeHtml(url)}">${kind === 'File' ? '' : `${kind}: `}${escapeHtml(text)}</a></p>`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function ids(list: string | undefined): number[] {
  return (list ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => /^\d+$/.test(id))
    .map(Number);
}

function caption(conversion: Conversion, shortcode: Shortcode): string | undefined {
  if (shortcode.content === undefined) return undefined;
  const nodes = parseHtml(shortcode.content);
  const img = findFirst(nodes, 'img');
  if (!img) return shortcode.content;
  // The caption is what is left once the image, and the link around it, are taken out.
  const holds = (node: Node): boolean => node === img || ('children' in node && node.children.some(holds));
  const rest = nodes.filter((node) => !holds(node));
  const id = /^attachment_(\d+)$/.exec(shortcode.attrs.id ?? '')?.[1];
  const image = resolveImage(conversion, imageRef(img, id === undefined ? undefined : Number(id)));
  return figureHtml(image, { html: shortcode.attrs.caption ?? outerHtml(rest).trim() });
}

function gallery(conversion: Conversion, shortcode: Shortcode): string {
  const { media, postId } = conversion.options;
  const listed = ids(shortcode.attrs.ids ?? shortcode.attrs.include);
  const parent = ids(shortcode.attrs.id)[0] ?? postId;
  const found = listed.length > 0 ? listed.flatMap((id) => media.byId(id) ?? []) : media.childrenOf(parent);
  if (found.length === 0) return '';
  return galleryHtml(found.map((image) => fromResolved(conversion, image)));
}

function mediaFile(shortcode: Shortcode, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = shortcode.attrs[key];
    if (value?.trim()) return decodeEntities(value.trim());
  }
  return undefined;
}

function render(conversion: Conversion, shortcode: Shortcode): string | undefined {
  switch (shortcode.name) {
    case 'caption':
    case 'wp_caption':
      return caption(conversion, shortcode);
    case 'gallery':
      return gallery(conversion, shortcode);
    case 'embed': {
      const url = decodeEntities(shortcode.content ?? shortcode.attrs.url ?? '').trim();
      return /^https?:\/\/\S+$/i.test(url) ? embedHtml(url) : undefined;
    }
    case 'audio':
    case 'video': {
      const url = mediaFile(shortcode, shortcode.name === 'audio' ? AUDIO_KEYS : VIDEO_KEYS);
      if (url === undefined) return '';
      return mediaLinkHtml(shortcode.name === 'audio' ? 'Audio' : 'Video', url);
    }
    default:
      return undefined;
  }
}

/**
 * Expands the shortcodes Dateline understands into placeholders for their HTML: [caption] (figure),
 * [gallery] (its ids, else the post's attached images), [embed] (link card), [audio] and [video] (a
 * link to the file). Any other shortcode stays as written. Its name is reported when it looks like a
 * shortcode rather than prose: it has a key=value or quoted attribute, or a closer, or a line of its
 * own. So `[gallery-slider speed=3]` is reported and an editor's `[sic]` in a sentence is not.
 */
export function expandShortcodes(conversion: Conversion, text: string): string {
  return replaceShortcodes(text, (shortcode) => {
    const html = render(conversion, shortcode);
    if (html !== undefined) return placeholder(conversion.fragments, html);
    const looksLikeShortcode = shortcode.hasAttributes || shortcode.hasCloser || shortcode.isOwnLine;
    if (REPORTABLE.test(shortcode.name) && looksLikeShortcode)
      conversion.unknownShortcodes.add(shortcode.name);
    return undefined;
  });
}
