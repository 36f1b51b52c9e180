import { cleanLabel } from '../../platform/text.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import { findTagBySlug, listTags, renameTag, type TagRef } from './repository.ts';

/** Tag use cases. Tags are created by saving articles; renaming arrives with the newsroom. */
export interface TagService {
  findBySlug(slug: string): ReturnType<typeof findTagBySlug>;
  list(): Promise<TagRef[]>;
  /** Renames a tag, keeping its slug (and so its URL). Throws NOT_FOUND or VALIDATION_FAILED. */
  rename(args: { slug: string; name: string }): Promise<void>;
}

/** Builds the tag service. */
export function createTagService(deps: { db: Db; events: Events }): TagService {
  return {
    findBySlug: (slug) => findTagBySlug(deps.db, slug),
    list: () => listTags(deps.db),
    async rename({ slug, name }) {
      const trimmed = cleanLabel(name);
      if (trimmed === '' || trimmed.length > 80) {
        throw new AppError('VALIDATION_FAILED', { fields: { name: 'must be 1 to 80 characters' } });
      }
      const tag = await transact(deps.db, async (trx) => {
        const found = await findTagBySlug(trx, slug);
        if (!found) throw notFound();
        await renameTag(trx, found.id, trimmed);
        return found;
      });
      deps.events.emit('tagSaved', { tagId: tag.id, slug: tag.slug });
    },
  };
}
