/// <reference lib="dom" />
// Dateline body HTML in and out of the editor's document, without loss.
//
// Out: `serializeBody` writes the exact form sanitizeBody (platform/render/body-html.ts) gives, so that
// an edited body comes back from the server as it was sent: sanitize-html's escaping (& < > in text,
// and " too in attributes), void elements as `<br />`, attributes in the sanitiser's order, `rel` on
// http(s) links. Only this file writes markup, and only from the editor's own document.
//
// In: `parseBody` reads a stored body block by block. Each top-level block is parsed with the schema's
// rules and written back; if that loses anything (an element or attribute the schema has no place for,
// or text), the block is kept instead as a raw block holding its markup exactly, which saves unchanged.
// Whitespace between blocks, as Markdown's renderer leaves it, is remembered and written back.
import {
  DOMParser as ProseMirrorParser,
  Fragment,
  type Mark,
  type Node as PMNode,
  type Schema,
} from '@tiptap/pm/model';
import { IMAGE_ATTRIBUTES, type ImageAttrs } from './schema.ts';

// sanitize-html's escaping, so that what the editor writes is what the sanitiser would write.
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');

// sanitize-html's self-closing elements (written `<br />`) and the one attribute it writes when empty.
const VOID = new Set([
  'img',
  'br',
  'hr',
  'area',
  'base',
  'basefont',
  'input',
  'link',
  'meta',
  'col',
  'wbr',
  'source',
]);

function attribute(name: string, value: string): string {
  return value === '' && name !== 'alt' ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
}

/** Writes DOM nodes (from an inert parse of a stored body) in the sanitiser's form. */
export function htmlOfNodes(nodes: ArrayLike<ChildNode>): string {
  let out = '';
  for (const node of Array.from(nodes)) {
    if (node.nodeType === 3) out += escapeText(node.textContent ?? '');
    else if (node.nodeType === 8) out += `<!--${node.textContent ?? ''}-->`;
    else if (node instanceof Element) {
      const tag = node.tagName.toLowerCase();
      out += `<${tag}`;
      for (const a of Array.from(node.attributes)) out += attribute(a.name, a.value);
      // A <template>'s children live in its content fragment.
      const children = node instanceof HTMLTemplateElement ? node.content.childNodes : node.childNodes;
      out += VOID.has(tag) ? ' />' : `>${htmlOfNodes(children)}</${tag}>`;
    }
  }
  return out;
}

/** How the stored body spaced its blocks, so that an edit keeps it. */
export interface Layout {
  leading: string;
  between: string;
  trailing: string;
}
export const COMPACT: Layout = { leading: '', between: '', trailing: '' };

const MARK_TAGS: Record<string, string> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  deleted: 'del',
  code: 'code',
  subscript: 'sub',
  superscript: 'sup',
  cite: 'cite',
};

function openMark(mark: Mark): string {
  if (mark.type.name === 'link') {
    const href = String(mark.attrs.href ?? '');
    // The sanitiser adds rel="noopener" to every link that leaves for http(s).
    return `<a${attribute('href', href)}${/^https?:/i.test(href) ? ' rel="noopener"' : ''}>`;
  }
  return `<${MARK_TAGS[mark.type.name] ?? 'span'}>`;
}
function closeMark(mark: Mark): string {
  return mark.type.name === 'link' ? '</a>' : `</${MARK_TAGS[mark.type.name] ?? 'span'}>`;
}

/** A textblock's inline content, marks nested in the schema's order (links outermost). */
function inline(node: PMNode): string {
  let out = '';
  let open: readonly Mark[] = [];
  node.forEach((child) => {
    const marks = child.marks;
    let keep = 0;
    while (keep < open.length && keep < marks.length && open[keep]!.eq(marks[keep]!)) keep++;
    for (let i = open.length - 1; i >= keep; i--) out += closeMark(open[i]!);
    for (let i = keep; i < marks.length; i++) out += openMark(marks[i]!);
    open = marks;
    if (child.isText) out += escapeText(child.text ?? '');
    else if (child.type.name === 'hardBreak') out += '<br />';
  });
  for (let i = open.length - 1; i >= 0; i--) out += closeMark(open[i]!);
  return out;
}

function imageHtml(image: ImageAttrs): string {
  let out = '<img';
  for (const name of IMAGE_ATTRIBUTES) if (image[name] !== undefined) out += attribute(name, image[name]);
  return `${out} />`;
}

