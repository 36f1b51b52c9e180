// The words of a draft, as the topic finder reads them: the headline when it is written as a
// sentence, the standfirst, and the body's text without its markup.
import { Parser } from 'htmlparser2';

const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'figcaption',
  'br',
  'tr',
  'td',
  'th',
]);
const SKIPPED = new Set(['script', 'style', 'code', 'pre']);

/** The text of body HTML, a blank line between blocks; code and scripts left out. */
export function textOfHtml(html: string): string {
  const out: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping += 1;
        if (BLOCKS.has(name)) out.push('\n\n');
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        if (BLOCKS.has(name)) out.push('\n\n');
      },
      ontext(text) {
        if (skipping === 0) out.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out.join('');
}

/** The text of a Markdown body: link and image targets, code and markers left out. */
export function textOfMarkdown(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, '\n\n')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_~]+/g, '');
}

/**
 * Whether a headline is in title case ("Bank Of Korea Holds Rates"): then every word is capitalised
 * and capitals say nothing about names, so the finder leaves the headline out.
 */
export function isTitleCase(headline: string): boolean {
  const words = headline.match(/\p{L}{4,}/gu) ?? [];
  if (words.length < 3) return false;
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / words.length >= 0.75;
}
