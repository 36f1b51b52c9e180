// RFC 4180 comma-separated values, both ways, for files people open in spreadsheets. No library in
// the tree reads or writes CSV, and the format is small enough to keep exact here.

/** A file that is not well-formed CSV: `line` is where the trouble is (1-based). */
export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/** One record and the line it starts on (a quoted field may run over several lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Reads CSV: fields separated by commas, records by CRLF or LF; a field in double quotes may hold
 * commas, quotes (doubled) and line breaks. A quote inside an unquoted field, text after a closing
 * quote, or a quote left open is a CsvError with its line. A byte-order mark is dropped; blank lines
 * are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let line = 1;
  let i = 0;
  while (i < input.length) {
    const start = line;
    const fields: string[] = [];
    let atEnd = false;
    while (!atEnd) {
      let field = '';
      if (input[i] === '"') {
        const opened = line;
        i += 1;
        for (;;) {
          if (i >= input.length) throw new CsvError(opened, 'a quoted field is never closed');
          const c = input[i]!;
          if (c === '"') {
            if (input[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i += 1;
            break;
          }
          if (c === '\n') line += 1;
          field += c;
          i += 1;
        }
        const next = input[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
          throw new CsvError(line, 'text follows a closing quote; double a quote inside a quoted field');
      } else {
        while (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r') {
          if (input[i] === '"')
            throw new CsvError(line, 'a quote inside an unquoted field; put the field in quotes');
          field += input[i];
          i += 1;
        }
      }
      fields.push(field);
      const c = input[i];
      if (c === ',') i += 1;
      else {
        if (c === '\r') i += input[i + 1] === '\n' ? 2 : 1;
        else if (c === '\n') i += 1;
        if (c !== undefined) line += 1;
        atEnd = true;
      }
    }
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return records;
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some strip
 * before looking) as a formula: such a field is written with a leading apostrophe, as OWASP advises.
 */
function neutralised(field: string): string {
  return /^[=+\-@\t\r]/.test(field) ? `'${field}` : field;
}

/** One field, quoted when it holds a comma, quote, CR or LF, with quotes doubled. */
function quoted(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * Writes records as CSV with CRLF line ends, as RFC 4180 says. Fields that a spreadsheet would run
 * as formulas are neutralised: the file is for people's spreadsheets as much as for re-import.
 */
export function toCsv(records: readonly (readonly string[])[]): string {
  return records.map((fields) => `${fields.map((f) => quoted(neutralised(f))).join(',')}\r\n`).join('');
}
