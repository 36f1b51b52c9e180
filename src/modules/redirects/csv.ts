import { CsvError, parseCsv, toCsv } from '../../platform/csv.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import type { Redirect } from './repository.ts';
import {
  isRedirectStatus,
  normalisedInput,
  redirectInputProblems,
  type RedirectImportRow,
} from './service.ts';

/** The columns of a redirects file, in order; the header line is written and may be read. */
const HEADER = ['from', 'to', 'status', 'external'] as const;

/** The redirects table as CSV: a header, then one line per redirect. */
export function redirectsToCsv(rows: readonly Redirect[]): string {
  return toCsv([
    HEADER,
    ...rows.map((r) => [r.from_path, r.to_path, String(r.status), r.is_external === 1 ? 'yes' : 'no']),
  ]);
}

const YES = new Set(['yes', 'true', '1']);
const NO = new Set(['', 'no', 'false', '0']);

/**
 * Reads a redirects file: `from,to[,status[,external]]` per line, an optional header line first.
 * Status is 301 when empty; external is yes/no (or true/false, 1/0). A malformed file or row is
 * VALIDATION_FAILED with one field per bad line, `line N`, so that the whole file is refused.
 */
export function redirectsFromCsv(text: string): RedirectImportRow[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw new AppError('VALIDATION_FAILED', {
      fields: { [`line ${error.line}`]: error.message.replace(/^line \d+: /, '') },
    });
  }
  if (records[0]?.fields[0]?.trim().toLowerCase() === 'from') records.shift();
  const rows: RedirectImportRow[] = [];
  const fields: FieldErrors = {};
  const seen = new Map<string, number>();
  for (const { line, fields: cells } of records) {
    const [from = '', to = '', status = '', external = ''] = cells.map((c) => c.trim());
    const problems: string[] = [];
    if (cells.length < 2 || cells.length > 4)
      problems.push('needs 2 to 4 fields: from, to, status, external');
    const code = status === '' ? 301 : /^\d{3}$/.test(status) ? Number(status) : NaN;
    if (!isRedirectStatus(code)) problems.push('status must be 301, 302 or 410');
    const flag = external.toLowerCase();
    if (!YES.has(flag) && !NO.has(flag)) problems.push('external must be yes or no');
    const row = { line, from, to, status: code as 301 | 302 | 410, external: YES.has(flag) };
    // The row's own checks too, so that one answer names every bad line.
    if (problems.length === 0) {
      const stored = normalisedInput(row);
      for (const [field, problem] of Object.entries(redirectInputProblems(stored)))
        problems.push(`${field} ${problem}`);
      const earlier = seen.get(stored.from);
      if (earlier !== undefined) problems.push(`from is also on line ${earlier}`);
      seen.set(stored.from, line);
    }
    if (problems.length > 0) fields[`line ${line}`] = problems.join('; ');
    else rows.push(row);
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  return rows;
}
