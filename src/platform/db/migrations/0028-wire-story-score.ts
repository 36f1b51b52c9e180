import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The wire desk's grouping, stored (issue #18): `story_score` is the score that placed an item in its
// story (the item against the story's centroid, or its duplicate score for a copy). It belongs to no
// pair of items, so it cannot live in `wire_item_scores`; null for an item placed by an editor's
// split or merge, or stored before grouping ran. (0027 is the multi-source articles change.)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('wire_items')
    .addColumn('story_score', dialectOf(db) === 'postgres' ? 'double precision' : 'real')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('wire_items').dropColumn('story_score').execute();
}
