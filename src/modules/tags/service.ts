import type { Db } from '../../platform/db/database.ts';
import { findTagBySlug, listTags, type TagRef } from './repository.ts';

/** Tag use cases. Tags are created by saving articles; renaming arrives with the newsroom. */
export interface TagService {
  findBySlug(slug: string): ReturnType<typeof findTagBySlug>;
  list(): Promise<TagRef[]>;
}

/** Builds the tag service. */
export function createTagService(deps: { db: Db }): TagService {
  return { findBySlug: (slug) => findTagBySlug(deps.db, slug), list: () => listTags(deps.db) };
}
