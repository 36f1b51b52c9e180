/**
 * Dateline's JSX runtime (tsconfig's `jsxImportSource` is `#jsx`, which package.json's `imports` maps
 * here). It is hono/jsx's, with one difference: an HTML element is always rendered as a plain element.
 *
 * hono/jsx turns eight tags (title, meta, link, script, style, form, input, button) into components of
 * its own. They serve its browser renderer and React 19's habit of moving metadata written anywhere in
 * the page into <head>. Each one renders its element as a separate string first, and every <link>
 * outside a <head> hono recognises adds a callback that searches and rewrites the whole document.
 * Writing <head> also makes every later element, on every page the process renders, look up hono's
 * SVG/head context. Dateline writes its <head> itself and uses none of this. Measured on an article
 * page (14 KB of HTML), rendering took a third less time with plain elements, and the HTML was the
 * same byte for byte. `jsx-runtime.unit.test.tsx` compares the two renderings of every element this
 * changes.
 *
 * Escaping is hono's, unchanged: text and attribute values are escaped when the tree is rendered.
 * One thing hono did inside <svg> is gone with the rest: turning React's camelCase attribute names
 * (strokeWidth) into SVG's (stroke-width). Inline SVG here is written with SVG's own names.
 */
import { Fragment, jsx as honoJsx, type JSX } from 'hono/jsx/jsx-runtime';

export { Fragment };
export type { JSX } from 'hono/jsx/jsx-runtime';

type Props = Record<string, unknown> & { children?: unknown };
type Tag = string | ((props: never) => unknown);
type HonoNode = ReturnType<typeof honoJsx>;

/**
 * hono's element class. It is not exported by name; every plain element hono makes is an instance, so
 * its constructor is read from one. A <span> is never one of hono's special tags.
 */
const ElementNode = (honoJsx('span', {}) as object).constructor as new (
  tag: string,
  props: Props,
  children: unknown[],
) => HonoNode;

/** Makes an element (a string tag) or calls hono for a component. */
export function jsx(tag: Tag, props: Props | null | undefined, key?: string): JSX.Element {
  if (typeof tag !== 'string') {
    const component: unknown = honoJsx(tag, props as never, key);
    return component as JSX.Element;
  }
  const allProps = props ?? {};
  let children: unknown[] = [];
  if ('children' in allProps) {
    const given = allProps.children;
    children = Array.isArray(given) ? given : [given];
  }
  const node = new ElementNode(tag, allProps, children);
  node.key = key;
  return node as unknown as JSX.Element;
}

export { jsx as jsxs, jsx as jsxDEV };
