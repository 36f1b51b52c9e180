/// <reference lib="dom" />
// The writing desk's document model: Dateline body HTML (platform/render/body-html.ts) as Tiptap
// extensions. Each element the sanitiser keeps has a node or a mark here, so that a stored body opens
// as editable structure; body-io.ts keeps anything else as an untouched raw block.
//
// Parsing (stored bodies and pastes from Word, Google Docs or a web page) goes only through the rules
// below: an element no rule names is unwrapped to its text, an attribute no rule reads is dropped, and
// every address is checked, so a paste keeps only these elements. Rendering in the editor uses DOM
// calls and classes, never a style attribute, so the page's CSP needs no 'unsafe-inline'.
import { Extension, Mark, Node, mergeAttributes, type Extensions } from '@tiptap/core';
import Blockquote from '@tiptap/extension-blockquote';
import Bold from '@tiptap/extension-bold';
import Document from '@tiptap/extension-document';
import HardBreak from '@tiptap/extension-hard-break';
import Heading from '@tiptap/extension-heading';
import HorizontalRule from '@tiptap/extension-horizontal-rule';
import Italic from '@tiptap/extension-italic';
import Link from '@tiptap/extension-link';
import { BulletList, ListItem, ListKeymap, OrderedList } from '@tiptap/extension-list';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { Dropcursor, Gapcursor, UndoRedo } from '@tiptap/extensions';
import { embedProvider, safeImageUrl, safeLinkUrl } from '../body-urls.ts';
import { moveInTable } from './table-edit.ts';

/** An image's attributes, in the order the sanitiser writes them. */
export const IMAGE_ATTRIBUTES = [
  'src',
  'srcset',
  'sizes',
  'width',
  'height',
  'alt',
  'loading',
  'decoding',
] as const;
export type ImageAttrs = Partial<Record<(typeof IMAGE_ATTRIBUTES)[number], string>>;

/** A link the editor keeps: what the sanitiser keeps, exactly as written (a new link must be http(s)). */
export function isKeptLink(href: string): boolean {
  return safeLinkUrl(href) === href;
}

/** An address a person may type for a new link or embed: http or https only. */
export function isWebAddress(value: string): boolean {
  return /^https?:\/\/[^\s]/i.test(value) && URL.canParse(value) && safeImageUrl(value) === value;
}

// Attributes an atom keeps for itself: never read from or written to the element by Tiptap.
function own(defaults: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(defaults).map(([name, value]) => [
      name,
      { default: value, rendered: false, keepOnSplit: false, parseHTML: () => null },
    ]),
  );
}

/** The image inside a figure or gallery item, or undefined when its address is not one the site keeps. */
export function readImage(img: Element | null): ImageAttrs | undefined {
  if (!img || img.tagName !== 'IMG') return undefined;
  const src = img.getAttribute('src');
  if (!src || safeImageUrl(src) !== src) return undefined;
  const attrs: ImageAttrs = {};
  for (const name of IMAGE_ATTRIBUTES) {
    const value = img.getAttribute(name);
    if (value !== null) attrs[name] = value;
  }
  return attrs;
}

/** A figcaption's parts: its HTML before a closing <cite>, and the credit in that <cite>. */
export interface CaptionParts {
  caption: string;
  credit: string;
  hasCaption: boolean;
}

/** How the editor turns a DOM subtree into body HTML; body-io.ts provides it (one serializer for all). */
export type HtmlOf = (nodes: ArrayLike<ChildNode>) => string;

function readCaption(figcaption: Element | null, htmlOf: HtmlOf): CaptionParts | undefined {
  if (!figcaption) return { caption: '', credit: '', hasCaption: false };
  const nodes = Array.from(figcaption.childNodes);
  const last = nodes[nodes.length - 1];
  let credit = '';
  if (last instanceof Element && last.tagName === 'CITE' && last.children.length === 0) {
    credit = last.textContent ?? '';
    nodes.pop();
  }
  let caption = htmlOf(nodes);
  // The helpers join caption and credit with one space.
  if (credit !== '' && caption.endsWith(' ')) caption = caption.slice(0, -1);
  return { caption, credit, hasCaption: true };
}

/** Elements a figure may hold, by class: the structure the body HTML helpers write, and nothing else. */
function figureParts(el: HTMLElement, htmlOf: HtmlOf) {
  const children = Array.from(el.children);
  const figcaption =
    children.length > 1 && children[children.length - 1]!.tagName === 'FIGCAPTION'
      ? children[children.length - 1]!
      : null;
  const main = children.filter((c) => c !== figcaption);
  const caption = readCaption(figcaption, htmlOf);
  return { main, caption };
}

/** The plain text of an HTML fragment, read in an inert document (nothing in it loads or runs). */
export function textOf(html: string): string {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}

