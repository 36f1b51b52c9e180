import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, notFound } from '../../platform/errors.ts';
import { dropUnfitQuery, IdParamsSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { assertCsrf, chromeFor, staffOf } from '../accounts/http.ts';
import { MAX_EXPORT_BYTES, MAX_UPLOADS_ZIP_BYTES, type ImportFolder, type ImportRunService } from './runs.ts';
import { ImportPage, type ImportFormProblem } from './views/import-page.tsx';
import { ImportRunPage } from './views/import-run-page.tsx';

/** What the Import screen needs. */
export interface ImportAdminOptions {
  imports: ImportRunService;
  siteTitle: () => Promise<string>;
}

/** Two files (the export, the zip of pictures) and the token: nothing else is read. */
const LIMITS = {
  fileSize: MAX_UPLOADS_ZIP_BYTES,
  files: 2,
  fields: 8,
  fieldSize: 4 * 1024,
  parts: 10,
  headerPairs: 100,
};

/** The largest whole form: both files at their limits and a little for the fields and part headers. */
const MAX_FORM_BYTES = MAX_EXPORT_BYTES + MAX_UPLOADS_ZIP_BYTES + 1024 * 1024;

/** The errors the upload form answers on its own page, so the person can try again. */
const FORM_ERRORS = new Set(['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'BAD_REQUEST', 'IMPORT_UNAVAILABLE']);

/** The errors "Start the import" answers on the run's page. */
const START_ERRORS = new Set(['IMPORT_BUSY', 'IMPORT_NOT_READY', 'IMPORT_UNAVAILABLE']);

const RunQuerySchema = Type.Object({ updates: Type.Optional(Type.Literal('off')) });

function exportTooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', {
    message: `The export is larger than ${MAX_EXPORT_BYTES / (1024 * 1024)} MB. Import it on the server with \`dateline import wordpress\`, which has no size limit.`,
  });
}

function zipTooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', {
    message: `The zip of pictures is larger than ${MAX_UPLOADS_ZIP_BYTES / (1024 * 1024)} MB. Import the site on the server with \`dateline import wordpress --uploads\`, which has no size limit.`,
  });
}

/** The export's name as stored: its last segment, in letters, digits, dot, dash and underscore. */
function storedName(filename: string): string {
  const base = filename.replace(/\\/g, '/').split('/').pop() ?? '';
  const safe = base
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(-100);
  return safe || 'export.xml';
}

/** Writes a part's bytes to a new file, refusing past `max` bytes. Returns how many were written. */
async function save(file: Readable, target: string, max: number, tooLarge: () => AppError): Promise<number> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > max) done(tooLarge());
      else done(null, chunk);
    },
  });
  await pipeline(file, counter, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  return bytes;
}

/** What an upload brought: the export (its stored and given names) and whether a zip came. */
interface Received {
  exportFile?: { stored: string; name: string };
  hasZip: boolean;
}

/**
 * Streams the form's two files into the run's private folder, never holding them in memory. The CSRF
 * token (the form's first field) is checked before the first byte of a file is written.
 */
async function receive(request: FastifyRequest, folder: ImportFolder): Promise<Received> {
  const received: Received = { hasZip: false };
  const fields: Record<string, string> = {};
  let isTokenChecked = false;
  const checkToken = () => {
    if (isTokenChecked) return;
    assertCsrf(request, fields._csrf);
    isTokenChecked = true;
  };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !(part.fieldname in fields))
          fields[part.fieldname] = part.value;
        continue;
      }
      checkToken();
      const isExport = part.fieldname === 'export' && !received.exportFile;
      const isZip = part.fieldname === 'uploads' && !received.hasZip;
      if (!isExport && !isZip) {
        // A file this form does not ask for: read past it.
        for await (const _chunk of part.file);
        continue;
      }
      const stored = isExport ? storedName(part.filename) : '';
      const target = isExport ? path.join(folder.exportDir, stored) : folder.zipPath;
      const tooLarge = isExport ? exportTooLarge : zipTooLarge;
      const bytes = await save(
        part.file,
        target,
        isExport ? MAX_EXPORT_BYTES : MAX_UPLOADS_ZIP_BYTES,
        tooLarge,
      );
      if (part.file.truncated) throw tooLarge();
      // A file input left empty still sends a part, with no name and no bytes.
      if (bytes === 0 && part.filename === '') {
        await fs.promises.rm(target, { force: true });
        continue;
      }
      if (isExport) received.exportFile = { stored, name: part.filename };
      else received.hasZip = true;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const status = (error as { statusCode?: unknown }).statusCode;
    // Busboy's own limit: only the zip can reach it, the export's is lower and counted above.
    if (status === 413) throw zipTooLarge();
    throw new AppError('BAD_REQUEST', {
      message: 'The upload did not arrive whole. Please try again.',
      cause: error,
    });
  }
  checkToken();
  return received;
}

