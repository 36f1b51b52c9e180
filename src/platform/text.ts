// What people type goes through these before it is stored: the rules for comments, titles, names,
// tags and the site's title are the same, so that no field is the one that lets a trick through.

/** A lone UTF-16 surrogate (from JSON "\ud800" or a broken encoding) cannot be stored as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Characters no title, name or comment needs: controls (NUL included) except tab, newline and
 * carriage return, and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) that make text read differently from how it is stored, as in a name that shows
 * as "moc.evil" but sorts and links as something else.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/** True when `value` holds a lone surrogate, a control but tab and line breaks, or a bidirectional override. */
export function hasUnsafeText(value: string): boolean {
  return stripUnsafeControls(value) !== value || replaceLoneSurrogates(value) !== value;
}

/** Replaces each lone surrogate with U+FFFD, as a UTF-8 decoder would. */
export function replaceLoneSurrogates(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

/** Removes controls (but tab and line breaks) and bidirectional overrides and isolates. */
export function stripUnsafeControls(value: string): string {
  return value.replace(UNSAFE_CONTROLS, '');
}

/**
 * A one-line label as stored: a title, a name, a tag. Lone surrogates become U+FFFD; controls,
 * line breaks and bidirectional overrides are dropped; the ends are trimmed. May return ''.
 */
export function cleanLabel(value: string): string {
  return stripUnsafeControls(replaceLoneSurrogates(value))
    .replace(/[\t\r\n]+/g, ' ')
    .trim();
}
