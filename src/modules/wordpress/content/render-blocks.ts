import {
  type BodyImage,
  embedHtml,
  escapeHtml,
  figureHtml,
  galleryHtml,
} from '../../../platform/render/body-html.ts';
import { autop } from './autop.ts';
import { type Block, type Piece, isBlock, ownHtml } from './blocks.ts';
import { type Element, findAll, findFirst, innerHtml, parseHtml, textOf } from './dom.ts';
import { fromResolved, imageRef, resolveImage } from './images.ts';
import { MORE } from './markers.ts';
import { mediaLinkHtml } from './render-shortcodes.ts';
import type { Conversion } from './types.ts';

// Blocks whose stored HTML is already what Dateline keeps (the sanitiser drops their classes).
const AS_WRITTEN = new Set(
  ['paragraph', 'heading', 'list', 'list-item', 'quote', 'separator', 'code', 'preformatted', 'html'].map(
    (name) => `core/${name}`,
  ),
);
// Layout blocks: only what they hold is kept.
const LAYOUT = new Set(['columns', 'column', 'group', 'buttons'].map((name) => `core/${name}`));

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function captionOf(figcaption: Element | undefined): { html: string } | undefined {
  const html = figcaption ? innerHtml(figcaption).trim() : '';
  return html === '' ? undefined : { html };
}

function image(conversion: Conversion, block: Block): string {
  const nodes = parseHtml(ownHtml(block));
  const img = findFirst(nodes, 'img');
  if (!img) return '';
  return figureHtml(
    resolveImage(conversion, imageRef(img, block.attrs.id)),
    captionOf(findFirst(nodes, 'figcaption')),
  );
}

function gallery(conversion: Conversion, block: Block): string {
  const nodes = parseHtml(ownHtml(block));
  const children = block.inner.filter(isBlock).filter((child) => child.name === 'core/image');
  let images: BodyImage[];
  let caption: Element | undefined;
  if (children.length > 0) {
    // Since WordPress 5.9 each image is an inner block; the gallery's own HTML holds only its caption.
    images = children.flatMap((child) => {
      const img = findFirst(parseHtml(ownHtml(child)), 'img');
      return img ? [resolveImage(conversion, imageRef(img, child.attrs.id))] : [];
    });
    caption = findFirst(nodes, 'figcaption');
  } else {
    const listed = Array.isArray(block.attrs.ids)
      ? (block.attrs.ids as unknown[]).filter((id): id is number => typeof id === 'number')
      : [];
    const imgs = findAll(nodes, 'img');
    const { media } = conversion.options;
    // The markup's images, each with its id from the list when the two agree; else the list alone.
    images =
      imgs.length > 0
        ? imgs.map((img, i) =>
            resolveImage(conversion, imageRef(img, imgs.length === listed.length ? listed[i] : undefined)),
          )
        : listed.flatMap((id) => {
            const found = media.byId(id);
            return found ? [fromResolved(conversion, found)] : [];
          });
    caption = findAll(nodes, 'figcaption').find((el) =>
      /\bblocks-gallery-caption\b/.test(el.attribs.class ?? ''),
    );
  }
  return images.length === 0 ? '' : galleryHtml(images, captionOf(caption));
}

