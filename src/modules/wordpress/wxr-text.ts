import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** How an export's bytes are read: chunk size and a progress callback on the bytes of the source. */
export interface TextSourceOptions {
  onProgress?: (bytesRead: number, totalBytes: number | null) => void;
  highWaterMark?: number;
}

/** What opening the export found out that the parser needs. */
export interface TextSourceInfo {
  /** Blank lines dropped before the XML declaration; the parser's line numbers start after them. */
  skippedLines: number;
}

const DEFAULT_CHUNK = 64 * 1024;
// The XML declaration, or the first tag, fits in this many bytes.
const SNIFF_BYTES = 1024;

/**
 * Streams an export as clean XML text: gunzipped when its first bytes say gzip, decoded by its BOM or
 * declared encoding, and with every character XML 1.0 forbids replaced by U+FFFD. Pulls one chunk at a time.
 */
export async function* readExportText(
  source: string | NodeJS.ReadableStream,
  options: TextSourceOptions,
  info: TextSourceInfo,
): AsyncGenerator<string> {
  const size = Math.max(1, options.highWaterMark ?? DEFAULT_CHUNK);
  const filter = new XmlCharFilter();
  let decoder: Decoder | null = null;
  let head = Buffer.alloc(0);
  for await (const chunk of gunzipIfNeeded(rawBytes(source, options, size))) {
    for (let at = 0; at < chunk.length; at += size) {
      let piece = chunk.subarray(at, at + size);
      if (!decoder) {
        head = Buffer.concat([head, piece]);
        if (head.length < SNIFF_BYTES && !head.includes(0x3e)) continue;
        const sniffed = sniffEncoding(head, info);
        decoder = sniffed.decoder;
        piece = head.subarray(sniffed.start);
      }
      const text = filter.push(decoder.decode(piece), false);
      if (text) yield text;
    }
  }
  if (!decoder) {
    if (head.length === 0) return;
    const sniffed = sniffEncoding(head, info);
    decoder = sniffed.decoder;
    const text = filter.push(decoder.decode(head.subarray(sniffed.start)), false);
    if (text) yield text;
  }
  const last = filter.push(decoder.end(), true);
  if (last) yield last;
}

async function* rawBytes(
  source: string | NodeJS.ReadableStream,
  options: TextSourceOptions,
  size: number,
): AsyncGenerator<Uint8Array> {
  const total = typeof source === 'string' ? (await stat(source)).size : null;
  const stream: NodeJS.ReadableStream =
    typeof source === 'string' ? createReadStream(source, { highWaterMark: size }) : source;
  let read = 0;
  // Leaving this loop early (the caller stopped) destroys the stream and so closes the file.
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    read += bytes.length;
    options.onProgress?.(read, total);
    yield bytes;
  }
}

