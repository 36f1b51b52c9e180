// Hostile strings for property tests, from a seeded generator, so a failure names the seed that
// reproduces it.

export { seededRandom } from './seeded-random.ts';

// NUL is left out: PostgreSQL cannot store it in text at all, so it never reaches a feed.
/** Pieces of text that have broken XML, HTML or feed readers somewhere. */
export const HOSTILE_PIECES = [
  ']]>',
  ']]]]>',
  ']]>]]>',
  '<![CDATA[',
  ']]><item><title>Prize</title><link>https://phish.example/win</link></item><![CDATA[',
  '</title></item><item><title>Injected</title><link>https://phish.example/</link></item>',
  '</entry><entry><title>Injected</title><link href="https://phish.example/"/></entry>',
  '<',
  '>',
  '&',
  '"',
  "'",
  '" onmouseover="x',
  '&amp;',
  '&amp;amp;',
  '&lt;b&gt;',
  '&bogus;',
  '&#0;',
  '&#x41;',
  '&#65;',
  '&#xD800;',
  '<!-- -->',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY e "boom">]>&e;',
  '<script>alert(1)</script>',
  '<b>bold</b>',
  '\u0001',
  '\u0008',
  '\u000B',
  '\u000C',
  '\u001B',
  '\u001F',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\u202E',
  '\u2066',
  '\u200F',
  '\u2028',
  '\u00A0',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '😀',
  '👩‍👩‍👧',
  '\uD83D\uDE00\uD83D',
  'é',
  'word',
  ' ',
];

/** A hostile string of a few pieces, or now and then a very long run of one. */
export function hostileText(next: () => number, maxLength: number): string {
  const pick = () => HOSTILE_PIECES[Math.floor(next() * HOSTILE_PIECES.length)] ?? ']]>';
  if (next() < 0.15) return pick().repeat(maxLength).slice(0, maxLength);
  let text = '';
  const count = 1 + Math.floor(next() * 8);
  for (let i = 0; i < count; i += 1) text += pick();
  return text.slice(0, maxLength);
}
