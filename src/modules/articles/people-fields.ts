import { cleanLabel } from '../../platform/text.ts';

// The Authors and Tags fields are comma-separated text, with script or without: the combobox
// writes the same field a person types in. These rules read that text against the names that
// exist, so that nobody has to know a slug, and a name with a comma in it stays one name.

/** One author as the Authors field knows them. */
export interface Byline {
  slug: string;
  name: string;
}

/** The key two spellings of one label share: clean, single spaces, ", " after commas, lowercase. */
export function labelKey(text: string): string {
  return cleanLabel(text)
    .replace(/\s+/g, ' ')
    .replace(/\s*,\s*/g, ', ')
    .toLocaleLowerCase('en');
}

// The most comma-separated pieces one known name may span ("Ng, Jr., MBE").
const MAX_PIECES = 4;

/**
 * Splits comma-separated text into labels, keeping together the pieces that spell a known label
 * with commas in it (`knownKeys` holds their labelKey). Empty items are dropped; nothing else is.
 */
export function splitLabels(text: string, knownKeys: ReadonlySet<string> = new Set()): string[] {
  const pieces = text.split(',');
  const labels: string[] = [];
  for (let i = 0; i < pieces.length;) {
    let span = 1;
    for (let k = Math.min(MAX_PIECES, pieces.length - i); k > 1; k -= 1) {
      if (knownKeys.has(labelKey(pieces.slice(i, i + k).join(',')))) {
        span = k;
        break;
      }
    }
    const label = cleanLabel(pieces.slice(i, i + span).join(','));
    if (label !== '') labels.push(label);
    i += span;
  }
  return labels;
}

/**
 * How the newsroom names each author: their name, or "Name (slug)" for the rare two who share one,
 * so that the text still says whom it means. By slug.
 */
export function bylineLabels(roster: readonly Byline[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const a of roster) count.set(labelKey(a.name), (count.get(labelKey(a.name)) ?? 0) + 1);
  return new Map(
    roster.map((a) => [a.slug, (count.get(labelKey(a.name)) ?? 0) > 1 ? `${a.name} (${a.slug})` : a.name]),
  );
}

/** The keys of every author's label, for splitLabels. */
export function bylineKeys(roster: readonly Byline[]): Set<string> {
  return new Set([...bylineLabels(roster).values()].map(labelKey));
}

/**
 * The Authors field's labels → author slugs, in byline order, duplicates dropped. A label is an
 * author's slug (as the combobox writes it), their label, or a name only one author has. Names
 * nobody has, and names several people share, come back for the error.
 */
export function matchBylines(
  labels: readonly string[],
  roster: readonly Byline[],
): { slugs: string[]; unknown: string[]; ambiguous: string[] } {
  const slugs = new Set(roster.map((a) => a.slug));
  const byLabel = new Map([...bylineLabels(roster)].map(([slug, label]) => [labelKey(label), slug]));
  const byName = new Map<string, string[]>();
  for (const a of roster) byName.set(labelKey(a.name), [...(byName.get(labelKey(a.name)) ?? []), a.slug]);
  const chosen: string[] = [];
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  for (const label of labels) {
    const key = labelKey(label);
    const named = byName.get(key) ?? [];
    const slug = slugs.has(label) ? label : (byLabel.get(key) ?? (named.length === 1 ? named[0] : undefined));
    if (slug !== undefined) {
      if (!chosen.includes(slug)) chosen.push(slug);
    } else if (named.length > 1) ambiguous.push(label);
    else unknown.push(label);
  }
  return { slugs: chosen, unknown, ambiguous };
}

/**
 * The Authors field as a person reads it: each slug (as revisions keep them) becomes the author's
 * label; anything else stays as typed, so that a refused save shows what was sent.
 */
export function bylinesForDisplay(text: string, roster: readonly Byline[]): string {
  const labels = bylineLabels(roster);
  const bySlug = new Map(roster.map((a) => [a.slug, labels.get(a.slug) ?? a.name]));
  return splitLabels(text, bylineKeys(roster))
    .map((label) => bySlug.get(label) ?? label)
    .join(', ');
}
