/**
 * The shortcode grammar of classic WordPress content:
 *
 * - `[name attributes]`, where name starts with a letter and goes on with letters, digits, `_` and `-`,
 *   and is followed by a space, `/` or `]`;
 * - attributes: `key="value"`, `key='value'`, `key=value`, and bare positional values (`"v"`, `v`);
 * - enclosing: `[name …]content[/name]`, content up to the first closer of the same name;
 * - self-closing: `[name … /]`, which never takes a closer;
 * - escaped: `[[name …]]` (or `[[name]…[/name]]`) is the literal text without the outer brackets.
 *
 * Nothing inside an HTML tag or comment is a shortcode, nor anything inside pre, code, script, style
 * or textarea: code samples stay literal. (WordPress itself would expand them in pre and code.)
 */

/** One shortcode as found in the text. */
export interface Shortcode {
  name: string;
  /** Named attributes, keys lower-cased, values as written (entities not decoded). */
  attrs: Record<string, string>;
  /** Positional values, in order. */
  positional: string[];
  /** What an enclosing shortcode wraps; undefined for one without a closer. */
  content: string | undefined;
  /** It has a `key=value` or a quoted value: `[Updated at 5pm]` has neither. */
  hasAttributes: boolean;
  /** A closer `[/name]` follows somewhere in the text. */
  hasCloser: boolean;
  /** The opener is alone on its line (or alone in a <p> on its line). */
  isOwnLine: boolean;
}

const OPENER = /\[(\[?)([A-Za-z][\w-]*)(?=[\s/\]])([^[\]]*?)(\/)?\](\]?)/y;
const ATTRIBUTE =
  /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s"']+)|"([^"]*)"|'([^']*)'|(\S+)/g;
// Where shortcodes are not read: comments, raw and code elements, and tags.
const PROTECTED =
  /<!--[\s\S]*?-->|<(pre|code|script|style|textarea)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?<\/\1\s*>|<\/?[A-Za-z][\w:-]*(?:[^>"']|"[^"]*"|'[^']*')*>/gi;

function parseAttributes(text: string): Pick<Shortcode, 'attrs' | 'positional' | 'hasAttributes'> {
  const attrs: Record<string, string> = {};
  const positional: string[] = [];
  let hasAttributes = false;
  for (const m of text.matchAll(ATTRIBUTE)) {
    const key = m[1] ?? m[3] ?? m[5];
    const value = m[2] ?? m[4] ?? m[6];
    if (key !== undefined && value !== undefined) {
      attrs[key.toLowerCase()] = value;
      hasAttributes = true;
    } else if (m[7] !== undefined || m[8] !== undefined) {
      positional.push(m[7] ?? m[8] ?? '');
      hasAttributes = true;
    } else if (m[9] !== undefined) {
      positional.push(m[9]);
    }
  }
  return { attrs, positional, hasAttributes };
}

function protectedSpans(text: string): [number, number][] {
  return [...text.matchAll(PROTECTED)].map((m) => [m.index, m.index + m[0].length]);
}

/** The end of the protected span holding `at`, or -1. */
function spanEnd(spans: [number, number][], at: number): number {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = spans[mid] ?? [0, 0];
    if (at < start) high = mid - 1;
    else if (at >= end) low = mid + 1;
    else return end;
  }
  return -1;
}

function indexOutside(text: string, spans: [number, number][], needle: string, from: number): number {
  let at = text.indexOf(needle, from);
  while (at >= 0) {
    const end = spanEnd(spans, at);
    if (end < 0) return at;
    at = text.indexOf(needle, end);
  }
  return -1;
}

function isOwnLine(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const strip = (s: string) => s.replace(/<!--[\s\S]*?-->/g, '').trim();
  const before = strip(text.slice(lineStart, start));
  const after = strip(text.slice(end, newline < 0 ? text.length : newline));
  return /^(<p\b[^>]*>)?$/i.test(before) && /^(<\/p>)?$/i.test(after);
}

/**
 * Replaces each shortcode with what `render` makes of it. When render returns undefined the opener
 * stays exactly as written and the text it encloses is read on, so shortcodes inside an unknown one
 * still count; its closer stays as written too.
 */
export function replaceShortcodes(
  text: string,
  render: (shortcode: Shortcode) => string | undefined,
): string {
  const spans = protectedSpans(text);
  let out = '';
  let done = 0;
  let at = text.indexOf('[');
  while (at >= 0) {
    const skipTo = spanEnd(spans, at);
    if (skipTo >= 0) {
      at = text.indexOf('[', skipTo);
      continue;
    }
    OPENER.lastIndex = at;
    const m = OPENER.exec(text);
    if (!m) {
      at = text.indexOf('[', at + 1);
      continue;
    }
    const [whole, escapeOpen, name = '', attributeText = '', selfClosing, escapeClose] = m;
    // A "]" after the opener belongs to it only when the opener is escaped too.
    const end = at + whole.length - (escapeClose && !escapeOpen ? 1 : 0);
    const closer = `[/${name}]`;
    const closeAt = selfClosing ? -1 : indexOutside(text, spans, closer, end);
    if (escapeOpen) {
      const escapedEnd = closeAt >= 0 ? closeAt + closer.length : -1;
      if (escapeClose) {
        out += text.slice(done, at) + whole.slice(1, -1);
        done = at + whole.length;
      } else if (escapedEnd >= 0 && text[escapedEnd] === ']') {
        out += text.slice(done, at) + text.slice(at + 1, escapedEnd);
        done = escapedEnd + 1;
      } else {
        // "[[name]" with nothing to close it: the first "[" is text, the rest is read again.
        at = text.indexOf('[', at + 1);
        continue;
      }
      at = text.indexOf('[', done);
      continue;
    }
    const enclosing = closeAt >= 0 && !selfClosing;
    const shortcode: Shortcode = {
      name,
      ...parseAttributes(attributeText),
      content: enclosing ? text.slice(end, closeAt) : undefined,
      hasCloser: indexOutside(text, spans, closer, end) >= 0,
      isOwnLine: isOwnLine(text, at, end),
    };
    const html = render(shortcode);
    if (html === undefined) {
      at = text.indexOf('[', end);
      continue;
    }
    out += text.slice(done, at) + html;
    done = enclosing ? closeAt + closer.length : end;
    at = text.indexOf('[', done);
  }
  return out + text.slice(done);
}
