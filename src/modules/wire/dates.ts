// Our own strict reader for the dates feeds carry. Feed parsers guess: "04.12.2026" comes out as
// 12 April in most of them. We read exactly two forms, RFC 822 (as RFC 1123 and 2822 use it: RSS's
// pubDate and HTTP dates) and RFC 3339 (Atom, JSON Feed, dc:date), and anything else is not a date.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// RFC 822's zones and RFC 2822's obsolete ones. Military letters are left out: RFC 1123 says their
// signs were defined backwards and must not be trusted. Other names (KST, CET) are ambiguous.
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -5 * 60,
  edt: -4 * 60,
  cst: -6 * 60,
  cdt: -5 * 60,
  mst: -7 * 60,
  mdt: -6 * 60,
  pst: -8 * 60,
  pdt: -7 * 60,
};

const RFC822 =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[a-z]+)$/i;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(z|[+-]\d{2}:?\d{2})$/i;

/** A date and time that exists, in UTC, from its parts; undefined when a part is out of range. */
function utc(parts: {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms?: number;
  offsetMinutes: number;
}): Date | undefined {
  const { year, month, day, hour, minute, second, offsetMinutes } = parts;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  // A leap second is read as the last second of its minute.
  const time = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), parts.ms ?? 0);
  return new Date(time - offsetMinutes * 60_000);
}

function offsetOf(text: string): number | undefined {
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (numeric) {
    const [, sign, hours, minutes] = numeric as unknown as [string, string, string, string];
    if (Number(hours) > 23 || Number(minutes) > 59) return undefined;
    return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  }
  return ZONES[text.toLowerCase()];
}

/** An RFC 822 date ("Fri, 04 Dec 2026 10:00:00 +0900"), or undefined. */
export function readRfc822(text: string): Date | undefined {
  const match = RFC822.exec(text.trim().replace(/\s+/g, ' '));
  if (!match) return undefined;
  const [, day, monthName, yearText, hour, minute, second, zone] = match as unknown as string[];
  const month = MONTHS.indexOf((monthName as string).toLowerCase()) + 1;
  const offsetMinutes = offsetOf(zone as string);
  if (month === 0 || offsetMinutes === undefined) return undefined;
  // RFC 2822 §4.3: a two-digit year below 50 is 20xx, else 19xx.
  let year = Number(yearText);
  if ((yearText as string).length === 2) year += year < 50 ? 2000 : 1900;
  return utc({
    year,
    month,
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
    offsetMinutes,
  });
}

/** An RFC 3339 date-time ("2026-12-04T10:00:00+09:00"), or undefined; a time without a zone is not one. */
export function readRfc3339(text: string): Date | undefined {
  const match = RFC3339.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match as unknown as string[];
  const offsetMinutes = offsetOf((zone as string).toLowerCase() === 'z' ? 'z' : (zone as string));
  if (offsetMinutes === undefined) return undefined;
  return utc({
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
    ms: fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0,
    offsetMinutes,
  });
}

/** A date read strictly in either form, or undefined. */
export function readFeedDate(text: string): Date | undefined {
  return readRfc3339(text) ?? readRfc822(text);
}

/** How an item's time was decided. */
export type DateSource = 'feed' | 'fetch-time' | 'clamped';

/** An item's time: the feed's when it reads strictly and is not in the future, else the fetch time. */
export function decidePublishedAt(
  raw: string | undefined,
  fetchedAt: Date,
): { at: Date; raw: string | null; how: DateSource } {
  const text = raw?.trim() ?? '';
  if (text === '') return { at: fetchedAt, raw: null, how: 'fetch-time' };
  const read = readFeedDate(text);
  if (!read) return { at: fetchedAt, raw: text.slice(0, 200), how: 'fetch-time' };
  if (read.getTime() > fetchedAt.getTime()) return { at: fetchedAt, raw: text.slice(0, 200), how: 'clamped' };
  return { at: read, raw: text.slice(0, 200), how: 'feed' };
}

/** An HTTP-date (Retry-After, Expires, Last-Modified): RFC 9110's preferred form is RFC 822's. */
export function readHttpDate(text: string): Date | undefined {
  return readRfc822(text);
}
