import { cleanLabel } from '../../platform/text.ts';
import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import { recordAudit } from '../audit/index.ts';
import { checkProfile, type ProfileForm } from './profile.ts';
import {
  findAuthorById,
  findAuthorBySlug,
  isSlugTaken,
  listAuthors,
  listAuthorsWithAccounts,
  updateAuthorProfile,
  upsertAuthor,
  type AuthorListing,
  type PublicAuthor,
} from './repository.ts';
import type { AuthorInput } from './schemas.ts';

/** Author use cases. */
export interface AuthorService {
  /**
   * Adds an author, or updates the one with the same slug. The input's shape is checked at the edge
   * (AuthorInputSchema: `dateline author add`, the import).
   */
  saveAuthor(input: AuthorInput): Promise<{ id: number; slug: string; created: boolean }>;
  findBySlug(slug: string): Promise<PublicAuthor | undefined>;
  list(): Promise<PublicAuthor[]>;
  getById(id: number): Promise<PublicAuthor | undefined>;
  /**
   * Saves an author's public profile from the newsroom form. The caller has checked that `actor`
   * may edit this profile. VALIDATION_FAILED or SLUG_TAKEN name the field; NOT_FOUND for no such author.
   */
  updateProfile(input: {
    authorId: number;
    form: ProfileForm;
    actor: { id: number; name: string };
  }): Promise<PublicAuthor>;
  /** Every author with the staff account that writes as them, for the newsroom. */
  listForNewsroom(): Promise<AuthorListing[]>;
}

/** Builds the author service. */
export function createAuthorService(deps: { db: Db; clock: Clock; events: Events }): AuthorService {
  return {
    async saveAuthor(input) {
      const name = cleanLabel(input.name);
      if (name === '') throw new AppError('VALIDATION_FAILED', { fields: { name: 'is required' } });
      const result = await transact(deps.db, (trx) =>
        upsertAuthor(
          trx,
          {
            slug: input.slug,
            name,
            bio: input.bio.trim(),
            email: input.email?.trim().toLowerCase() ?? null,
            website: input.website ?? null,
            avatar_url: input.avatar_url ?? null,
          },
          deps.clock.now().toISOString(),
        ),
      );
      deps.events.emit('authorSaved', { authorId: result.id, slug: input.slug, created: result.created });
      return { ...result, slug: input.slug };
    },
    findBySlug: (slug) => findAuthorBySlug(deps.db, slug),
    list: () => listAuthors(deps.db),
    getById: (id) => findAuthorById(deps.db, id),
    listForNewsroom: () => listAuthorsWithAccounts(deps.db),
    async updateProfile({ authorId, form, actor }) {
      const values = checkProfile(form);
      const at = deps.clock.now().toISOString();
      const { before, after } = await transact(deps.db, async (trx) => {
        const before = await findAuthorById(trx, authorId);
        if (!before) throw new AppError('NOT_FOUND');
        if (values.slug !== before.slug && (await isSlugTaken(trx, values.slug, authorId)))
          throw new AppError('SLUG_TAKEN', {
            fields: { slug: 'Another author has this slug. Choose a different one.' },
          });
        await updateAuthorProfile(trx, authorId, values, at);
        const changed = (Object.keys(values) as (keyof typeof values)[]).filter(
          (key) => values[key] !== before[key],
        );
        await recordAudit(trx, {
          actor,
          action: 'author.edit',
          subject: `author:${authorId}`,
          detail: { changed, ...(values.slug !== before.slug && { slug: [before.slug, values.slug] }) },
          at,
        });
        return { before, after: { ...before, ...values } };
      });
      deps.events.emit('authorSaved', {
        authorId,
        slug: after.slug,
        created: false,
        slugChanged: before.slug !== after.slug,
      });
      return after;
    },
  };
}