function captionHtml(attrs: Record<string, unknown>): string {
  if (!attrs.hasCaption && !attrs.caption && !attrs.credit) return '';
  const caption = typeof attrs.caption === 'string' ? attrs.caption : '';
  const credit = typeof attrs.credit === 'string' ? attrs.credit : '';
  const cite = credit === '' ? '' : `<cite>${escapeText(credit)}</cite>`;
  return `<figcaption>${[caption, cite].filter((p) => p !== '').join(' ')}</figcaption>`;
}

function blocks(node: PMNode): string {
  let out = '';
  node.forEach((child) => (out += block(child)));
  return out;
}

function block(node: PMNode): string {
  const a = node.attrs;
  switch (node.type.name) {
    case 'paragraph':
      return `<p>${inline(node)}</p>`;
    case 'heading':
      return `<h${Number(a.level)}>${inline(node)}</h${Number(a.level)}>`;
    case 'blockquote':
      return `<blockquote${a.pullquote ? ' class="pullquote"' : ''}>${blocks(node)}</blockquote>`;
    case 'bulletList':
      return `<ul>${blocks(node)}</ul>`;
    case 'orderedList':
      return `<ol${a.start === null || a.start === 1 ? '' : attribute('start', String(a.start))}>${blocks(node)}</ol>`;
    case 'listItem': {
      const first = node.firstChild;
      if (a.tight && first?.type.name === 'paragraph') {
        let rest = '';
        node.forEach((child, _offset, index) => {
          if (index > 0) rest += block(child);
        });
        return `<li>${inline(first)}${rest}</li>`;
      }
      return `<li>${blocks(node)}</li>`;
    }
    case 'horizontalRule':
      return '<hr />';
    case 'preformatted': {
      const text = escapeText(node.textContent);
      return `<pre>${a.code ? `<code>${text}</code>` : text}</pre>`;
    }
    case 'figure':
      return `<figure class="figure">${imageHtml(a.image as ImageAttrs)}${captionHtml(a)}</figure>`;
    case 'gallery': {
      const items = (a.images as ImageAttrs[]).map((image) => `<li>${imageHtml(image)}</li>`).join('');
      return `<figure class="gallery"><ul>${items}</ul>${captionHtml(a)}</figure>`;
    }
    case 'embed': {
      const data =
        (a.provider === null ? '' : attribute('data-provider', String(a.provider))) +
        (a.url === null ? '' : attribute('data-url', String(a.url)));
      const link = `<a${attribute('href', String(a.href))}${a.rel ? ' rel="noopener"' : ''}>${escapeText(String(a.label))}</a>`;
      return `<figure class="embed"${data}>${link}${captionHtml(a)}</figure>`;
    }
    case 'table':
      return `<table>${blocks(node)}</table>`;
    case 'tableCaption':
      return `<caption>${inline(node)}</caption>`;
    case 'tableSection':
      return `<${String(a.kind)}>${blocks(node)}</${String(a.kind)}>`;
    case 'tableRow':
      return `<tr>${blocks(node)}</tr>`;
    case 'tableCell': {
      const tag = a.header ? 'th' : 'td';
      let attrs = '';
      for (const name of ['colspan', 'rowspan', 'scope'])
        if (a[name] !== null) attrs += attribute(name, String(a[name]));
      return `<${tag}${attrs}>${inline(node)}</${tag}>`;
    }
    case 'rawBlock':
      return String(a.html);
    default:
      // A node type this file does not know would be lost: keep its text at least.
      return `<p>${escapeText(node.textContent)}</p>`;
  }
}

/**
 * A stored body's top-level blocks as they were written, one entry a block of the parsed document:
 * the stored HTML of each block the editor would write differently though it means the same (a list
 * spaced with newlines, marks nested the other way, inline text outside a paragraph), and the exact
 * whitespace before each block, before the first and after the last.
 */
export interface StoredBlocks {
  html: (string | undefined)[];
  gaps: string[];
  leading: string;
  trailing: string;
}

/**
 * The stored form of an open document's blocks, keyed by the document's own nodes: ProseMirror keeps an
 * untouched block's node through every edit elsewhere, so an edit to one paragraph rewrites that
 * paragraph (and the space beside it) and leaves every other byte alone.
 */
export interface KeptBlocks {
  blocks: WeakMap<PMNode, { index: number; html: string | undefined }>;
  stored: StoredBlocks;
}

/**
 * Which blocks of `doc` are still those parsed into `parsed` with `stored` (from parseBody). The two
 * documents are compared block by block from the start, as an editor may add a block when it opens.
 */
