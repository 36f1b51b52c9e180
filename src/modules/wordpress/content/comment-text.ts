import { decodeEntities } from './dom.ts';

// The tags WordPress lets a commenter use. Each gives way to its text; a link also shows its address.
const ALLOWED = new Set([
  'a',
  'abbr',
  'b',
  'blockquote',
  'cite',
  'code',
  'del',
  'em',
  'i',
  'q',
  'strike',
  'strong',
]);
const TOKEN = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/**
 * A WordPress comment as plain text, which is how Dateline stores comments (escaped when shown).
 * Allowed tags become their text, and a link is followed by " (address)" unless its text is the
 * address; <p> and <br> become line breaks, a blank line between paragraphs; character references
 * are decoded. Any other tag (<script>, <img onerror=…>, <iframe>) stays, as written, in the text:
 * a reader sees what was sent, and nothing of it runs.
 */
export function commentText(html: string): string {
  let out = '';
  // The open links: their address, and where their text began.
  const links: { href: string; start: number }[] = [];
  let last = 0;
  for (const m of html.matchAll(TOKEN)) {
    const [token, slash, tagName = '', attributes = ''] = m;
    out += decodeEntities(html.slice(last, m.index));
    last = m.index + token.length;
    const name = tagName.toLowerCase();
    if (token.startsWith('<!--')) continue;
    if (name === 'p' || name === 'blockquote') {
      out += '\n\n';
    } else if (name === 'br') {
      out += '\n';
    } else if (name === 'a' && !slash) {
      const href = HREF.exec(attributes);
      links.push({
        href: decodeEntities(href?.[1] ?? href?.[2] ?? href?.[3] ?? '').trim(),
        start: out.length,
      });
    } else if (name === 'a') {
      const link = links.pop();
      const label = link ? out.slice(link.start).trim() : '';
      if (link && link.href !== '' && label !== link.href) out += ` (${link.href})`;
    } else if (!ALLOWED.has(name)) {
      out += token;
    }
  }
  out += decodeEntities(html.slice(last));
  return out
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
