// The editor's "Publish at" is a datetime-local input: a wall-clock time with no zone. It means the
// site's time zone (the `site.timezone` setting), whatever the browser's or the server's zone is.

const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (wallClocks.size < 100) wallClocks.set(timeZone, format);
  }
  return format;
}

// The wall-clock time in `timeZone` at instant `ms`, written as if it were UTC (milliseconds).
function wallClockAt(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormat(timeZone).formatToParts(new Date(ms)))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * "2026-11-27T09:30" as the site's time zone reads it → ISO 8601 UTC. Undefined when the text is
 * not a real date and time. A time that a daylight-saving jump skips is taken one hour later.
 */
export function fromLocalInput(value: string, timeZone: string): string | undefined {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((n) => Number(n ?? 0));
  if (year === undefined || month === undefined || day === undefined || hour === undefined) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute ?? 0, second ?? 0);
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    year < 1970
  )
    return undefined;
  // The zone's offset at a guess, then again at the corrected instant: two steps settle it, also
  // next to a daylight-saving change.
  const first = wall - (wallClockAt(wall, timeZone) - wall);
  const second_ = wall - (wallClockAt(first, timeZone) - first);
  return new Date(second_).toISOString();
}

/** An ISO instant → "2026-11-27T09:30" in the site's time zone, for a datetime-local input. */
export function toLocalInput(iso: string, timeZone: string): string {
  const wall = new Date(wallClockAt(new Date(iso).getTime(), timeZone));
  return wall.toISOString().slice(0, 16);
}

const stamps = new Map<string, Intl.DateTimeFormat>();

/** "27 Nov 2026, 09:30" in the site's time zone, for the newsroom's lists. */
export function formatStamp(iso: string, timeZone: string): string {
  let format = stamps.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    if (stamps.size < 100) stamps.set(timeZone, format);
  }
  return format.format(new Date(iso));
}
