import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { wantsJson } from '../../platform/http/negotiation.ts';
import { dropUnfitQuery, IdParamsSchema, PageNumberSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { can } from '../accounts/index.ts';
import { assertCsrf, chromeFor, staffOf } from '../accounts/http.ts';
import { libraryItemOf } from './views/library-item.ts';
import { acceptMultipartForms, readMultipartForm } from './multipart.ts';
import { ALT_MAX_CHARS, type UploadService } from './service.ts';
import { LibraryPage } from './views/library-page.tsx';

/** Images on one page of the library screen, and in one answer of its JSON. */
const PAGE_SIZE = 48;
const PICKER_PAGE_SIZE = 24;

/** The errors an upload form answers with its own page, so the person can try another file. */
const FORM_ERRORS = new Set(['UPLOAD_NOT_IMAGE', 'PAYLOAD_TOO_LARGE', 'VALIDATION_FAILED', 'BAD_REQUEST']);

/**
 * The library's filters: `q` searches file names and alt text, `page` pages back; `uploaded` and
 * `deleted` are the notices after a post. A value that does not fit is dropped.
 */
const LibraryQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(PageNumberSchema),
  uploaded: Type.Optional(Type.String({ maxLength: 20 })),
  deleted: Type.Optional(Type.String({ maxLength: 20 })),
});

/** The picker's alt text for an image: JSON or a form. */
const AltBodySchema = Type.Object({
  alt: Type.String({ maxLength: ALT_MAX_CHARS }),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});

/**
 * The media library (the Images screen, its JSON for the picker), uploads and deletes. Mounted under
 * /admin. Everyone on staff may look and upload ('upload.create'); deleting is 'upload.delete'.
 */
export const uploadAdminRoutes: FastifyPluginAsync<{
  uploads: UploadService;
  siteTitle: () => Promise<string>;
}> = async (scope, { uploads, siteTitle }) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  await acceptMultipartForms(app);

  /** The Images screen, with what went wrong when something did. */
  async function libraryPage(
    reply: FastifyReply,
    args: {
      query?: string;
      page?: number;
      notice?: string;
      message?: string;
      fields?: Record<string, string>;
    },
    status = 200,
  ) {
    const staff = staffOf(reply.request);
    const page = args.page ?? 1;
    const query = args.query?.trim() ?? '';
    const { items, hasMore } = await uploads.library({
      ...(query !== '' && { query }),
      page,
      perPage: PAGE_SIZE,
    });
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(
          <LibraryPage
            chrome={chromeFor(staff, await siteTitle())}
            uploads={items}
            query={query}
            page={page}
            hasMore={hasMore}
            canDelete={can(staff, 'upload.delete')}
            {...(args.notice !== undefined && { notice: args.notice })}
            {...(args.message !== undefined && { message: args.message })}
            {...(args.fields && { fields: args.fields })}
          />,
        ),
      );
  }

  app.get(
    '/uploads',
    {
      config: { permission: 'upload.create' },
      schema: { querystring: LibraryQuerySchema },
      preValidation: dropUnfitQuery(LibraryQuerySchema),
    },
    async (request, reply) => {
      const { q, page, uploaded, deleted } = request.query;
      const notice =
        uploaded !== undefined ? 'Image uploaded.' : deleted !== undefined ? 'Image deleted.' : undefined;
      return libraryPage(reply, {
        ...(q !== undefined && { query: q }),
        ...(page !== undefined && { page }),
        ...(notice !== undefined && { notice }),
      });
    },
  );

  // The picker's JSON: thumbnails, search and paging. Never cached (the /admin scope says so).
  app.get(
    '/uploads/library',
    {
      config: { permission: 'upload.create' },
      schema: { querystring: LibraryQuerySchema },
      preValidation: dropUnfitQuery(LibraryQuerySchema),
    },
    async (request, reply) => {
      const page = request.query.page ?? 1;
      const query = request.query.q?.trim() ?? '';
      const { items, hasMore } = await uploads.library({
        ...(query !== '' && { query }),
        page,
        perPage: PICKER_PAGE_SIZE,
      });
      return reply.send({ items: items.map(libraryItemOf), page, hasMore, query });
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
      if (wantsJson(request)) return reply.code(201).send({ upload: libraryItemOf(upload) });
      return reply.redirect(`/admin/uploads?uploaded=1#upload-${upload.id}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || !FORM_ERRORS.has(error.code) || wantsJson(request)) throw error;
      return libraryPage(
        reply,
        { message: error.message, ...(error.fields && { fields: error.fields }) },
        error.status,
      );
    }
  });

  // The picker keeps the alt text a person gives with the image, where they may change it.
  app.post(
    '/uploads/:id/alt',
    { config: { permission: 'upload.create' }, schema: { params: IdParamsSchema, body: AltBodySchema } },
    async (request, reply) => {
      const stored = await uploads.setAlt({
        id: request.params.id,
        alt: request.body.alt,
        actor: staffOf(request),
      });
      return reply.send({ ok: true, stored });
    },
  );

  app.post(
    '/uploads/:id/delete',
    { config: { permission: 'upload.delete' }, schema: { params: IdParamsSchema } },
    async (request, reply) => {
      try {
        await uploads.deleteUpload({ id: request.params.id, actor: staffOf(request) });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'UPLOAD_IN_USE' || wantsJson(request)) throw error;
        return libraryPage(reply, { message: error.message }, error.status);
      }
      if (wantsJson(request)) return reply.send({ ok: true });
      return reply.redirect('/admin/uploads?deleted=1', 303);
    },
  );
};
