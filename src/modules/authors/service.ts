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
  findPublicAuthorBySlug,
  isMarkedPublic,
  isSlugTaken,
  listAuthors,
  listPublicAuthors,
  listAuthorsWithAccounts,
  updateAuthorProfile,
  upsertAuthor,
  type AuthorListing,
  type PublicAuthor,
  type VisibilityRule,
} from './repository.ts';
import type { AuthorInput } from './schemas.ts';

/** Author use cases. */
export interface AuthorService {
  /**
   * Adds an author, or updates the one with the same slug. The input's shape is checked at the edge
   * (AuthorInputSchema: `dateline author add`, the import).
   */
  saveAuthor(input: AuthorInput): Promise<{ id: number; slug: string; created: boolean }>;
  /** Any author by slug, public or not: for the newsroom and staff comments, never a reader's page. */
  findBySlug(slug: string): Promise<PublicAuthor | undefined>;
  /** Every author: the editor's byline choices, never a reader's page. */
  list(): Promise<PublicAuthor[]>;
  /**
   * An author readers may see: one with a visible article, or whom an admin made public. Every
   * reader surface (author page and feed, the API, sitemaps) asks this; a private author is a 404.
   */
  findPublicBySlug(slug: string): Promise<PublicAuthor | undefined>;
  /** Every author readers may see, by name. */
  listPublic(): Promise<PublicAuthor[]>;
  getById(id: number): Promise<PublicAuthor | undefined>;
  /** Whether an admin has made this profile public (the newsroom's checkbox). */
  isMarkedPublic(id: number): Promise<boolean>;
  /**
   * Saves an author's public profile from the newsroom form. The caller has checked that `actor`
   * may edit this profile. VALIDATION_FAILED or SLUG_TAKEN name the field; NOT_FOUND for no such author.
   */
  updateProfile(input: {
    authorId: number;
    form: ProfileForm;
    actor: { id: number; name: string };
    /** The admin's "public profile" switch; leave it out when the person may not change it. */
    isPublic?: boolean;
  }): Promise<PublicAuthor>;
  /** Every author with the staff account that writes as them, for the newsroom. */
  listForNewsroom(): Promise<AuthorListing[]>;
}

/** Builds the author service. */
export function createAuthorService(deps: {
  db: Db;
  clock: Clock;
  events: Events;
  /** The articles module's reader rule (isVisibleArticle), passed in by the composition root. */
  isVisible: VisibilityRule;
}): AuthorService {
  const now = () => deps.clock.now().toISOString();
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
    findPublicBySlug: (slug) =>
      findPublicAuthorBySlug(deps.db, { slug, isVisible: deps.isVisible, now: now() }),
    listPublic: () => listPublicAuthors(deps.db, { isVisible: deps.isVisible, now: now() }),
    getById: (id) => findAuthorById(deps.db, id),
    isMarkedPublic: (id) => isMarkedPublic(deps.db, id),
    listForNewsroom: () => listAuthorsWithAccounts(deps.db),
    async updateProfile({ authorId, form, actor, isPublic }) {
      const values = checkProfile(form);
      const at = deps.clock.now().toISOString();
      const { before, after, listChanged } = await transact(deps.db, async (trx) => {
        const before = await findAuthorById(trx, authorId);
        if (!before) throw new AppError('NOT_FOUND');
        if (values.slug !== before.slug && (await isSlugTaken(trx, values.slug, authorId)))
          throw new AppError('SLUG_TAKEN', {
            fields: { slug: 'Another author has this slug. Choose a different one.' },
          });
        const wasPublic = await isMarkedPublic(trx, authorId);
        await updateAuthorProfile(
          trx,
          authorId,
          { ...values, ...(isPublic !== undefined && { is_public: isPublic ? 1 : 0 }) },
          at,
        );
        const changed: string[] = (Object.keys(values) as (keyof typeof values)[]).filter(
          (key) => values[key] !== before[key],
        );
        if (isPublic !== undefined && isPublic !== wasPublic) changed.push('is_public');
        await recordAudit(trx, {
          actor,
          action: 'author.edit',
          subject: `author:${authorId}`,
          detail: {
            changed,
            ...(values.slug !== before.slug && { slug: [before.slug, values.slug] }),
            ...(changed.includes('is_public') && { is_public: isPublic }),
          },
          at,
        });
        return { before, after: { ...before, ...values }, listChanged: changed.includes('is_public') };
      });
      deps.events.emit('authorSaved', {
        authorId,
        slug: after.slug,
        created: false,
        slugChanged: before.slug !== after.slug,
        // Made public or private: the author lists (sitemap, API) change with it.
        ...(listChanged && { listChanged }),
      });
      return after;
    },
  };
}
