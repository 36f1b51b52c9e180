import { DomUtils, Parser, parseDocument } from 'htmlparser2';

/** A node of a parsed fragment. */
export type Node = ReturnType<typeof parseDocument>['children'][number];
/** An element of a parsed fragment. */
export type Element = Parameters<typeof DomUtils.getAttributeValue>[0];

/** Parses an HTML fragment (entities decoded, tag names lower-cased). */
export function parseHtml(html: string): Node[] {
  return parseDocument(html).children;
}

/** The first element named `name`, depth first, or undefined. */
export function findFirst(nodes: Node[], name: string): Element | undefined {
  return DomUtils.findOne((el) => el.name === name, nodes) ?? undefined;
}

/** Every element named `name`, in document order. */
export function findAll(nodes: Node[], name: string): Element[] {
  return DomUtils.findAll((el) => el.name === name, nodes);
}

/** HTML for nodes. Only &, <, > and quotes are written as entities; other characters stay as they are. */
export function outerHtml(nodes: Node | Node[]): string {
  return DomUtils.getOuterHTML(nodes, { encodeEntities: 'utf8' });
}

/** HTML for an element's children. */
export function innerHtml(element: Element): string {
  return DomUtils.getInnerHTML(element, { encodeEntities: 'utf8' });
}

/** The text of nodes, entities decoded. */
export function textOf(nodes: Node | Node[]): string {
  return DomUtils.textContent(nodes);
}

/** Text with its character references decoded ("&amp;" → "&"); anything else stays as it is. */
export function decodeEntities(text: string): string {
  let decoded = '';
  // Every "<" is written as a reference first, so the parser sees text only.
  const parser = new Parser({ ontext: (chunk) => (decoded += chunk) }, { decodeEntities: true });
  parser.write(text.replace(/</g, '&lt;'));
  parser.end();
  return decoded;
}
