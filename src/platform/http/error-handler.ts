import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, publicMessage, statusOf, type ErrorCode, type FieldErrors } from '../errors.ts';
import { fieldPath } from '../validation.ts';
import { wantsJson } from './negotiation.ts';

/** Draws an error page. Given by the composition root, since only modules know the site's layout. */
export type ErrorPageRenderer = (
  request: FastifyRequest,
  args: { status: number; code: ErrorCode; message: string; detail?: string },
) => Promise<string> | string;

/** How a scope answers its errors. */
export type ErrorHandlingOptions =
  | {
      /** An HTML page, or JSON when the client's Accept prefers it: the site and the newsroom. */
      format: 'negotiate';
      renderPage: ErrorPageRenderer;
      isProduction: boolean;
      /**
       * Asked before a GET or HEAD is answered 404: a redirect for the address, if one is stored, or
       * `gone` for an address marked 410 (the composition root passes the redirects module's lookup).
       */
      redirectFor?: (
        request: FastifyRequest,
      ) => Promise<{ location: string; status: number } | { gone: true } | undefined>;
    }
  | {
      /** JSON whatever Accept says: an API. */
      format: 'json';
      /** The 404 sentence for an address with no route in this scope. */
      notFoundMessage?: string;
      /**
       * What to send instead, by field path, for a value that fails its pattern: the validator's
       * words name the regular expression, which helps nobody.
       */
      patternHints?: Readonly<Record<string, string>>;
    };

type Answer = { status: number; code: ErrorCode; message: string; fields?: FieldErrors; detail?: string };

// Fastify's own errors that are the client's fault, mapped to our catalogue; undefined is "our fault".
function fromFastify(error: FastifyError): ErrorCode | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'BAD_REQUEST';
  }
  const status = error.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  switch (status) {
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return 'BAD_REQUEST';
  }
}

/**
 * A request that fails its route's schema. A path that cannot name anything (`/articles/0/edit`,
 * `/page/abc/`) is an address with nothing at it: 404, as before schemas, on every page and in the
 * API. So is a reader page's query string that names no page (`/search?page=0`): readers and crawlers
 * get the same answer as for any unknown address. Anything else is 400 VALIDATION_FAILED with
 * `fields`, by the one field-path spelling (see platform/validation.ts).
 */
function fromValidation(error: FastifyError, request: FastifyRequest, options: ErrorHandlingOptions): Answer {
  const context = error.validationContext;
  const isReaderPage =
    options.format === 'negotiate' &&
    request.routeOptions.config.permission === 'public' &&
    (request.method === 'GET' || request.method === 'HEAD');
  if (context === 'params' || (context === 'querystring' && isReaderPage)) {
    return { status: statusOf('NOT_FOUND'), code: 'NOT_FOUND', message: publicMessage('NOT_FOUND') };
  }
  const hints = options.format === 'json' ? options.patternHints : undefined;
  const fields: FieldErrors = {};
  for (const problem of error.validation ?? []) {
    const params = problem.params as { missingProperty?: unknown } | undefined;
    const missing = typeof params?.missingProperty === 'string' ? params.missingProperty : undefined;
    const name =
      fieldPath(missing === undefined ? problem.instancePath : `${problem.instancePath}/${missing}`) ||
      context ||
      'request';
    const hint = problem.keyword === 'pattern' ? hints?.[name] : undefined;
    fields[name] ??=
      problem.keyword === 'required'
        ? 'is required'
        : (hint ??
          (problem.keyword === 'pattern'
            ? 'is not in the expected form'
            : (problem.message ?? 'is not valid')));
  }
  return {
    status: statusOf('VALIDATION_FAILED'),
    code: 'VALIDATION_FAILED',
    message: publicMessage('VALIDATION_FAILED'),
    fields,
  };
}

/**
 * The one error handler, for the whole app and for the API's scope: JSON `{ error: { code, message,
 * fields? } }` or an HTML page, from the one catalogue in platform/errors.ts. It never shows a
 * database error or (in production) a stack trace; the original is logged.
 */
export function registerErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions): void {
  async function send(request: FastifyRequest, reply: FastifyReply, answer: Answer) {
    if (answer.status === 404 && options.format === 'negotiate' && options.redirectFor) {
      // The database may be what failed; the 404 must still be sent.
      const redirect = await options.redirectFor(request).catch(() => undefined);
      if (redirect && 'gone' in redirect)
        return send(request, reply, {
          status: statusOf('GONE'),
          code: 'GONE',
          message: publicMessage('GONE'),
        });
      if (redirect) return reply.redirect(redirect.location, redirect.status);
    }
    reply.code(answer.status).header('cache-control', 'no-store');
    if (options.format === 'json' || wantsJson(request)) {
      return reply.type('application/json; charset=utf-8').send({
        error: {
          code: answer.code,
          message: answer.message,
          ...(answer.fields && { fields: answer.fields }),
        },
      });
    }
    const html = await options.renderPage(request, {
      status: answer.status,
      code: answer.code,
      message: answer.message,
      ...(answer.detail !== undefined && { detail: answer.detail }),
    });
    return reply.type('text/html; charset=utf-8').send(html);
  }

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error.cause ?? error }, error.message);
      return send(request, reply, {
        status: error.status,
        code: error.code,
        message: error.message,
        ...(error.fields && { fields: error.fields }),
      });
    }
    if (error.validation) return send(request, reply, fromValidation(error, request, options));
    const code = fromFastify(error);
    if (code) return send(request, reply, { status: statusOf(code), code, message: publicMessage(code) });
    request.log.error({ err: error }, 'unhandled error');
    const showStack = options.format === 'negotiate' && !options.isProduction && error.stack;
    return send(request, reply, {
      status: 500,
      code: 'INTERNAL',
      message: publicMessage('INTERNAL'),
      ...(showStack && { detail: error.stack }),
    });
  });

  const notFoundMessage =
    (options.format === 'json' ? options.notFoundMessage : undefined) ?? publicMessage('NOT_FOUND');
  app.setNotFoundHandler(async (request, reply) =>
    send(request, reply, { status: 404, code: 'NOT_FOUND', message: notFoundMessage }),
  );
}
