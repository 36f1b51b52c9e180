import { describe, expect, it } from 'vitest';
import { FormDecoder } from './form-stream.ts';

// Pieces that exercise every branch: escapes (some split across chunks), malformed escapes, '+',
// repeated and empty keys, escaped multi-byte UTF-8 and a lone byte that is not UTF-8. Bodies are
// ASCII, as browsers send them: Node's URLSearchParams misreads raw non-ASCII after a stray '%'.
const pieces = [
  'a',
  'b',
  '%',
  '%2',
  '%41',
  '%C3%A9',
  '%F0%9F%8C%8A',
  '%E9',
  '%zz',
  '+',
  '&',
  '=',
  'body',
  '%%',
];

function randomBody(random: () => number): string {
  let body = '';
  const length = Math.floor(random() * 40);
  for (let i = 0; i < length; i += 1) body += pieces[Math.floor(random() * pieces.length)];
  return body;
}

// A small deterministic generator, so that a failure can be run again.
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

// The WHATWG reading of a form (what browsers and URLSearchParams do), with repeated fields as arrays.
function expected(body: string): Record<string, unknown> {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = fields[key];
    fields[key] = existing === undefined ? value : [existing, value].flat();
  }
  return fields;
}

function decodeInChunks(body: string, cuts: number[]): Record<string, unknown> {
  const bytes = Buffer.from(body);
  const decoder = new FormDecoder();
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    decoder.write(bytes.subarray(from, Math.max(from, Math.min(cut, bytes.length))));
    from = Math.max(from, Math.min(cut, bytes.length));
  }
  return { ...decoder.end() };
}

describe('FormDecoder', () => {
  it('reads a form as browsers do, however the body is cut into chunks', () => {
    const random = seeded(15);
    for (let run = 0; run < 2000; run += 1) {
      const body = randomBody(random);
      const size = Buffer.byteLength(body);
      const cuts = Array.from({ length: 3 }, () => Math.floor(random() * (size + 1))).sort((a, b) => a - b);
      expect(decodeInChunks(body, cuts), JSON.stringify({ body, cuts })).toEqual(expected(body));
    }
  });

  it('reads an editor form byte by byte', () => {
    const form = new URLSearchParams({ title: 'Tides & times', body: '![x](y) — ü\r\n*ok*', action: 'save' });
    form.append('tags', 'one');
    form.append('tags', 'two');
    const body = form.toString();
    const cuts = Array.from({ length: Buffer.byteLength(body) }, (_, i) => i);
    expect(decodeInChunks(body, cuts)).toEqual({
      title: 'Tides & times',
      body: '![x](y) — ü\r\n*ok*',
      action: 'save',
      tags: ['one', 'two'],
    });
  });
});
