import { embedHtml } from '../../../platform/render/body-html.ts';
import { PLACEHOLDER_LINE } from './markers.ts';

/**
 * Automatic paragraphs for classic WordPress content, which is stored with line breaks standing for
 * markup:
 *
 * - a blank line separates paragraphs, and each paragraph of text is wrapped in <p>;
 * - a single line break inside a paragraph becomes <br>;
 * - block-level elements (headings, lists, tables, blockquote, div, figure, hr, …) are never wrapped:
 *   the text around them is paragraphed separately, and text directly inside a blockquote or a div is
 *   paragraphed like the top level, while text inside li, td, h2 and the like only has its line
 *   breaks turned into <br>;
 * - pre, script, style, textarea and comments are kept exactly as written;
 * - a shortcode placeholder alone on its line stands for a block and is not wrapped;
 * - an http(s) address alone on its line becomes an embed (no request is made: it is a link card).
 */

const BLOCK = new Set([
  ...['address', 'article', 'aside', 'blockquote', 'caption', 'col', 'colgroup', 'dd', 'details', 'div'],
  ...['dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5'],
  ...['h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'section'],
  ...['summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'iframe', 'object'],
  ...['embed', 'video', 'audio', 'source', 'noscript', 'math', 'svg', 'select', 'option', 'map'],
]);
const VOID = new Set(['hr', 'col', 'embed', 'source']);
// Where loose text is paragraphed as at the top level.
const FLOW = new Set([
  '',
  'blockquote',
  'div',
  'section',
  'article',
  'aside',
  'main',
  'header',
  'footer',
  'nav',
]);
// Where whitespace between the children means nothing.
const STRUCTURE = new Set([
  'ul',
  'ol',
  'dl',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'colgroup',
  'select',
  'menu',
]);

const TOKEN =
  /<!--[\s\S]*?-->|<(pre|script|style|textarea)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?<\/\1\s*>|<(\/?)([A-Za-z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const BARE_URL = /^(https?:\/\/[^\s<>"]+)$/i;

function paragraphs(run: string, context: string): string {
  if (STRUCTURE.has(context)) return run.trim() === '' ? '' : run;
  if (!FLOW.has(context)) return run.trim().replace(/[ \t]*\n\s*/g, '<br>\n');
  const out: string[] = [];
  for (const part of run.split(/\n[ \t]*\n\s*/)) {
    let lines: string[] = [];
    const flush = () => {
      if (lines.length > 0) out.push(`<p>${lines.join('<br>\n')}</p>`);
      lines = [];
    };
    for (const line of part.split('\n').map((l) => l.trim())) {
      if (line === '') continue;
      const url = BARE_URL.exec(line)?.[1];
      if (url !== undefined || PLACEHOLDER_LINE.test(line)) {
        flush();
        out.push(url !== undefined ? embedHtml(url) : line);
      } else {
        lines.push(line);
      }
    }
    flush();
  }
  return out.join('\n');
}

/** Classic content with its paragraphs made explicit (see the rules above). */
export function autop(text: string): string {
  let out = '';
  const open: string[] = [];
  let run = '';
  const flush = () => {
    const context = open[open.length - 1] ?? '';
    const html = paragraphs(run, context);
    if (html !== '') out += FLOW.has(context) ? `${html}\n` : html;
    run = '';
  };
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const [token, raw, slash, tagName = ''] = m;
    run += text.slice(last, m.index);
    last = m.index + token.length;
    const name = (raw ?? tagName).toLowerCase();
    if (raw === undefined && !BLOCK.has(name)) {
      // Comments and inline tags stay in the run; a line break inside a tag is not a paragraph's.
      run += token.replace(/\s*\n\s*/g, ' ');
      continue;
    }
    flush();
    const isClosed = raw !== undefined || VOID.has(name) || token.endsWith('/>');
    out += isClosed || slash ? `${token}\n` : token;
    if (isClosed) continue;
    if (slash) {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
    } else {
      open.push(name);
    }
  }
  run += text.slice(last);
  flush();
  return out.trim();
}
