import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import { checkSchema } from '../../platform/validation.ts';
import { findAuthorBySlug, listAuthors, upsertAuthor, type PublicAuthor } from './repository.ts';
import { AuthorInputSchema } from './schemas.ts';

/** Author use cases. */
export interface AuthorService {
  /** Adds an author, or updates the one with the same slug. Throws VALIDATION_FAILED naming the field. */
  saveAuthor(input: unknown): Promise<{ id: number; slug: string; created: boolean }>;
  findBySlug(slug: string): Promise<PublicAuthor | undefined>;
  list(): Promise<PublicAuthor[]>;
}

/** Builds the author service. */
export function createAuthorService(deps: { db: Db; clock: Clock; events: Events }): AuthorService {
  return {
    async saveAuthor(raw) {
      const checked = checkSchema(AuthorInputSchema, raw);
      if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.fields });
      const input = checked.value;
      const result = await transact(deps.db, (trx) =>
        upsertAuthor(
          trx,
          {
            slug: input.slug,
            name: input.name.trim(),
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
  };
}
