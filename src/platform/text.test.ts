import { describe, expect, it } from 'vitest';
import { cleanLabel, hasUnsafeText, replaceLoneSurrogates, stripUnsafeControls } from './text.ts';

const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];

describe('text rules', () => {
  it('strips every bidirectional embedding, override and isolate, and controls but tab and line breaks', () => {
    for (const mark of BIDI) expect(stripUnsafeControls(`a${mark}b`)).toBe('ab');
    expect(stripUnsafeControls('a\u0000b\u0008c\u007fd\u001be')).toBe('abcde');
    expect(stripUnsafeControls('a\tb\nc\rd')).toBe('a\tb\nc\rd');
    // Right-to-left text itself is kept: only the invisible direction controls go.
    expect(stripUnsafeControls('שלום مرحبا')).toBe('שלום مرحبا');
  });

  it('replaces lone surrogates and keeps pairs', () => {
    expect(replaceLoneSurrogates('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
    expect(replaceLoneSurrogates('x\ud83d\ude00y')).toBe('x😀y');
    expect(replaceLoneSurrogates('end\ud83d')).toBe('end\ufffd');
  });

  it('makes a one-line label', () => {
    expect(cleanLabel('  Harbour\u202e moc.live \u2066news\u2069\r\n ')).toBe('Harbour moc.live news');
    expect(cleanLabel('\u202e\u2066\u0000 ')).toBe('');
    expect(cleanLabel('a\ud800')).toBe('a\ufffd');
  });

  it('tells whether a text holds any of them', () => {
    for (const mark of [...BIDI, '\u0000', '\u007f', '\ud800', '\udc00'])
      expect(hasUnsafeText(`a${mark}b`), JSON.stringify(mark)).toBe(true);
    for (const safe of ['plain', 'tab\tand\nlines', 'x😀y', 'שלום']) expect(hasUnsafeText(safe)).toBe(false);
  });
});
