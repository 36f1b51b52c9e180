import type { JSX } from 'hono/jsx/jsx-runtime';

/** Renders a JSX tree to an HTML document string. Components are synchronous, so this never awaits. */
export function renderDocument(node: JSX.Element): string {
  const html = node.toString();
  if (typeof html !== 'string') throw new Error('An async component reached renderDocument');
  return `<!doctype html>${html}`;
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
