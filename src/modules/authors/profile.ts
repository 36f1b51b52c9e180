import { hasUnsafeText } from '../../platform/text.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { SLUG_PATTERN, slugify } from '../../platform/render/slug.ts';

/** A profile as the form sends it: every field text, any of them possibly missing. */
export interface ProfileForm {
  name?: string | undefined;
  slug?: string | undefined;
  bio?: string | undefined;
  website?: string | undefined;
  avatar_url?: string | undefined;
}

/** A checked profile, ready to save. */
export interface ProfileValues {
  name: string;
  slug: string;
  bio: string;
  website: string | null;
  avatar_url: string | null;
}

// Control characters other than tab and newline have no place in a profile.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The profile's rule for a website: a full http:// or https:// address with a host. */
export function isWebAddress(value: string): boolean {
  if (!/^https?:\/\/[^\s]+$/i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The profile's rule for a picture: a web address, or a path to one of our uploads. */
export function isAvatarAddress(value: string): boolean {
  return isWebAddress(value) || /^\/uploads\/[a-z0-9][a-z0-9._/-]*$/.test(value);
}

/**
 * Checks a profile form and says what is wrong with each field, in words a person can act on. An
 * empty slug is made from the name; empty website and avatar fields mean "none".
 */
export function checkProfile(form: ProfileForm): ProfileValues {
  const fields: FieldErrors = {};
  const name = (form.name ?? '').trim();
  const bio = (form.bio ?? '').replace(/\r\n?/g, '\n').trim();
  const website = (form.website ?? '').trim();
  const avatar = (form.avatar_url ?? '').trim();
  const slug = (form.slug ?? '').trim().toLowerCase() || slugify(name);

  if (name === '') fields.name = 'Give the name readers see on the byline.';
  else if (name.length > 120) fields.name = 'Keep the name to 120 characters.';
  else if (hasUnsafeText(name)) fields.name = 'The name holds characters that cannot be shown.';

  if (slug === '') fields.slug = 'Give a slug: lowercase letters, digits and hyphens.';
  else if (slug.length > 120 || !SLUG_PATTERN.test(slug))
    fields.slug = 'Use lowercase letters, digits and single hyphens, such as "ada-lovelace".';

  if (bio.length > 2000) fields.bio = `Keep the bio to 2000 characters (it has ${bio.length}).`;
  else if (CONTROL.test(bio)) fields.bio = 'The bio holds characters that cannot be shown.';

  if (website !== '' && (website.length > 500 || !isWebAddress(website)))
    fields.website = 'Give a full address starting with https://, or leave it empty.';

  if (avatar !== '' && (avatar.length > 500 || !isAvatarAddress(avatar)))
    fields.avatar_url = 'Give the picture’s full address starting with https://, or upload an image.';

  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  return { name, slug, bio, website: website || null, avatar_url: avatar || null };
}