function captionElement(caption: string, credit: string): HTMLElement | undefined {
  const text = [textOf(caption), credit].filter((p) => p !== '').join(' — ');
  if (text === '') return undefined;
  const el = document.createElement('figcaption');
  el.textContent = text;
  return el;
}

function imageElement(attrs: ImageAttrs): HTMLImageElement {
  const img = document.createElement('img');
  const src = attrs.src && safeImageUrl(attrs.src);
  if (src) img.src = src;
  img.alt = attrs.alt ?? '';
  return img;
}

/** A picture with its caption and credit: `<figure class="figure">`. */
export function createFigure(htmlOf: HtmlOf) {
  return Node.create({
    name: 'figure',
    group: 'block',
    atom: true,
    draggable: true,
    selectable: true,
    addAttributes: () => own({ image: {}, caption: '', credit: '', hasCaption: false }),
    parseHTML: () => [
      {
        tag: 'figure.figure',
        getAttrs: (el) => {
          const { main, caption } = figureParts(el, htmlOf);
          const image = main.length === 1 ? readImage(main[0]!) : undefined;
          if (!image || !caption) return false;
          return { image, ...caption };
        },
      },
    ],
    renderHTML: ({ node }) => {
      const image = node.attrs.image as ImageAttrs;
      return [
        'figure',
        { class: 'figure' },
        ['img', { src: image.src ?? '', alt: image.alt ?? '' }],
        ['figcaption', {}, textOf(node.attrs.caption as string)],
      ];
    },
    addNodeView:
      () =>
      ({ node }) => {
        const dom = document.createElement('figure');
        dom.className = 'figure rich-editor-atom';
        dom.append(imageElement(node.attrs.image as ImageAttrs));
        const caption = captionElement(node.attrs.caption as string, node.attrs.credit as string);
        if (caption) dom.append(caption);
        const alt = (node.attrs.image as ImageAttrs).alt ?? '';
        if (alt === '') dom.classList.add('is-missing-alt');
        return { dom };
      },
  });
}

/** Several pictures with one caption: `<figure class="gallery"><ul><li><img>…`. */
export function createGallery(htmlOf: HtmlOf) {
  return Node.create({
    name: 'gallery',
    group: 'block',
    atom: true,
    draggable: true,
    addAttributes: () => own({ images: [], caption: '', credit: '', hasCaption: false }),
    parseHTML: () => [
      {
        tag: 'figure.gallery',
        getAttrs: (el) => {
          const { main, caption } = figureParts(el, htmlOf);
          const list = main.length === 1 && main[0]!.tagName === 'UL' ? main[0]! : undefined;
          if (!list || !caption) return false;
          const images: ImageAttrs[] = [];
          for (const item of Array.from(list.children)) {
            const image =
              item.tagName === 'LI' && item.children.length === 1 ? readImage(item.children[0]!) : undefined;
            if (!image) return false;
            images.push(image);
          }
          return { images, ...caption };
        },
      },
    ],
    renderHTML: ({ node }) => [
      'figure',
      { class: 'gallery' },
      [
        'ul',
        {},
        ...(node.attrs.images as ImageAttrs[]).map((i) => [
          'li',
          {},
          ['img', { src: i.src ?? '', alt: i.alt ?? '' }],
        ]),
      ],
    ],
    addNodeView:
      () =>
      ({ node }) => {
        const dom = document.createElement('figure');
        dom.className = 'gallery rich-editor-atom';
        const list = document.createElement('ul');
        for (const image of node.attrs.images as ImageAttrs[]) {
          const item = document.createElement('li');
          item.append(imageElement(image));
          list.append(item);
        }
        dom.append(list);
        const caption = captionElement(node.attrs.caption as string, node.attrs.credit as string);
        if (caption) dom.append(caption);
        return { dom };
      },
  });
}

/** The label a link card shows, as embedHtml writes it. */
export function embedLabel(url: string): string {
  const provider = embedProvider(url);
  return provider === 'link' ? url : `${provider}: ${url}`;
}

