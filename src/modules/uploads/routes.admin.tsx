import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { wantsJson } from '../../platform/http/negotiation.ts';
import { dropUnfitQuery, IdSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { assertCsrf, chromeFor, staffOf } from '../accounts/http.ts';
import { acceptMultipartForms, readMultipartForm } from './multipart.ts';
import type { UploadService } from './service.ts';
import { LibraryPage } from './views/library-page.tsx';

const PAGE_SIZE = 48;

/** The errors an upload form answers with its own page, so the person can try another file. */
const FORM_ERRORS = new Set(['UPLOAD_NOT_IMAGE', 'PAYLOAD_TOO_LARGE', 'VALIDATION_FAILED', 'BAD_REQUEST']);

/** `?before=<id>` pages back through the library; `?uploaded=<id>` names the image just uploaded. */
const LibraryQuerySchema = Type.Object({
  before: Type.Optional(IdSchema),
  uploaded: Type.Optional(IdSchema),
});

/** The image library and the upload form. Mounted under /admin. */
export const uploadAdminRoutes: FastifyPluginAsync<{
  uploads: UploadService;
  siteTitle: () => Promise<string>;
}> = async (scope, { uploads, siteTitle }) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  await acceptMultipartForms(app);

  async function library(args: { before?: number }) {
    const rows = await uploads.listRecent({
      limit: PAGE_SIZE + 1,
      ...(args.before !== undefined && { before: args.before }),
    });
    const shown = rows.slice(0, PAGE_SIZE);
    return {
      uploads: shown,
      ...(rows.length > PAGE_SIZE && { olderThan: shown[shown.length - 1]!.id }),
    };
  }

  app.get(
    '/uploads',
    {
      config: { permission: 'upload.create' },
      schema: { querystring: LibraryQuerySchema },
      preValidation: dropUnfitQuery(LibraryQuerySchema),
    },
    async (request, reply) => {
      const chrome = chromeFor(staffOf(request), await siteTitle());
      const { before, uploaded } = request.query;
      return reply.type('text/html; charset=utf-8').send(
        renderDocument(
          <LibraryPage
            chrome={chrome}
            {...await library(before !== undefined ? { before } : {})}
            {...(uploaded !== undefined && {
              notice: `Image uploaded. Its id is ${uploaded}: give it as the article's featured image.`,
              highlight: uploaded,
            })}
          />,
        ),
      );
    },
  );

  app.post('/uploads', { config: { permission: 'upload.create' } }, async (request, reply) => {
    const staff = staffOf(request);
    try {
      // A urlencoded post carries no file; its token was checked by the /admin scope already.
      const form = request.isMultipart() ? await readMultipartForm(request) : { fields: {} };
      if (request.isMultipart()) assertCsrf(request, form.fields._csrf);
      const file = 'file' in form ? form.file : undefined;
      if (!file)
        throw new AppError('VALIDATION_FAILED', { fields: { image: 'Choose an image file to upload.' } });
      const upload = await uploads.uploadImage({
        bytes: file.bytes,
        filename: file.filename,
        actor: { id: staff.id, name: staff.name },
      });
      if (wantsJson(request)) return reply.code(201).send({ upload });
      return reply.redirect(`/admin/uploads?uploaded=${upload.id}#upload-${upload.id}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || !FORM_ERRORS.has(error.code) || wantsJson(request)) throw error;
      const chrome = chromeFor(staff, await siteTitle());
      return reply
        .code(error.status)
        .header('cache-control', 'private, no-store')
        .type('text/html; charset=utf-8')
        .send(
          renderDocument(
            <LibraryPage
              chrome={chrome}
              {...await library({})}
              message={error.message}
              {...(error.fields && { fields: error.fields })}
            />,
          ),
        );
    }
  });
};
