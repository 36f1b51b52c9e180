import slugifyLib from 'slugify';

/** The shape every slug has: lowercase ASCII words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Makes a URL slug from a title or a name ("Café Nights at the Pier" → "cafe-nights-at-the-pier"). */
export function slugify(text: string, maxLength = 80): string {
  const slug = slugifyLib(text, { lower: true, strict: true, trim: true });
  return slug.slice(0, maxLength).replace(/-+$/, '');
}

/** True when a string is already a valid slug. */
export function isSlug(value: string): boolean {
  return value.length > 0 && value.length <= 120 && SLUG_PATTERN.test(value);
}