/** Gunzips when the data starts with gzip's magic bytes 1f 8b, whatever the file is called. */
async function* gunzipIfNeeded(bytes: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array> {
  let head = Buffer.alloc(0);
  try {
    while (head.length < 2) {
      const next = await bytes.next();
      if (next.done) break;
      head = Buffer.concat([head, next.value]);
    }
    const rest = async function* () {
      if (head.length > 0) yield head;
      for (let next = await bytes.next(); !next.done; next = await bytes.next()) yield next.value;
    };
    if (head[0] !== 0x1f || head[1] !== 0x8b) {
      yield* rest();
      return;
    }
    const gunzip = createGunzip();
    // pipeline passes a read error or a damaged gzip (code Z_…) on to the loop over gunzip.
    pipeline(Readable.from(rest()), gunzip, () => undefined);
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    await bytes.return(undefined);
  }
}

interface Decoder {
  decode(bytes: Uint8Array): string;
  end(): string;
}

/** Picks the decoder from a BOM, UTF-16's first bytes, or the XML declaration's encoding; UTF-8 by default. */
function sniffEncoding(head: Buffer, info: TextSourceInfo): { decoder: Decoder; start: number } {
  const [b0, b1, b2, b3] = head;
  const utf16 = (label: 'utf-16le' | 'utf-16be', start: number) => ({ decoder: nativeDecoder(label), start });
  if (b0 === 0xff && b1 === 0xfe) return utf16('utf-16le', 2);
  if (b0 === 0xfe && b1 === 0xff) return utf16('utf-16be', 2);
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return utf16('utf-16le', 0);
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return utf16('utf-16be', 0);

  const bom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? 3 : 0;
  const text = head.toString('latin1', bom);
  // Plugins that print blank lines before the XML declaration break many importers: skip them.
  const blank = /^[ \t\r\n]*/.exec(text)?.[0] ?? '';
  const start = blank && text.startsWith('<?xml', blank.length) ? bom + blank.length : bom;
  if (start > bom) info.skippedLines = blank.split('\n').length - 1;
  const declared = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(
    text.slice(start - bom),
  )?.[1];
  const decoder = bom || !declared ? null : declaredDecoder(declared);
  if (decoder) return { decoder, start };
  return { decoder: nativeDecoder('utf-8'), start };
}

function declaredDecoder(label: string): Decoder | null {
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding;
  } catch {
    return null;
  }
  if (encoding === 'utf-8' || encoding.startsWith('utf-16')) return null;
  // Single-byte charsets (ISO-8859-1 is windows-1252 to TextDecoder): WordPress writes UTF-8 into such
  // files anyway (wxr_cdata), so valid UTF-8 sequences win and only stray bytes use the charset.
  if (/^(?:windows-|iso-8859-|koi8-|ibm866|macintosh|x-mac-)/.test(encoding)) {
    return new MixedDecoder(highHalf(encoding));
  }
  return nativeDecoder(encoding);
}

// windows-1252's 0x80–0x9F (0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned and stay C1 controls).
const CP1252_C1 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** The characters of bytes 0x80–0xFF in a single-byte charset, as TextDecoder names it. */
export function highHalf(encoding: string): string[] {
  // Node 20's TextDecoder reads windows-1252 as ISO-8859-1, turning “ ” € into C1 controls.
  if (encoding === 'windows-1252') {
    return Array.from({ length: 128 }, (_, i) => CP1252_C1[i] ?? String.fromCharCode(0x80 + i));
  }
  const decoder = new TextDecoder(encoding);
  return Array.from({ length: 128 }, (_, i) => decoder.decode(Uint8Array.of(0x80 + i)));
}

