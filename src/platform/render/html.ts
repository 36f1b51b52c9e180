import { createContext, useContext } from 'hono/jsx';
import type { JSX } from 'hono/jsx/jsx-runtime';

/**
 * Keeps hono/jsx from turning on async hooks for the whole process.
 *
 * hono/jsx keeps each render's context values in an AsyncLocalStorage when it finds one, so that an
 * async component can read them after an await. On Node 20 the first `AsyncLocalStorage.run` enables
 * async hooks for good: from then on every promise and every socket write in the process pays for a
 * hook (measured here: a loop of awaits runs 2.4 times slower), on every request, cache hits included.
 * Dateline's components are synchronous (renderDocument refuses anything else), and for synchronous
 * renders hono's own fallback, a store that lives for the one synchronous call, is exact. So hono
 * is shown no AsyncLocalStorage when it looks for one, which it does once, on its first context read:
 * that read happens here, when this module loads, before any page is rendered. The render test checks
 * that rendering a page never calls AsyncLocalStorage.
 */
function renderWithoutAsyncHooks(): void {
  const proc = process as { getBuiltinModule?: (id: string) => object | undefined };
  const getBuiltinModule = proc.getBuiltinModule;
  const mainModule = Object.getOwnPropertyDescriptor(proc, 'mainModule');
  if (getBuiltinModule) {
    proc.getBuiltinModule = (id: string) =>
      id === 'node:async_hooks' || id === 'async_hooks' ? undefined : getBuiltinModule.call(proc, id);
  }
  if (mainModule) Object.defineProperty(proc, 'mainModule', { value: undefined, configurable: true });
  try {
    useContext(createContext(undefined));
  } finally {
    if (getBuiltinModule) proc.getBuiltinModule = getBuiltinModule;
    if (mainModule) Object.defineProperty(proc, 'mainModule', mainModule);
  }
}
renderWithoutAsyncHooks();

/** Renders a JSX tree to HTML. Components are synchronous, so this never awaits. */
export function renderFragment(node: JSX.Element): string {
  // hono types an element as its HTML or a promise of it; the value is a node whose toString() renders.
  const html = (node as { toString(): unknown }).toString();
  if (typeof html !== 'string') throw new Error('An async component reached the renderer');
  return html;
}

/** Renders a JSX tree to an HTML document string. */
export function renderDocument(node: JSX.Element): string {
  return `<!doctype html>${renderFragment(node)}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const formattedDates = new Map<string, string>();

/**
 * "26 November 2026" in the site's timezone. Formatters are cached: building one costs more than a
 * page. So are the dates they wrote: a list page shows dozens, and formatting one costs about as
 * much as rendering the element around it.
 */
export function formatDate(iso: string, timeZone = 'UTC', locale = 'en-GB'): string {
  const key = `${locale}|${timeZone}|${iso}`;
  const known = formattedDates.get(key);
  if (known !== undefined) return known;
  const formatKey = `${locale}|${timeZone}`;
  let format = dateFormats.get(formatKey);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
    dateFormats.set(formatKey, format);
  }
  const text = format.format(new Date(iso));
  if (formattedDates.size >= 20_000) formattedDates.clear();
  formattedDates.set(key, text);
  return text;
}

/** Up to two initials for an avatar placeholder ("Mara Lindqvist" → "ML"). */
export function initials(name: string): string {
  // Only letters and digits count: "Eve <script>" gives "E", not "E<".
  const words = name
    .split(/\s+/u)
    .map((w) => w.match(/[\p{L}\p{N}]/u)?.[0])
    .filter((c): c is string => c !== undefined);
  const first = words[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}
