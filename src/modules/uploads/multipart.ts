import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { MAX_UPLOAD_BYTES } from './service.ts';

/** A multipart form, read whole: its text fields and at most one file. */
export interface MultipartForm {
  fields: Record<string, string>;
  /** The first file the form carried, unless its input was left empty. */
  file?: { fieldname: string; filename: string; bytes: Buffer };
}

const LIMITS = {
  fileSize: MAX_UPLOAD_BYTES,
  files: 1,
  fields: 40,
  fieldSize: 64 * 1024,
  parts: 48,
  headerPairs: 100,
};

/** The largest whole form the limits allow: the file, every field at its limit, a header per part. */
const MAX_FORM_BYTES = LIMITS.fileSize + LIMITS.parts * (LIMITS.fieldSize + 16 * 1024);

/**
 * Lets the plugin that calls it (and only that plugin: the parser is scoped to it) accept
 * multipart forms with one file of at most the upload limit.
 */
export async function acceptMultipartForms(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { throwFileSizeLimit: true, limits: LIMITS });
}

/**
 * Reads a multipart form in full. A file past the limit is PAYLOAD_TOO_LARGE. The caller checks
 * the CSRF token (the `_csrf` field) before acting on anything read here.
 */
export async function readMultipartForm(request: FastifyRequest): Promise<MultipartForm> {
  const form: MultipartForm = { fields: {} };
  // A body that says it is larger than any form we accept is refused before a byte of it is read.
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_FORM_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        // A file input left empty still sends a part, with no name and no bytes.
        if (!form.file && (part.filename !== '' || bytes.byteLength > 0))
          form.file = { fieldname: part.fieldname, filename: part.filename, bytes };
      } else if (typeof part.value === 'string' && !(part.fieldname in form.fields)) {
        form.fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const status = (error as { statusCode?: unknown }).statusCode;
    if (status === 413)
      throw new AppError('PAYLOAD_TOO_LARGE', {
        message: `That file is too large: at most ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB.`,
        cause: error,
      });
    throw new AppError('BAD_REQUEST', { cause: error });
  }
  return form;
}