/** A post or video elsewhere, shown on the site as a link card: `<figure class="embed">`. */
export function createEmbed(htmlOf: HtmlOf) {
  return Node.create({
    name: 'embed',
    group: 'block',
    atom: true,
    draggable: true,
    addAttributes: () =>
      own({
        provider: null,
        url: null,
        href: '',
        rel: false,
        label: '',
        caption: '',
        credit: '',
        hasCaption: false,
      }),
    parseHTML: () => [
      {
        tag: 'figure.embed',
        getAttrs: (el) => {
          const { main, caption } = figureParts(el, htmlOf);
          const link = main.length === 1 && main[0]!.tagName === 'A' ? main[0]! : undefined;
          const href = link?.getAttribute('href');
          if (!link || !href || !isKeptLink(href) || link.children.length > 0 || !caption) return false;
          const rel = link.getAttribute('rel');
          if (rel !== null && rel !== 'noopener') return false;
          return {
            provider: el.getAttribute('data-provider'),
            url: el.getAttribute('data-url'),
            href,
            rel: rel !== null,
            label: link.textContent ?? '',
            ...caption,
          };
        },
      },
    ],
    renderHTML: ({ node }) => [
      'figure',
      { class: 'embed' },
      ['a', { href: node.attrs.href as string }, node.attrs.label as string],
    ],
    addNodeView:
      () =>
      ({ node }) => {
        const dom = document.createElement('figure');
        dom.className = 'embed rich-editor-atom';
        const card = document.createElement('p');
        card.className = 'rich-editor-embed-label';
        card.textContent = node.attrs.label as string;
        dom.append(card);
        const caption = captionElement(node.attrs.caption as string, node.attrs.credit as string);
        if (caption) dom.append(caption);
        return { dom };
      },
  });
}

/**
 * Markup the editor has no structure for (or could not keep exactly as structure): held as it was
 * written and saved unchanged. It has no parse rule, so a paste can never make one; body-io.ts makes
 * them while loading a stored body. The editor shows its text only, so nothing in it loads or runs.
 */
export const RawBlock = Node.create({
  name: 'rawBlock',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes: () => own({ html: '' }),
  renderHTML: ({ node }) => ['div', { class: 'rich-editor-raw' }, textOf(node.attrs.html as string)],
  addNodeView:
    () =>
    ({ node }) => {
      const dom = document.createElement('div');
      dom.className = 'rich-editor-raw rich-editor-atom';
      const label = document.createElement('p');
      label.className = 'rich-editor-raw-label';
      label.textContent = 'Kept as it was (not editable here):';
      const text = document.createElement('p');
      text.textContent = textOf(node.attrs.html as string) || '(no text)';
      dom.append(label, text);
      return { dom };
    },
});

/** Preformatted text, optionally wrapped in <code> as Markdown writes code blocks. */
export const Preformatted = Node.create({
  name: 'preformatted',
  group: 'block',
  content: 'text*',
  marks: '',
  code: true,
  defining: true,
  addAttributes: () => own({ code: false }),
  parseHTML: () => [
    {
      tag: 'pre',
      preserveWhitespace: 'full',
      getAttrs: (el) => {
        const only = el.childNodes.length === 1 ? el.firstChild : null;
        const code = only instanceof Element && only.tagName === 'CODE' && only.children.length === 0;
        if (!code && el.children.length > 0) return false;
        return { code };
      },
      contentElement: (el) =>
        el.firstChild instanceof HTMLElement && el.firstChild.tagName === 'CODE' ? el.firstChild : el,
    },
  ],
  renderHTML: () => ['pre', 0],
});

// Tables as the sanitiser keeps them: an optional caption, then thead/tbody/tfoot of rows of cells
// whose content is inline (a cell holding blocks stays a raw block).
const TableNode = Node.create({
  name: 'table',
  group: 'block',
  content: 'tableCaption? tableSection+',
  isolating: true,
  parseHTML: () => [{ tag: 'table' }],
  renderHTML: () => ['table', 0],
});
const TableCaption = Node.create({
  name: 'tableCaption',
  content: 'inline*',
  isolating: true,
  parseHTML: () => [{ tag: 'caption' }],
  renderHTML: () => ['caption', 0],
});
const TableSection = Node.create({
  name: 'tableSection',
  content: 'tableRow+',
  addAttributes: () => own({ kind: 'tbody' }),
  parseHTML: () => ['thead', 'tbody', 'tfoot'].map((tag) => ({ tag, attrs: { kind: tag } })),
  renderHTML: ({ node }) => [node.attrs.kind as string, 0],
});
const TableRow = Node.create({
  name: 'tableRow',
  content: 'tableCell+',
  parseHTML: () => [{ tag: 'tr' }],
  renderHTML: () => ['tr', 0],
});
const CELL_ATTRIBUTES = ['colspan', 'rowspan', 'scope'] as const;
const TableCell = Node.create({
  name: 'tableCell',
  content: 'inline*',
  isolating: true,
  addAttributes: () => own({ header: false, colspan: null, rowspan: null, scope: null }),
  parseHTML: () => [
    // A pasted cell's paragraphs (Word, Docs) are read as its text.
    { tag: 'p', context: 'tableCell/', skip: true, priority: 60 },
    ...['td', 'th'].map((tag) => ({
      tag,
      getAttrs: (el: HTMLElement) => {
        const attrs: Record<string, unknown> = { header: tag === 'th' };
        for (const name of CELL_ATTRIBUTES) attrs[name] = el.getAttribute(name);
        return attrs;
      },
    })),
  ],
  renderHTML: ({ node }) => [node.attrs.header ? 'th' : 'td', 0],
});

