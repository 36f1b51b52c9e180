import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Search asks of each matching article whether readers may see it (status published, published_at
// not after now). On SQLite those two columns sit behind the article's body in its row, so reading
// them walks the body's overflow pages: 10 µs a match, 25 ms for a word in 2,500 articles. An index
// keyed by id that holds both answers the question from a few small pages. PostgreSQL gets it too, so
// that both schemas stay the same. The rule itself is written once, in
// modules/articles/visibility.ts; this index only holds the columns it reads.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('articles_visibility')
    .on('articles')
    .columns(['id', 'status', 'published_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_visibility').execute();
}
