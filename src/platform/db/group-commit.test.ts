import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import { createGroupCommit, transact, type Db } from './database.ts';

describe.each(DIALECTS)('group commit on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database?.close());
  beforeEach(async () => database.reset());

  const addTag = (db: Db, slug: string) =>
    db
      .insertInto('tags')
      .values({ slug, name: slug, description: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
  const slugs = async () =>
    (await database.db.selectFrom('tags').select('slug').orderBy('slug').execute()).map((r) => r.slug);

  it('stores every call, each seeing the ones before it, and resolves with its own result', async () => {
    const run = createGroupCommit(database.db);
    const seen: number[] = [];
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((slug) =>
        run(async (trx) => {
          const before = await trx
            .selectFrom('tags')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst();
          seen.push(Number(before?.n));
          return (await addTag(trx, slug)).id;
        }),
      ),
    );
    expect(new Set(results).size).toBe(4);
    if (dialect === 'sqlite') {
      // One after another in one transaction: each call sees exactly the ones queued before it.
      expect(seen.sort()).toEqual([0, 1, 2, 3]);
    } else {
      // PostgreSQL runs each call as its own transaction, side by side on the pool (PGlite has one
      // connection, the real server many): a call sees some of the others' committed rows, never more.
      expect(seen.every((n) => n >= 0 && n <= 3)).toBe(true);
    }
    expect(await slugs()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rolls back a call that throws, alone, and rejects it with its own error', async () => {
    const run = createGroupCommit(database.db);
    const outcomes = await Promise.allSettled([
      run((trx) => addTag(trx, 'kept-1')),
      run(async (trx) => {
        await addTag(trx, 'dropped');
        throw new Error('this call changed its mind');
      }),
      // A unique-key clash is refused by the database: the statement, then the call, fail alone.
      run((trx) => addTag(trx, 'kept-1')),
      run((trx) => addTag(trx, 'kept-2')),
    ]);
    const statuses = outcomes.map((o) => o.status);
    if (dialect === 'sqlite') {
      // One after another, in the order queued: the first 'kept-1' wins the unique key.
      expect(statuses).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    } else {
      // PostgreSQL runs the calls side by side on the pool, so either 'kept-1' may be first to the
      // unique key; exactly one of them is stored and the other fails alone.
      expect([statuses[1], statuses[3]]).toEqual(['rejected', 'fulfilled']);
      expect([statuses[0], statuses[2]].sort()).toEqual(['fulfilled', 'rejected']);
    }
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('this call changed its mind'));
    expect(await slugs()).toEqual(['kept-1', 'kept-2']);
  });

  it('reports a call stored only once the commit it shared has succeeded', async () => {
    const run = createGroupCommit(database.db);
    // A foreign key checked at COMMIT, so that the commit itself fails.
    const failsAtCommit = (trx: Db) =>
      dialect === 'sqlite'
        ? sql`pragma defer_foreign_keys = on`
            .execute(trx)
            .then(() =>
              trx.insertInto('article_tags').values({ article_id: 999, tag_id: 999, position: 0 }).execute(),
            )
        : sql`set constraints all deferred`
            .execute(trx)
            .then(() =>
              trx.insertInto('article_tags').values({ article_id: 999, tag_id: 999, position: 0 }).execute(),
            );
    const outcomes = await Promise.allSettled([run((trx) => addTag(trx, 'alongside')), run(failsAtCommit)]);
    expect(outcomes[1]?.status).toBe('rejected');
    if (dialect === 'sqlite') {
      // One commit for both: neither is stored, and neither is reported stored.
      expect(outcomes[0]?.status).toBe('rejected');
      expect(await slugs()).toEqual([]);
    } else {
      // PostgreSQL commits each call alone.
      expect(outcomes[0]?.status).toBe('fulfilled');
      expect(await slugs()).toEqual(['alongside']);
    }
  });

  it('runs inside a caller’s transaction when given one', async () => {
    await expect(
      transact(database.db, async (trx) => {
        await createGroupCommit(trx)((inner) => addTag(inner, 'inner'));
        throw new Error('the outer transaction fails');
      }),
    ).rejects.toThrow('the outer transaction fails');
    expect(await slugs()).toEqual([]);
  });
});