/** Inline marks the sanitiser keeps besides bold, italic and links, written as their one tag. */
function simpleMark(name: string, tag: string) {
  return Mark.create({ name, parseHTML: () => [{ tag }], renderHTML: () => [tag, 0] });
}

/** A blockquote that may be a pull quote (`class="pullquote"`). */
const Quote = Blockquote.extend({
  addAttributes: () => ({
    pullquote: {
      default: false,
      keepOnSplit: false,
      parseHTML: (el: HTMLElement) => el.classList.contains('pullquote'),
      renderHTML: (attrs: Record<string, unknown>) => (attrs.pullquote ? { class: 'pullquote' } : {}),
    },
  }),
});

/** A list item written without <p> around its first paragraph (a "tight" list, as Markdown writes). */
const Item = ListItem.extend({
  addAttributes: () => ({
    tight: {
      default: true,
      parseHTML: (el: HTMLElement) => {
        const first = Array.from(el.childNodes).find(
          (n) => n.nodeType !== 3 || /\S/.test(n.textContent ?? ''),
        );
        return !(
          first instanceof HTMLElement &&
          /^(P|H[1-6]|UL|OL|BLOCKQUOTE|FIGURE|TABLE|PRE|HR)$/.test(first.tagName)
        );
      },
      renderHTML: () => ({}),
    },
  }),
});

/** `start` kept as written: `<ol start="1">` stays, and a list begun with "1. " gets none. */
const Numbered = OrderedList.extend({
  addAttributes: () => ({
    start: {
      default: null,
      parseHTML: (el: HTMLElement) => el.getAttribute('start'),
      renderHTML: (attrs: Record<string, unknown>) =>
        typeof attrs.start === 'string' || (typeof attrs.start === 'number' && attrs.start !== 1)
          ? { start: String(attrs.start) }
          : {},
    },
  }),
});

/** Ctrl/Cmd+K asks for a link; the editor's page supplies what asking looks like. */
export function createLinkShortcut(ask: () => void) {
  return Extension.create({
    name: 'linkShortcut',
    addKeyboardShortcuts: () => ({
      'Mod-k': () => {
        ask();
        return true;
      },
    }),
  });
}

/** Arrow keys, Tab and Shift+Tab move from cell to cell inside a table (see table-edit.ts). */
export const TableKeys = Extension.create({
  name: 'tableKeys',
  addKeyboardShortcuts() {
    const move = (direction: Parameters<typeof moveInTable>[1]) => () => {
      const tr = moveInTable(this.editor.state, direction);
      if (!tr) return false;
      this.editor.view.dispatch(tr);
      return true;
    };
    return { ArrowUp: move('up'), ArrowDown: move('down'), Tab: move('next'), 'Shift-Tab': move('previous') };
  },
});

/** Every extension of the writing desk's editor, in the order that sets how marks nest. */
export function bodyExtensions(htmlOf: HtmlOf, extra: Extensions = []): Extensions {
  return [
    Document,
    Paragraph,
    Text,
    // h1, h5 and h6 (a paste) become h2 and h4, as the sanitiser makes them.
    Heading.extend({
      parseHTML: () => [
        { tag: 'h1', attrs: { level: 2 } },
        { tag: 'h2', attrs: { level: 2 } },
        { tag: 'h3', attrs: { level: 3 } },
        ...['h4', 'h5', 'h6'].map((tag) => ({ tag, attrs: { level: 4 } })),
      ],
    }).configure({ levels: [2, 3, 4] }),
    Bold,
    Italic,
    simpleMark('strike', 's'),
    simpleMark('deleted', 'del'),
    simpleMark('code', 'code'),
    simpleMark('subscript', 'sub'),
    simpleMark('superscript', 'sup'),
    simpleMark('cite', 'cite'),
    Link.extend({
      addAttributes: () => ({
        href: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('href') },
      }),
      renderHTML: ({ HTMLAttributes }) => ['a', mergeAttributes(HTMLAttributes), 0],
    }).configure({
      openOnClick: false,
      autolink: false,
      linkOnPaste: true,
      isAllowedUri: (url) => typeof url === 'string' && isKeptLink(url),
    }),
    HardBreak,
    Quote,
    BulletList,
    Numbered,
    Item,
    ListKeymap,
    HorizontalRule,
    Preformatted,
    createFigure(htmlOf),
    createGallery(htmlOf),
    createEmbed(htmlOf),
    TableNode,
    TableCaption,
    TableSection,
    TableRow,
    TableCell,
    RawBlock,
    UndoRedo,
    Dropcursor,
    Gapcursor,
    ...extra,
  ];
}
