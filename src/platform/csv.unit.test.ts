import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, toCsv } from './csv.ts';

describe('CSV', () => {
  it('quotes commas, quotes, CR and LF, and reads them back', () => {
    const hostile = [
      ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', 'crlf\r\nhere', '', ' spaced '],
      ['"', '""', ',', '\n', 'é ☃ 𝄞', 'x'],
    ];
    const text = toCsv(hostile);
    expect(text).toBe(
      'plain,"a,b","say ""hi""","two\nlines","cr\rhere","crlf\r\nhere",, spaced \r\n' +
        '"""","""""",",","\n",é ☃ 𝄞,x\r\n',
    );
    expect(parseCsv(text).map((r) => r.fields)).toEqual(hostile);
  });

  it('neutralises what a spreadsheet would run as a formula', () => {
    expect(toCsv([['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tcmd', '/ok', 'a=b']])).toBe(
      `"'=HYPERLINK(""http://x"")",'+1,'-2,'@SUM(A1),'\tcmd,/ok,a=b\r\n`,
    );
  });

  it('gives each record the line it starts on, over quoted line breaks, LF or CRLF', () => {
    const records = parseCsv('\uFEFFa,b\r\n"multi\nline",c\n\nlast,"x"');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['multi\nline', 'c'] },
      { line: 5, fields: ['last', 'x'] },
    ]);
  });

  it('refuses malformed quoting with the line', () => {
    const lineOf = (text: string) => {
      try {
        parseCsv(text);
      } catch (error) {
        expect(error).toBeInstanceOf(CsvError);
        return (error as CsvError).line;
      }
      return undefined;
    };
    expect(lineOf('a,b\nc,d"e\n')).toBe(2);
    expect(lineOf('a\n"ok"x,y\n')).toBe(2);
    expect(lineOf('a\nb\n"never closed,\nmore\n')).toBe(3);
    expect(lineOf('fine,"also ""fine"""\n')).toBeUndefined();
  });
});