/**
 * The Import screen, mounted under /admin: 'import.run' (admins) on every route. An upload is streamed
 * to a private folder, checked in the background (a dry run) and shown as a report; only "Start the
 * import" writes, again in the background. Both report their progress on the run's page.
 */
export const importAdminRoutes: FastifyPluginAsync<ImportAdminOptions> = async (
  scope,
  { imports, siteTitle },
) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  // Scoped to this plugin: the upload form's files are streamed to disk, not read into memory.
  await app.register(multipart, { throwFileSizeLimit: true, limits: LIMITS });
  const allowed = { config: { permission: 'import.run' } } as const;

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    refused?: { status: number; problem: ImportFormProblem },
  ) {
    return reply
      .code(refused?.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(
          <ImportPage
            chrome={chromeFor(staffOf(request), await siteTitle())}
            runs={await imports.recent()}
            limits={{ exportBytes: MAX_EXPORT_BYTES, zipBytes: MAX_UPLOADS_ZIP_BYTES }}
            isAvailable={imports.isAvailable}
            {...(refused && { problem: refused.problem })}
          />,
        ),
      );
  }

  async function runPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { status?: number; message?: string; updates?: boolean; notice?: string } = {},
  ) {
    const run = await imports.get(id);
    if (!run) throw notFound();
    return reply
      .code(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(
          <ImportRunPage
            chrome={chromeFor(staffOf(request), await siteTitle())}
            run={run}
            updates={extra.updates ?? true}
            {...(extra.message !== undefined && { message: extra.message })}
            {...(extra.notice !== undefined && { notice: extra.notice })}
          />,
        ),
      );
  }

  app.get('/import', allowed, async (request, reply) => formPage(request, reply));

  app.post('/import', allowed, async (request, reply) => {
    const staff = staffOf(request);
    let folder: ImportFolder | undefined;
    try {
      // A body that says it is larger than any upload this form takes is refused before it is read.
      if (Number(request.headers['content-length'] ?? 0) > MAX_FORM_BYTES) throw zipTooLarge();
      // A form sent without its files (urlencoded: its token was checked by the /admin scope) has none.
      let received: Received = { hasZip: false };
      if (request.isMultipart()) {
        folder = await imports.prepare();
        received = await receive(request, folder);
      }
      if (!folder || !received.exportFile)
        throw new AppError('VALIDATION_FAILED', {
          message: 'Nothing was uploaded.',
          fields: { export: 'Choose the WordPress export file (.xml or .xml.gz).' },
        });
      const id = await imports.begin({
        folder,
        exportFile: received.exportFile.stored,
        fileName: received.exportFile.name,
        hasZip: received.hasZip,
        actor: { id: staff.id, name: staff.name },
      });
      folder = undefined;
      return reply.redirect(`/admin/import/${id}`, 303);
    } catch (error) {
      if (folder) await imports.discard(folder);
      if (!(error instanceof AppError) || !FORM_ERRORS.has(error.code)) throw error;
      return formPage(request, reply, {
        status: error.status,
        problem: {
          // Browsers never keep a chosen file: say so, rather than let the form look as it was.
          message: `${error.fields ? 'Nothing was imported.' : error.message} Choose the files again: a browser does not keep them after a refusal.`,
          ...(error.fields && { fields: error.fields }),
        },
      });
    }
  });

  app.get(
    '/import/:id',
    {
      ...allowed,
      schema: { params: IdParamsSchema, querystring: RunQuerySchema },
      preValidation: dropUnfitQuery(RunQuerySchema),
    },
    async (request, reply) =>
      runPage(request, reply, request.params.id, { updates: request.query.updates !== 'off' }),
  );

  app.post('/import/:id/run', { ...allowed, schema: { params: IdParamsSchema } }, async (request, reply) => {
    const staff = staffOf(request);
    const { id } = request.params;
    try {
      await imports.start(id, { id: staff.id, name: staff.name });
    } catch (error) {
      if (!(error instanceof AppError) || !START_ERRORS.has(error.code)) throw error;
      return runPage(request, reply, id, { status: error.status, message: error.message });
    }
    return reply.redirect(`/admin/import/${id}`, 303);
  });
};
