import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import {
  AppError,
  publicMessage,
  statusOf,
  type ErrorCode,
  type FieldErrors,
} from '../../platform/errors.ts';
import { ARTICLE_FIELDS } from './schemas.ts';

// Ajv's words for a failed pattern name the regular expression, which helps nobody; these say what to send.
const patternMessages: Record<string, string> = {
  fields: `must be a comma-separated list of: ${ARTICLE_FIELDS.join(', ')}`,
  tag: 'must be a tag slug (lowercase letters, digits and hyphens)',
  author: 'must be an author slug (lowercase letters, digits and hyphens)',
  cursor: 'is not a cursor this API gave; copy it from a `next` link',
};

/** Fastify's client errors in our catalogue; undefined means "our fault". */
function codeOf(error: FastifyError): ErrorCode | undefined {
  if (error.validation) return 'VALIDATION_FAILED';
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

/** One field name and sentence per failed parameter, the first problem of each. */
function fieldsOf(error: FastifyError): FieldErrors {
  const fields: FieldErrors = {};
  for (const problem of error.validation ?? []) {
    const params = problem.params as { missingProperty?: unknown } | undefined;
    const name =
      problem.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
      (typeof params?.missingProperty === 'string' ? params.missingProperty : '') ||
      error.validationContext ||
      'request';
    const message =
      problem.keyword === 'required'
        ? 'is required'
        : problem.keyword === 'pattern' && patternMessages[name]
          ? patternMessages[name]
          : (problem.message ?? 'is not valid');
    fields[name] ??= message;
  }
  return fields;
}

function send(
  reply: FastifyReply,
  args: { status: number; code: ErrorCode; message: string; fields?: FieldErrors | undefined },
) {
  return reply
    .code(args.status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({
      error: { code: args.code, message: args.message, ...(args.fields && { fields: args.fields }) },
    });
}

/**
 * The API's errors are JSON whatever the client's Accept says: `{ error: { code, message, fields? } }`.
 * Scoped to the API plugin, so the site's pages keep their HTML error pages. A database error or a
 * stack trace never reaches the client; the original is logged.
 */
export function registerApiErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error.cause ?? error }, error.message);
      return send(reply, error);
    }
    const code = codeOf(error);
    if (code) {
      return send(reply, {
        status: statusOf(code),
        code,
        message: publicMessage(code),
        ...(error.validation && { fields: fieldsOf(error) }),
      });
    }
    request.log.error({ err: error }, 'unhandled error in the Content API');
    return send(reply, { status: 500, code: 'INTERNAL', message: publicMessage('INTERNAL') });
  });

  app.setNotFoundHandler(async (_request, reply) =>
    send(reply, { status: 404, code: 'NOT_FOUND', message: 'There is no such API resource.' }),
  );
}
