import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, publicMessage, statusOf, type ErrorCode, type FieldErrors } from '../errors.ts';
import { wantsJson } from './negotiation.ts';

/** Draws an error page. Given by the composition root, since only modules know the site's layout. */
export type ErrorPageRenderer = (
  request: FastifyRequest,
  args: { status: number; code: ErrorCode; message: string; detail?: string },
) => Promise<string> | string;

// Fastify's own errors that are the client's fault, mapped to our catalogue.
function fromFastify(error: FastifyError): ErrorCode | undefined {
  if (error.validation) return 'VALIDATION_FAILED';
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
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return error.statusCode === 404
      ? 'NOT_FOUND'
      : error.statusCode === 413
        ? 'PAYLOAD_TOO_LARGE'
        : 'BAD_REQUEST';
  }
  return undefined;
}

/**
 * One error handler for the whole app: an HTML page or JSON according to Accept. It never shows a
 * database error or (in production) a stack trace; the original is logged.
 */
export function registerErrorHandling(
  app: FastifyInstance,
  options: { renderPage: ErrorPageRenderer; isProduction: boolean },
): void {
  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    args: { status: number; code: ErrorCode; message: string; fields?: FieldErrors; detail?: string },
  ) {
    reply.code(args.status).header('cache-control', 'no-store');
    if (wantsJson(request)) {
      return reply.send({
        error: { code: args.code, message: args.message, ...(args.fields && { fields: args.fields }) },
      });
    }
    const html = await options.renderPage(request, args);
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
    const code = fromFastify(error);
    if (code) {
      const fields = error.validation
        ? Object.fromEntries(
            error.validation.map((v) => [
              v.instancePath.replace(/^\//, '') ||
                (typeof v.params?.missingProperty === 'string' ? v.params.missingProperty : 'request'),
              v.message ?? 'is not valid',
            ]),
          )
        : undefined;
      return send(request, reply, {
        status: statusOf(code),
        code,
        message: publicMessage(code),
        ...(fields && { fields }),
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, {
      status: 500,
      code: 'INTERNAL',
      message: publicMessage('INTERNAL'),
      ...(!options.isProduction && error.stack ? { detail: error.stack } : {}),
    });
  });

  app.setNotFoundHandler(async (request, reply) =>
    send(request, reply, { status: 404, code: 'NOT_FOUND', message: publicMessage('NOT_FOUND') }),
  );
}