function embed(block: Block): string {
  const nodes = parseHtml(ownHtml(block));
  const url = text(block.attrs.url) ?? /https?:\/\/[^\s<>"]+/.exec(textOf(nodes))?.[0];
  return url === undefined ? '' : embedHtml(url, captionOf(findFirst(nodes, 'figcaption')));
}

function table(block: Block): string {
  const nodes = parseHtml(ownHtml(block));
  const tableElement = findFirst(nodes, 'table');
  if (!tableElement) return ownHtml(block);
  // The block captions its table with a figcaption; a table's own caption says the same thing.
  const caption = captionOf(findFirst(nodes, 'figcaption'));
  return `<table>${caption ? `<caption>${caption.html}</caption>` : ''}${innerHtml(tableElement)}</table>`;
}

function pullquote(block: Block): string {
  const nodes = parseHtml(ownHtml(block));
  const quote = findFirst(nodes, 'blockquote');
  return `<blockquote class="pullquote">${quote ? innerHtml(quote) : ownHtml(block)}</blockquote>`;
}

function mediaLink(block: Block, kind: 'Audio' | 'Video' | 'File'): string {
  const nodes = parseHtml(ownHtml(block));
  if (kind === 'File') {
    const link = findFirst(nodes, 'a');
    const href = text(block.attrs.href) ?? text(link?.attribs.href);
    return href === undefined ? '' : mediaLinkHtml('File', href, link ? textOf(link) : undefined);
  }
  const player = findFirst(nodes, kind === 'Audio' ? 'audio' : 'video');
  const source = findFirst(nodes, 'source');
  const src = text(player?.attribs.src) ?? text(source?.attribs.src) ?? text(block.attrs.src);
  const caption = findFirst(nodes, 'figcaption');
  return src === undefined ? '' : mediaLinkHtml(kind, src, caption ? textOf(caption) : undefined);
}

/** A cover's or a media-and-text block's image, as a figure before what the block holds. */
function mediaImage(conversion: Conversion, block: Block, id: unknown, url: unknown): string {
  const img = findFirst(parseHtml(ownHtml(block)), 'img');
  const src = text(url) ?? text(img?.attribs.src);
  if (src === undefined) return '';
  const ref = img ? imageRef(img, id) : { id: undefined, src, alt: '', width: undefined, height: undefined };
  return figureHtml(resolveImage(conversion, { ...ref, id: typeof id === 'number' ? id : ref.id, src }));
}

function button(block: Block): string {
  const nodes = parseHtml(ownHtml(block));
  const link = findFirst(nodes, 'a');
  const label = escapeHtml(textOf(link ?? nodes).trim());
  const href = text(link?.attribs.href);
  if (label === '') return '';
  return href === undefined ? `<p>${label}</p>` : `<p><a href="${escapeHtml(href)}">${label}</a></p>`;
}

function inner(conversion: Conversion, block: Block): string {
  return block.inner.map((piece) => (isBlock(piece) ? renderBlock(conversion, piece) : piece)).join('');
}

function children(conversion: Conversion, block: Block): string {
  return block.inner
    .filter(isBlock)
    .map((child) => renderBlock(conversion, child))
    .join('\n');
}

/** One block as Dateline body HTML (not yet sanitised). */
export function renderBlock(conversion: Conversion, block: Block): string {
  const { name, attrs } = block;
  if (AS_WRITTEN.has(name)) return inner(conversion, block);
  if (LAYOUT.has(name)) return children(conversion, block);
  if (name.startsWith('core-embed/')) return embed(block);
  switch (name) {
    case 'core/image':
      return image(conversion, block);
    case 'core/gallery':
      return gallery(conversion, block);
    case 'core/embed':
      return embed(block);
    case 'core/table':
      return table(block);
    case 'core/pullquote':
      return pullquote(block);
    case 'core/freeform':
    case 'core/shortcode':
      return autop(inner(conversion, block));
    case 'core/more':
      return inner(conversion, block).includes(MORE) ? inner(conversion, block) : MORE;
    case 'core/nextpage':
    case 'core/spacer':
      return '';
    case 'core/cover':
      return attrs.backgroundType === 'video'
        ? children(conversion, block)
        : mediaImage(conversion, block, attrs.id, attrs.url) + children(conversion, block);
    case 'core/media-text':
      return attrs.mediaType === 'video'
        ? mediaLink(block, 'Video') + children(conversion, block)
        : mediaImage(conversion, block, attrs.mediaId, attrs.mediaUrl) + children(conversion, block);
    case 'core/button':
      return button(block);
    case 'core/video':
      return mediaLink(block, 'Video');
    case 'core/audio':
      return mediaLink(block, 'Audio');
    case 'core/file':
      return mediaLink(block, 'File');
    default:
      conversion.unknownBlocks.add(name);
      return inner(conversion, block);
  }
}

/** A post's pieces as HTML: blocks rendered, classic HTML given its paragraphs. */
export function renderPieces(conversion: Conversion, pieces: Piece[]): string {
  return pieces
    .map((piece) => (isBlock(piece) ? renderBlock(conversion, piece) : autop(piece)))
    .filter((html) => html.trim() !== '')
    .join('\n');
}
