import type { FieldErrors } from '../../platform/errors.ts';
import { replaceLoneSurrogates, stripUnsafeControls } from '../../platform/text.ts';
import { readId } from '../../platform/validation.ts';

/** The comment form's limits, as WordPress sets them, so readers' saved form data carries over. */
export const COMMENT_LIMITS = { comment: 65_525, author: 245, email: 100, url: 200 } as const;

/** A field humans never see (it is hidden from view and from assistive technology); robots fill it. */
export const HONEYPOT_FIELD = 'homepage_url';

/** The cookie-consent checkbox, named as WordPress names it. */
export const CONSENT_FIELD = 'wp-comment-cookies-consent';

/** What the reader typed, kept verbatim so that a rejected form can be shown again unchanged. */
export interface CommentFormValues {
  comment: string;
  author: string;
  email: string;
  url: string;
  comment_parent: string;
  /** The reader ticked "Save my name, email, and website in this browser". */
  consent: boolean;
  /** The honeypot's content; anything but empty marks a robot. */
  honeypot: string;
}

/** A checked comment, ready for the moderation rules. */
export interface CommentInput {
  body: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  parentId: number | null;
}

// WordPress's is_email rules: a local part of safe ASCII, then at least two dot-separated labels
// of letters, digits and hyphens, none starting or ending with a hyphen. No IDN.
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** True for an address WordPress would accept. */
export function isEmail(value: string): boolean {
  return value.length >= 6 && EMAIL.test(value) && !value.includes('..');
}

function text(value: unknown): string {
  const raw =
    typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
  return replaceLoneSurrogates(raw);
}

/** Reads the form fields a browser or a JSON client sent, whatever their shape. */
export function readCommentForm(body: unknown): CommentFormValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return {
    comment: text(b.comment),
    author: text(b.author),
    email: text(b.email),
    url: text(b.url),
    comment_parent: text(b.comment_parent),
    consent: text(b[CONSENT_FIELD]) === 'yes' || b[CONSENT_FIELD] === true,
    honeypot: text(b[HONEYPOT_FIELD]),
  };
}

// Invisible characters that let one name pose as another. Zero-width joiners stay: some scripts
// and emoji need them.
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD\u200E\u200F\u061C]/g;

/** Checks the form. Returns the input, or one message per field naming the reason. */
export function checkCommentForm(
  values: CommentFormValues,
): { ok: true; input: CommentInput } | { ok: false; fields: FieldErrors } {
  const fields: FieldErrors = {};
  const body = stripUnsafeControls(values.comment.replace(/\r\n?/g, '\n')).trim();
  const authorName = stripUnsafeControls(values.author).replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
  const authorEmail = values.email.trim().toLowerCase();
  const url = values.url.trim();

  if (body === '') fields.comment = 'Please type your comment.';
  else if (body.length > COMMENT_LIMITS.comment)
    fields.comment = `Your comment is too long: at most ${COMMENT_LIMITS.comment.toLocaleString('en')} characters.`;

  if (authorName === '') fields.author = 'Please give your name.';
  else if (authorName.length > COMMENT_LIMITS.author)
    fields.author = `Your name is too long: at most ${COMMENT_LIMITS.author} characters.`;

  if (authorEmail === '') fields.email = 'Please give your email address. It will not be published.';
  else if (authorEmail.length > COMMENT_LIMITS.email)
    fields.email = `Your email address is too long: at most ${COMMENT_LIMITS.email} characters.`;
  else if (!isEmail(authorEmail))
    fields.email = 'Please enter a valid email address, such as name@example.com.';

  let authorUrl: string | null = null;
  if (url !== '') {
    if (url.length > COMMENT_LIMITS.url)
      fields.url = `Your website address is too long: at most ${COMMENT_LIMITS.url} characters.`;
    else if (!isWebUrl(url)) fields.url = 'Your website must be an http:// or https:// address.';
    else authorUrl = new URL(url).href;
  }

  let parentId: number | null = null;
  const parent = values.comment_parent.trim();
  if (parent !== '' && parent !== '0') {
    parentId = readId(parent) ?? null;
    if (parentId === null) fields.comment_parent = 'The comment you replied to is not valid.';
  }

  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, input: { body, authorName, authorEmail, authorUrl, parentId } };
}

/** The comment form's rule for a commenter's website: an http:// or https:// address with a host. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
