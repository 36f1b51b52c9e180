// Bytes to text. Feeds lie about their encoding: a windows-1252 file that says UTF-8 in its prolog,
// a UTF-8 file that says ISO-8859-1. The order, as in Miniflux: a byte order mark wins; then bytes
// that are valid UTF-8 are UTF-8 whatever the labels say; then the Content-Type charset (RFC 7303
// puts it before the prolog), then the XML prolog's encoding; and bytes that are not UTF-8 under a
// UTF-8 label, or under no label, are windows-1252, as browsers read them.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** The text, and the encoding it was read as (for tests and the desk's notes). */
export interface Decoded {
  text: string;
  encoding: string;
}

/** The charset parameter of a Content-Type header, lower case, or undefined. */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/** The encoding an XML prolog declares (read as ASCII from the first bytes), or undefined. */
export function prologEncodingOf(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const prolog = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return prolog?.[1]?.toLowerCase();
}

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
// WHATWG's Encoding Standard reads these labels as windows-1252, a superset browsers use for them.
const LATIN1_LABELS = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'cp1252']);

function normalizedLabel(label: string): string {
  if (UTF8_LABELS.has(label)) return 'utf-8';
  if (LATIN1_LABELS.has(label)) return 'windows-1252';
  return label;
}

/** Decodes a feed's bytes by the rules above. */
export function decodeFeed(bytes: Uint8Array, contentType?: string | null): Decoded {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (buffer[0] === 0xff && buffer[1] === 0xfe)
    return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff)
    return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  if (isUtf8(buffer)) return { text: buffer.toString('utf8'), encoding: 'utf-8' };
  const declared = charsetOf(contentType) ?? prologEncodingOf(buffer);
  const label = declared ? normalizedLabel(declared) : 'windows-1252';
  // Not UTF-8 after all, or a label iconv-lite does not know: the bytes are most likely windows-1252.
  const encoding = label === 'utf-8' || !iconv.encodingExists(label) ? 'windows-1252' : label;
  return { text: iconv.decode(buffer, encoding), encoding };
}