// Invalid bytes become U+FFFD; the BOM was stripped by sniffEncoding.
function nativeDecoder(label: string): Decoder {
  const decoder = new TextDecoder(label, { ignoreBOM: true });
  return { decode: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

/** UTF-8 where the bytes are well-formed UTF-8, a single-byte charset for the stray bytes between. */
export class MixedDecoder implements Decoder {
  private carry: Uint8Array | null = null;
  private readonly utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

  /** `high[b - 0x80]` is the character of byte b in the single-byte charset. */
  constructor(private readonly high: readonly string[]) {}

  decode(chunk: Uint8Array): string {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    // A multibyte sequence cut by the chunk's end waits for the next chunk.
    const cut = incompleteTail(bytes);
    this.carry = cut < bytes.length ? bytes.slice(cut) : null;
    const body = bytes.subarray(0, cut);
    return isUtf8(body) ? this.utf8.decode(body) : this.decodeMixed(body);
  }

  end(): string {
    const rest = this.carry;
    this.carry = null;
    return rest ? this.decodeMixed(rest) : '';
  }

  private decodeMixed(bytes: Uint8Array): string {
    const parts: string[] = [];
    let run = 0;
    let i = 0;
    while (i < bytes.length) {
      const byte = bytes[i] ?? 0;
      const length = byte < 0x80 ? 1 : utf8Length(bytes, i);
      if (length > 0) {
        i += length;
        continue;
      }
      if (i > run) parts.push(this.utf8.decode(bytes.subarray(run, i)));
      parts.push(this.high[byte - 0x80] ?? '\uFFFD');
      run = ++i;
    }
    if (run < bytes.length) parts.push(this.utf8.decode(bytes.subarray(run)));
    return parts.join('');
  }
}

/** Where a UTF-8 sequence that the data's end cuts short begins, or the length when none is. */
function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const byte = bytes[n - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf5 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** The length of the well-formed UTF-8 sequence at i (2 to 4), or 0. */
function utf8Length(bytes: Uint8Array, i: number): number {
  const b = bytes[i] ?? 0;
  const c1 = bytes[i + 1] ?? 0;
  const isTail = (at: number) => ((bytes[at] ?? 0) & 0xc0) === 0x80;
  if (b >= 0xc2 && b <= 0xdf) return isTail(i + 1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const low = b === 0xe0 ? 0xa0 : 0x80;
    const high = b === 0xed ? 0x9f : 0xbf;
    return c1 >= low && c1 <= high && isTail(i + 2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const low = b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xf4 ? 0x8f : 0xbf;
    return c1 >= low && c1 <= high && isTail(i + 2) && isTail(i + 3) ? 4 : 0;
  }
  return 0;
}

// Outside CDATA and comments: the tokens that open them, `]]>` (not allowed in text) and numeric references.
const TOKEN = /<!\[CDATA\[|<!--|\]\]>|&#(?:x([0-9A-Fa-f]+)|([0-9]+));/g;
// Characters XML 1.0 forbids anywhere, and lone surrogates.
const BAD_CHARS =
  // eslint-disable-next-line no-control-regex -- these control characters are what it looks for
  /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const PARTIAL_REFERENCE = /^&(?:#(?:x[0-9A-Fa-f]*|[0-9]*))?$/;

/**
 * Replaces what a strict XML parser would refuse: forbidden characters, numeric references to forbidden
 * code points (outside CDATA, where they are not references), and `]]>` in text (escaped). Knows whether
 * it is inside CDATA or a comment across chunks, and holds back a possibly cut token for the next chunk.
 */
export class XmlCharFilter {
  private state: 'text' | 'cdata' | 'comment' = 'text';
  private tail = '';

  push(input: string, isLast: boolean): string {
    const s = this.tail + input;
    const parts: string[] = [];
    let pos = 0;
    while (pos < s.length) {
      if (this.state !== 'text') {
        const end = s.indexOf(this.state === 'cdata' ? ']]>' : '-->', pos);
        if (end < 0) break;
        parts.push(s.slice(pos, end + 3));
        pos = end + 3;
        this.state = 'text';
        continue;
      }
      TOKEN.lastIndex = pos;
      const match = TOKEN.exec(s);
      if (!match) break;
      const [token, hex, decimal] = match;
      parts.push(s.slice(pos, match.index));
      if (token === '<![CDATA[') this.state = 'cdata';
      else if (token === '<!--') this.state = 'comment';
      const isReference = hex !== undefined || decimal !== undefined;
      parts.push(
        token === ']]>'
          ? ']]&gt;'
          : isReference && !isXmlChar(hex ? parseInt(hex, 16) : Number(decimal))
            ? '\uFFFD'
            : token,
      );
      pos = match.index + token.length;
    }
    const keep = isLast ? s.length : this.safeEnd(s, pos);
    parts.push(s.slice(pos, keep));
    let out = parts.join('');
    this.tail = s.slice(keep);
    // A high surrogate at the end may pair with the next chunk's first character.
    const lastCode = out.charCodeAt(out.length - 1);
    if (!isLast && lastCode >= 0xd800 && lastCode <= 0xdbff) {
      this.tail = out.slice(-1) + this.tail;
      out = out.slice(0, -1);
    }
    return out.replace(BAD_CHARS, '\uFFFD');
  }

  /** The end of what can be passed on now: a token the chunk boundary may have cut stays behind. */
  private safeEnd(s: string, from: number): number {
    const n = s.length;
    if (this.state !== 'text') return Math.max(from, n - 2);
    let end = n;
    const lt = s.lastIndexOf('<');
    if (lt >= from && lt >= n - 8) {
      const rest = s.slice(lt);
      if ('<![CDATA['.startsWith(rest) || '<!--'.startsWith(rest)) end = lt;
    }
    const amp = s.lastIndexOf('&');
    if (amp >= from && amp >= n - 40 && PARTIAL_REFERENCE.test(s.slice(amp))) end = Math.min(end, amp);
    const brackets = s.endsWith(']]') ? 2 : s.endsWith(']') ? 1 : 0;
    return Math.max(from, Math.min(end, n - brackets));
  }
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
