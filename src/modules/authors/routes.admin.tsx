import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { dropUnfitQuery, IdParamsSchema, QueryTextSchema } from '../../platform/http/schemas.ts';
import { renderDocument } from '../../platform/render/html.ts';
import { can, type Session } from '../accounts/index.ts';
import { assertCsrf, chromeFor, staffOf } from '../accounts/http.ts';
import type { Upload, UploadService } from '../uploads/index.ts';
import { acceptMultipartForms, readMultipartForm, uploadUrl } from '../uploads/http.ts';
import type { ProfileForm } from './profile.ts';
import type { PublicAuthor } from './repository.ts';
import type { AuthorService } from './service.ts';
import { AuthorsPage, formValuesOf, ProfilePage } from './views/admin/profile-page.tsx';

/** What the author screens need. */
export interface AuthorAdminOptions {
  authors: AuthorService;
  uploads: UploadService;
  siteTitle: () => Promise<string>;
}

/** The errors the profile form answers with itself, keeping what was typed. */
const FORM_ERRORS = new Set(['VALIDATION_FAILED', 'SLUG_TAKEN']);
/** The errors of the avatar's file, shown beside its field. */
const UPLOAD_ERRORS = new Set(['UPLOAD_NOT_IMAGE', 'PAYLOAD_TOO_LARGE', 'VALIDATION_FAILED']);

/** The avatar's address: the smallest stored size that still looks sharp at twice the 64-pixel box. */
function avatarUrlOf(upload: Upload): string {
  const sharpEnough = upload.variants.find((v) => v.width >= 128) ?? upload.variants.at(-1);
  return uploadUrl(sharpEnough?.key ?? upload.storageKey);
}

