/**
 * The block grammar of WordPress's editor, as stored in `content:encoded`:
 *
 * - a block opens with `<!-- wp:NAME ATTRS -->` and closes with `<!-- /wp:NAME -->`, and what lies
 *   between is its HTML and its inner blocks, in order;
 * - a block with no content is written once, `<!-- wp:NAME ATTRS /-->`;
 * - NAME is `namespace/name`, or a bare `name` for the `core` namespace (`wp:quote` is `core/quote`);
 * - ATTRS, optional, is a JSON object. The editor writes `--` inside it as `\u002d\u002d`, so it never
 *   holds `-->` and the delimiter ends at the first `-->`;
 * - anything outside every block is classic HTML.
 *
 * Bad nesting is read leniently: a closer shuts the nearest open block of its name, and any blocks
 * opened inside that one and still open; a closer that matches no open block is dropped, and blocks
 * still open at the end are closed there.
 */

/** A parsed block. */
export interface Block {
  /** Namespaced: core/paragraph, core-embed/youtube, jetpack/slideshow. */
  name: string;
  attrs: Record<string, unknown>;
  /** Its own HTML (strings) and its inner blocks, in document order. */
  inner: Piece[];
}

/** Classic HTML outside any block, or a block. */
export type Piece = string | Block;

const DELIMITER =
  /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)\s+(?:(\{(?:(?!-->)[\s\S])*?\})\s+)?(\/)?-->/g;

function fullName(name: string): string {
  return name.includes('/') ? name : `core/${name}`;
}

function parseAttrs(json: string | undefined): Record<string, unknown> {
  if (json === undefined) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Splits a post into classic HTML and blocks. A post without blocks is one string. */
export function parseBlocks(text: string): Piece[] {
  const root: Piece[] = [];
  const open: Block[] = [];
  const add = (piece: Piece) => {
    if (piece === '') return;
    (open[open.length - 1]?.inner ?? root).push(piece);
  };
  let last = 0;
  for (const match of text.matchAll(DELIMITER)) {
    const [whole, closer, name = '', json, selfClosing] = match;
    add(text.slice(last, match.index));
    last = match.index + whole.length;
    if (closer) {
      const at = open.findLastIndex((block) => block.name === fullName(name));
      if (at >= 0) open.length = at;
      continue;
    }
    const block: Block = { name: fullName(name), attrs: parseAttrs(json), inner: [] };
    add(block);
    if (!selfClosing) open.push(block);
  }
  add(text.slice(last));
  return root;
}

/** Whether a piece is a block. */
export function isBlock(piece: Piece): piece is Block {
  return typeof piece !== 'string';
}

/** A block's own HTML, without its inner blocks. */
export function ownHtml(block: Block): string {
  return block.inner.filter((piece) => typeof piece === 'string').join('');
}