export function keptBlocks(doc: PMNode, parsed: PMNode, stored: StoredBlocks): KeptBlocks {
  const blocks: KeptBlocks['blocks'] = new WeakMap();
  for (let i = 0; i < Math.min(doc.childCount, parsed.childCount, stored.html.length); i++) {
    // By content, not node identity: the editor builds its document from its own schema instance.
    if (JSON.stringify(doc.child(i).toJSON()) !== JSON.stringify(parsed.child(i).toJSON())) break;
    blocks.set(doc.child(i), { index: i, html: stored.html[i] });
  }
  return { blocks, stored };
}

/** The document as Dateline body HTML. An empty document is an empty body. */
export function serializeBody(doc: PMNode, layout: Layout = COMPACT, kept?: KeptBlocks): string {
  if (doc.childCount === 1 && doc.firstChild?.type.name === 'paragraph' && doc.firstChild.content.size === 0)
    return '';
  if (kept) return serializeKeeping(doc, layout, kept);
  const parts: string[] = [];
  doc.forEach((child) => parts.push(block(child)));
  return layout.leading + parts.join(layout.between) + layout.trailing;
}

/**
 * serializeBody for an open document: untouched blocks as stored, and the space around each as it was.
 * Beside an edited or new block, the space the stored neighbour had on that side is kept.
 */
function serializeKeeping(doc: PMNode, layout: Layout, { blocks, stored }: KeptBlocks): string {
  let out = stored.leading;
  let previous: { index: number } | undefined;
  doc.forEach((child, _offset, i) => {
    const entry = blocks.get(child);
    if (i > 0) {
      if (previous) out += stored.gaps[previous.index + 1] ?? layout.between;
      else if (entry) out += stored.gaps[entry.index] ?? layout.between;
      else out += layout.between;
    }
    out += entry?.html ?? block(child);
    previous = entry;
  });
  return out + stored.trailing;
}

const BLOCK_TAGS = new Set(
  'p h1 h2 h3 h4 h5 h6 ul ol li blockquote figure figcaption table caption thead tbody tfoot tr td th hr pre div section article aside header footer nav main address details dl dt dd'.split(
    ' ',
  ),
);
const isBlank = (node: ChildNode) => node.nodeType === 3 && !/\S/.test(node.textContent ?? '');
const isBlockElement = (node: ChildNode) =>
  node instanceof Element && BLOCK_TAGS.has(node.tagName.toLowerCase());

/**
 * What a piece of markup says, ignoring how it is spaced and how its marks nest: its text without
 * whitespace, every block element with its attributes (counted), and every inline element (as a set).
 * Parsing may respace or reorder marks; if it changes this, it lost something.
 */
function meaning(html: string): string {
  const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  const blocksSeen: string[] = [];
  const inlineSeen = new Set<string>();
  for (const el of Array.from(body.querySelectorAll('*'))) {
    const attrs = Array.from(el.attributes)
      .map((a) => `${a.name}=${a.value}`)
      .sort()
      .join(' ');
    const key = `${el.tagName} ${attrs}`;
    if (BLOCK_TAGS.has(el.tagName.toLowerCase()) || ['IMG', 'BR'].includes(el.tagName)) blocksSeen.push(key);
    else inlineSeen.add(key);
  }
  return JSON.stringify([
    (body.textContent ?? '').replace(/\s+/g, ''),
    blocksSeen.sort(),
    [...inlineSeen].sort(),
  ]);
}

// Browsers' parsers drop it, as HTML says; some test DOMs do not. Asked once, of the parser at hand.
let dropsPreNewline: boolean | undefined;
function parserDropsPreNewline(): boolean {
  dropsPreNewline ??= new DOMParser().parseFromString('<pre>\nx</pre>', 'text/html').body.textContent === 'x';
  return dropsPreNewline;
}

/**
 * A stored body as the editor's document, how its blocks were spaced, and (`stored`, one entry a
 * top-level block) the stored HTML of each block the editor would write differently.
 */
