import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import type { Db } from './database.ts';
import { preparedQuery } from './prepared.ts';

describe.each(DIALECTS)('prepared queries on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await database.reset();
    await database.db
      .insertInto('tags')
      .values(
        ['harbour', 'council', 'schools', 'weather', 'transport'].map((slug) => ({
          slug,
          name: slug.toUpperCase(),
          description: slug === 'weather' ? '' : `About ${slug}`,
        })),
      )
      .execute();
  });

  // The same query built afresh each time, to compare with.
  const direct = (db: Db, slugs: readonly string[], described: string | undefined, limit: number) => {
    let query = db.selectFrom('tags').where('slug', 'in', slugs);
    if (described !== undefined) query = query.where('description', 'like', described);
    return query.select(['slug', 'name']).orderBy('slug').limit(limit).execute();
  };
  const prepared = preparedQuery(
    (db: Db, slugs: readonly string[], described: string | undefined, limit: number) => {
      let query = db.selectFrom('tags').where('slug', 'in', slugs);
      if (described !== undefined) query = query.where('description', 'like', described);
      return query.select(['slug', 'name']).orderBy('slug').limit(limit);
    },
  );

  it('gives what the query built afresh gives, for new values, list lengths and left-out filters', async () => {
    const db = database.db;
    const cases: [string[], string | undefined, number][] = [
      [['harbour'], undefined, 10],
      [['council'], undefined, 10],
      [['harbour', 'weather', 'schools'], undefined, 10],
      [['harbour', 'weather', 'schools'], undefined, 2],
      [['council', 'transport', 'nowhere'], 'About %', 10],
      [['weather', 'harbour', 'schools'], 'About %', 1],
      [['weather'], 'About %', 10],
      [['harbour'], undefined, 10],
    ];
    for (const [slugs, described, limit] of cases) {
      const expected = await direct(db, slugs, described, limit);
      expect(await prepared(db, slugs, described, limit)).toEqual(expected);
    }
    // The cases are not all alike: the comparison covers answers that differ.
    const answers = await Promise.all(cases.map(([s, d, l]) => prepared(db, s, d, l)));
    expect(new Set(answers.map((rows) => JSON.stringify(rows))).size).toBeGreaterThan(4);
  });

  it('runs inside a transaction with the transaction’s view', async () => {
    const bySlug = preparedQuery((db: Db, slug: string) =>
      db.selectFrom('tags').where('slug', '=', slug).select('name'),
    );
    await database.db.transaction().execute(async (trx) => {
      await trx.updateTable('tags').set({ name: 'Renamed' }).where('slug', '=', 'harbour').execute();
      expect(await bySlug(trx, 'harbour')).toEqual([{ name: 'Renamed' }]);
    });
    expect(await bySlug(database.db, 'harbour')).toEqual([{ name: 'Renamed' }]);
  });

  it('refuses a query that writes an argument into its SQL or leaves one out', async () => {
    const inlined = preparedQuery((db: Db, slug: string) =>
      db.selectFrom('tags').where('slug', '=', sql.lit(slug)).select('name'),
    );
    await expect(inlined(database.db, 'harbour')).rejects.toThrow(/wrote an argument into its SQL/);
    const unused = preparedQuery((db: Db, _slug: string) => db.selectFrom('tags').select('name'));
    await expect(unused(database.db, 'harbour')).rejects.toThrow(/did not use one of its arguments/);
  });
});
