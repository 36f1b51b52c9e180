// One catalogue for every error Dateline answers with, in the style of Fastify's FST_ERR_* codes:
// a stable code that tests and API clients match on, an HTTP status, and a public message.
// The original error, when there is one, is kept as `cause` and never shown to a client.

const catalogue = {
  NOT_FOUND: { status: 404, message: 'The page you asked for is not here.' },
  GONE: { status: 410, message: 'The page you asked for has been removed for good.' },
  VALIDATION_FAILED: { status: 400, message: 'Some fields need another look.' },
  BAD_REQUEST: { status: 400, message: 'The request could not be understood.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'That kind of request body is not accepted here.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'That method is not allowed here.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do that.' },
  CROSS_SITE_REQUEST: { status: 403, message: 'Requests from other sites are refused.' },
  COMMENT_CLOSED: { status: 403, message: 'Comments are closed on this article.' },
  COMMENT_DUPLICATE: {
    status: 409,
    message: 'Duplicate comment: it looks as though you have already said that.',
  },
  COMMENT_FLOOD: { status: 429, message: 'You are posting comments too quickly. Please wait a moment.' },
  SLUG_TAKEN: { status: 409, message: 'That slug is already in use.' },
  SIGN_IN_REQUIRED: { status: 401, message: 'Please sign in to continue.' },
  SIGN_IN_FAILED: { status: 401, message: 'That email and password do not match an account.' },
  SIGN_IN_THROTTLED: {
    status: 429,
    message: 'Too many failed attempts to sign in. Please wait a few minutes and try again.',
  },
  SIGN_IN_BUSY: {
    status: 429,
    message: 'Too many sign-ins are being checked at this moment. Please wait a few seconds and try again.',
  },
  LAST_ADMIN: {
    status: 409,
    message:
      'This is the last admin who can sign in. Make someone else an admin first, or the newsroom would have none.',
  },
  FORM_EXPIRED: {
    status: 403,
    message: 'This form has expired or did not come from this site. Please reload the page and try again.',
  },
  PREVIEW_LINK_EXPIRED: { status: 410, message: 'This preview link has expired or was withdrawn.' },
  LINK_INVALID: { status: 410, message: 'This link has been used already or has expired.' },
  EMAIL_TAKEN: { status: 409, message: 'An account with that email already exists.' },
  UPLOAD_NOT_IMAGE: {
    status: 415,
    message: 'That file is not an image Dateline can use. Upload a JPEG, PNG, WebP, GIF or AVIF.',
  },
  UPLOAD_IN_USE: {
    status: 409,
    message: 'This image is still used, so it cannot be deleted. Take it out of those first.',
  },
  IMAGE_ALT_MISSING: {
    status: 422,
    message:
      'Every image needs alt text before the article goes live: describe it for people who cannot see it.',
  },
  EDIT_CONFLICT: {
    status: 409,
    message: 'Someone else saved this article after you opened it. Your text is kept below.',
  },
  BODY_TOO_COMPLEX: {
    status: 422,
    message:
      'The article body took too long to turn into a page, so nothing was saved. Long runs of brackets, "![", asterisks or underscores are the usual cause: break them up and try again.',
  },
  SUGGESTIONS_TOO_SLOW: {
    status: 422,
    message: 'The draft took too long to read for topic suggestions. Try again, or add tags by hand.',
  },
  RENDER_BUSY: {
    status: 503,
    message: 'The newsroom is busy turning other articles into pages. Please try again in a moment.',
  },
  NEWSROOM_RATE_LIMITED: {
    status: 429,
    message:
      'You are saving or previewing faster than the newsroom allows. Please wait a minute and try again.',
  },
  PUBLICATION_NOT_EMPTY: {
    status: 409,
    message: 'This database already holds a publication: import only into an empty one.',
  },
  IMPORT_BUSY: {
    status: 409,
    message: 'Another import is running. Wait until it is done, then start this one.',
  },
  IMPORT_NOT_READY: {
    status: 409,
    message:
      'This import cannot be started: only a checked export that is not already being imported can be.',
  },
  IMPORT_UNAVAILABLE: {
    status: 503,
    message:
      'This server has no private folder for imports (DATELINE_DATA_DIR). Use `dateline import wordpress` on the server instead.',
  },
  WIRE_SOURCE_TAKEN: { status: 409, message: 'The wire desk already follows a feed at that address.' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'The database is not answering.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** Every stable error code. */
export type ErrorCode = keyof typeof catalogue;

/** Per-field problems, keyed by the form field's name, each a sentence a reader can act on. */
export type FieldErrors = Record<string, string>;

/** The one error type services throw. The error handler turns it into HTML or JSON. */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldErrors | undefined;

  constructor(code: ErrorCode, options: { message?: string; fields?: FieldErrors; cause?: unknown } = {}) {
    super(options.message ?? catalogue[code].message, { cause: options.cause });
    this.code = code;
    this.status = catalogue[code].status;
    this.fields = options.fields;
  }
}

/** Shorthand for the most common throw. */
export function notFound(): AppError {
  return new AppError('NOT_FOUND');
}

/** The public message for a code, for handlers that render without an AppError in hand. */
export function publicMessage(code: ErrorCode): string {
  return catalogue[code].message;
}

/** The status for a code. */
export function statusOf(code: ErrorCode): number {
  return catalogue[code].status;
}