export function parseBody(
  schema: Schema,
  html: string,
): { doc: PMNode; layout: Layout; stored: StoredBlocks } {
  // An inert document: nothing in it loads or runs. HTML's parser drops a newline just after <pre>
  // (a browser shows the text without it), so one more is given to it and the stored newline is kept
  // in the text. In a stored body `<pre` is only ever a tag: the sanitiser escapes < in text and values.
  const source = parserDropsPreNewline() ? html.replace(/<pre(\s[^<>]*)?>\n/gi, '$&\n') : html;
  const body = new DOMParser().parseFromString(`<!doctype html><body>${source}</body>`, 'text/html').body;
  const parser = ProseMirrorParser.fromSchema(schema);
  const nodes = Array.from(body.childNodes);

  // Whitespace around and between the blocks: kept when it is the same everywhere (Markdown's "\n").
  let start = 0;
  let end = nodes.length;
  while (start < end && isBlank(nodes[start]!)) start++;
  while (end > start && isBlank(nodes[end - 1]!)) end--;
  const gaps = new Set<string>();
  const chunks: ChildNode[][] = [];
  // The whitespace before each chunk, exactly (for the blocks an edit leaves alone).
  const chunkGaps: string[] = [];
  let pendingGap = '';
  for (let i = start; i < end; i++) {
    const node = nodes[i]!;
    const previous = chunks[chunks.length - 1];
    if (isBlank(node)) {
      const before = isBlockElement(nodes[i - 1]!);
      const after = isBlockElement(nodes[i + 1]!);
      // Between two blocks it is a gap; beside one block only, uneven spacing that is not kept.
      if (before && after) gaps.add(node.textContent ?? '');
      else if (before || after) gaps.add('\0uneven');
      if (before || after) {
        pendingGap += node.textContent ?? '';
        continue;
      }
    }
    // Inline content outside any block (text, links, images) is read as one paragraph, if it can be.
    if (!isBlockElement(node) && previous && !isBlockElement(previous[0]!)) previous.push(node);
    else {
      chunks.push([node]);
      chunkGaps.push(pendingGap);
      pendingGap = '';
    }
    if (isBlockElement(node) && i + 1 < end && isBlockElement(nodes[i + 1]!)) gaps.add('');
  }
  const layout: Layout =
    gaps.size <= 1
      ? {
          leading: nodes
            .slice(0, start)
            .map((n) => n.textContent)
            .join(''),
          between: [...gaps][0] ?? '',
          trailing: nodes
            .slice(end)
            .map((n) => n.textContent)
            .join(''),
        }
      : COMPACT;

  const content: PMNode[] = [];
  const stored: StoredBlocks = {
    html: [],
    gaps: [],
    leading: nodes
      .slice(0, start)
      .map((n) => n.textContent)
      .join(''),
    trailing: nodes
      .slice(end)
      .map((n) => n.textContent)
      .join(''),
  };
  for (const [index, chunk] of chunks.entries()) {
    const original = htmlOfNodes(chunk);
    const holder = body.ownerDocument.createElement('div');
    for (const node of chunk) holder.append(node.cloneNode(true));
    const parsed = parser.parse(holder, { topNode: schema.topNodeType.create() });
    const written: string[] = [];
    parsed.forEach((child) => written.push(block(child)));
    const isInline = !isBlockElement(chunk[0]!);
    const same =
      written.join('') === original ||
      meaning(written.join('')) ===
        meaning(isInline && written.length === 1 ? `<p>${original}</p>` : original);
    if (same) {
      const isRespaced = parsed.childCount === 1 && written.join('') !== original;
      parsed.forEach((child, _offset, n) => {
        content.push(child);
        stored.html.push(isRespaced ? original : undefined);
        stored.gaps.push(n === 0 ? (chunkGaps[index] ?? '') : '');
      });
    } else {
      content.push(schema.nodes.rawBlock!.create({ html: original }));
      stored.html.push(undefined);
      stored.gaps.push(chunkGaps[index] ?? '');
    }
  }
  if (content.length === 0) {
    content.push(schema.nodes.paragraph!.create());
    stored.html.push(undefined);
    stored.gaps.push('');
  }
  return { doc: schema.topNodeType.create(null, content), layout, stored };
}

/**
 * A paste, made into body HTML before the editor reads it: read in an inert document (DOMParser's:
 * nothing in it loads, runs or is even checked against the CSP), through the schema's rules alone, and
 * written back by serializeBody. ProseMirror then parses only this, so a pasted script, event handler
 * or javascript: link never reaches a live document, and what is kept is only the body's elements.
 */
export function cleanPaste(schema: Schema, html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  const slice = ProseMirrorParser.fromSchema(schema).parseSlice(body);
  const nodes: PMNode[] = [];
  let inlineRun: PMNode[] = [];
  const flush = () => {
    if (inlineRun.length > 0) nodes.push(schema.nodes.paragraph!.create(null, Fragment.from(inlineRun)));
    inlineRun = [];
  };
  slice.content.forEach((node) => {
    if (node.isInline) inlineRun.push(node);
    else {
      flush();
      nodes.push(node);
    }
  });
  flush();
  return nodes.map(block).join('');
}