/** `?saved` after a save shows the notice. */
const ProfileQuerySchema = Type.Object({ saved: Type.Optional(QueryTextSchema) });

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Author profiles in the newsroom: one's own, and, for admins, everyone's. Mounted under /admin. */
export const authorAdminRoutes: FastifyPluginAsync<AuthorAdminOptions> = async (
  scope,
  { authors, uploads, siteTitle },
) => {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  // The profile form carries an optional picture, so it may arrive as multipart.
  await acceptMultipartForms(app);

  async function render(
    reply: FastifyReply,
    staff: Session,
    author: PublicAuthor,
    extra: {
      status?: number;
      values?: ReturnType<typeof formValuesOf>;
      fields?: Record<string, string>;
      message?: string;
      notice?: string;
    } = {},
  ) {
    const isOwn = staff.authorId === author.id;
    return reply
      .code(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(
          <ProfilePage
            chrome={chromeFor(staff, await siteTitle())}
            author={author}
            values={extra.values ?? formValuesOf(author, await authors.isMarkedPublic(author.id))}
            action={isOwn ? '/admin/profile' : `/admin/authors/${author.id}/edit`}
            isOwn={isOwn}
            canUpload={can(staff, 'upload.create')}
            canMakePublic={can(staff, 'user.manage')}
            {...(extra.fields && { fields: extra.fields })}
            {...(extra.message !== undefined && { message: extra.message })}
            {...(extra.notice !== undefined && { notice: extra.notice })}
          />,
        ),
      );
  }

  /** The author this person may edit, or 403/404. The subject check happens here, per profile. */
  async function editable(staff: Session, authorId: number | null): Promise<PublicAuthor> {
    if (authorId === null) throw new AppError('NOT_FOUND', { message: 'You have no author profile.' });
    if (!can(staff, 'author.edit', { authorId })) throw new AppError('FORBIDDEN');
    const author = await authors.getById(authorId);
    if (!author) throw new AppError('NOT_FOUND');
    return author;
  }

  async function show(request: FastifyRequest, reply: FastifyReply, authorId: number | null) {
    const staff = staffOf(request);
    const author = await editable(staff, authorId);
    const saved = (request.query as { saved?: unknown }).saved !== undefined;
    return render(reply, staff, author, saved ? { notice: 'Profile saved.' } : {});
  }

  async function save(request: FastifyRequest, reply: FastifyReply, authorId: number | null) {
    const staff = staffOf(request);
    const author = await editable(staff, authorId);
    let fields: Record<string, string | undefined>;
    let file: { filename: string; bytes: Buffer } | undefined;
    if (request.isMultipart()) {
      const form = await readMultipartForm(request);
      // The /admin scope cannot see a multipart body's token; check it before acting on anything.
      assertCsrf(request, form.fields._csrf);
      fields = form.fields;
      file = form.file;
    } else {
      fields = (request.body ?? {}) as Record<string, string | undefined>;
    }
    const form: ProfileForm = {
      name: text(fields.name),
      slug: text(fields.slug),
      bio: text(fields.bio),
      website: text(fields.website),
      avatar_url: text(fields.avatar_url),
    };
    const typed = {
      name: form.name ?? '',
      slug: form.slug ?? '',
      bio: form.bio ?? '',
      website: form.website ?? '',
      avatar_url: form.avatar_url ?? '',
      is_public: text(fields.is_public) === '1',
    };
    // Only an admin's form shows the switch; anyone else's save leaves it as it is.
    const isPublic =
      can(staff, 'user.manage') && text(fields.is_public_shown) === '1' ? typed.is_public : undefined;
    if (file) {
      if (!can(staff, 'upload.create'))
        return render(reply, staff, author, {
          status: 403,
          values: typed,
          fields: { avatar: 'Your role cannot upload images. Give the picture’s address instead.' },
        });
      try {
        const upload = await uploads.uploadImage({
          bytes: file.bytes,
          filename: file.filename,
          actor: { id: staff.id, name: staff.name },
        });
        form.avatar_url = typed.avatar_url = avatarUrlOf(upload);
      } catch (error) {
        if (!(error instanceof AppError) || !UPLOAD_ERRORS.has(error.code)) throw error;
        return render(reply, staff, author, {
          status: error.status,
          values: typed,
          fields: { avatar: error.message },
        });
      }
    }
    try {
      await authors.updateProfile({
        authorId: author.id,
        form,
        actor: { id: staff.id, name: staff.name },
        ...(isPublic !== undefined && { isPublic }),
      });
    } catch (error) {
      if (!(error instanceof AppError) || !FORM_ERRORS.has(error.code)) throw error;
      return render(reply, staff, author, {
        status: error.status,
        values: typed,
        ...(error.fields && { fields: error.fields }),
        ...(error.code === 'SLUG_TAKEN' && { message: error.message }),
      });
    }
    const back = staff.authorId === author.id ? '/admin/profile' : `/admin/authors/${author.id}/edit`;
    return reply.redirect(`${back}?saved`, 303);
  }

  app.get(
    '/profile',
    {
      config: { permission: 'admin.enter' },
      schema: { querystring: ProfileQuerySchema },
      preValidation: dropUnfitQuery(ProfileQuerySchema),
    },
    async (request, reply) => show(request, reply, staffOf(request).authorId),
  );
  // The profile form keeps its own reader (save): a refused form comes back with what was typed.
  app.post('/profile', { config: { permission: 'admin.enter' } }, async (request, reply) =>
    save(request, reply, staffOf(request).authorId),
  );

  // Listing every profile is an admin's job, like the users screen.
  app.get('/authors', { config: { permission: 'user.manage' } }, async (request, reply) => {
    const chrome = chromeFor(staffOf(request), await siteTitle());
    return reply
      .type('text/html; charset=utf-8')
      .send(renderDocument(<AuthorsPage chrome={chrome} authors={await authors.listForNewsroom()} />));
  });

  app.get(
    '/authors/:id/edit',
    {
      config: { permission: 'author.edit' },
      schema: { params: IdParamsSchema, querystring: ProfileQuerySchema },
      preValidation: dropUnfitQuery(ProfileQuerySchema),
    },
    async (request, reply) => show(request, reply, request.params.id),
  );
  app.post(
    '/authors/:id/edit',
    { config: { permission: 'author.edit' }, schema: { params: IdParamsSchema } },
    async (request, reply) => save(request, reply, request.params.id),
  );
};
