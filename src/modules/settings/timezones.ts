// Building an Intl.DateTimeFormat costs more than rendering a page, and settings are read on every
// uncached request, so each zone name is checked once.
const known = new Map<string, boolean>();

/** True when the runtime knows an IANA time zone by this name. */
export function isTimeZone(name: string): boolean {
  let isKnown = known.get(name);
  if (isKnown === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      isKnown = true;
    } catch {
      isKnown = false;
    }
    if (known.size < 1000) known.set(name, isKnown);
  }
  return isKnown;
}
