import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/wire/feed-server.ts';
import { charsetOf, decodeFeed, prologEncodingOf } from './decode.ts';

describe('decoding a feed’s bytes', () => {
  it('reads UTF-8, with or without a byte order mark, whatever the labels claim', () => {
    const text = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Café “Ø”</title></rss>';
    expect(decodeFeed(Buffer.from(text), 'text/xml; charset=iso-8859-1')).toEqual({
      text,
      encoding: 'utf-8',
    });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decodeFeed(withBom).text).toBe(text);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    expect(decodeFeed(utf16)).toEqual({ text, encoding: 'utf-16le' });
  });

  it('reads windows-1252 bytes that a prolog calls UTF-8 as windows-1252', () => {
    const { text, encoding } = decodeFeed(fixture('windows-1252-wrong-prolog.xml'), 'application/rss+xml');
    expect(encoding).toBe('windows-1252');
    expect(text).toContain('<title>Café Gazette</title>');
    expect(text).toContain('“Best crêpe” prize – €50 to the winner');
  });

  it('reads ISO-8859-1 labels as windows-1252, as browsers do', () => {
    const bytes = iconv.encode(
      '<?xml version="1.0" encoding="ISO-8859-1"?><t>“quoted” né</t>',
      'windows-1252',
    );
    expect(decodeFeed(bytes).text).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><t>“quoted” né</t>');
  });

  it('takes the charset from Content-Type when only the header gives it', () => {
    const bytes = fixture('charset-in-header.koi8r.xml');
    expect(prologEncodingOf(bytes)).toBeUndefined();
    const { text, encoding } = decodeFeed(bytes, 'application/xml; charset="KOI8-R"');
    expect(encoding).toBe('koi8-r');
    expect(text).toContain('<title>Северная гавань</title>');
    // Without the header the bytes are not UTF-8 and nothing names them: windows-1252, garbled but whole.
    expect(decodeFeed(bytes).text).not.toContain('Северная');
  });

  it('reads charset parameters and prologs', () => {
    expect(charsetOf('text/xml;charset=UTF-8')).toBe('utf-8');
    expect(charsetOf('application/rss+xml')).toBeUndefined();
    expect(prologEncodingOf(Buffer.from("  <?xml version='1.0' encoding='windows-1251'?>"))).toBe(
      'windows-1251',
    );
  });
});
