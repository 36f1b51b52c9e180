// Kysely queries for the wire desk; the rules are in service.ts and store.ts.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Selectable } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

export type SourceRow = Selectable<Database['wire_sources']>;
export type ItemRow = Selectable<Database['wire_items']>;

export function findSource(db: Db, id: number): Promise<SourceRow | undefined> {
  return db.selectFrom('wire_sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSourceByUrl(db: Db, feedUrl: string): Promise<SourceRow | undefined> {
  return db.selectFrom('wire_sources').selectAll().where('feed_url', '=', feedUrl).executeTakeFirst();
}

/** Every source with how many items it holds, oldest first. */
export function sourcesWithCounts(db: Db) {
  return db
    .selectFrom('wire_sources as s')
    .selectAll('s')
    .select((eb) =>
      eb
        .selectFrom('wire_items as i')
        .whereRef('i.source_id', '=', 's.id')
        .select(sql<number>`count(*)`.as('n'))
        .as('item_count'),
    )
    .orderBy('s.id')
    .execute();
}

/** Ids of the sources the poller may take now, soonest due first. */
export async function dueSourceIds(db: Db, now: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('wire_sources')
    .select('id')
    .where('status', '<>', 'disabled')
    .where('next_fetch_at', '<=', now)
    .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<=', now)]))
    .orderBy('next_fetch_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Takes a source for one fetch, atomically: one conditional UPDATE, so that of several processes
 * (or a poll and a `dateline wire fetch`) exactly one gets it. A poll takes only what is due; a fetch
 * by hand anything whose owner allows a request now. Returns whether this caller got it.
 */
export async function claimSource(
  db: Db,
  args: { id: number; now: string; leaseUntil: string; isPoll: boolean },
): Promise<boolean> {
  let query = db
    .updateTable('wire_sources')
    .set({ leased_until: args.leaseUntil })
    .where('id', '=', args.id)
    .where('status', '<>', 'disabled')
    .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<=', args.now)]))
    .where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<=', args.now)]));
  if (args.isPoll) query = query.where('next_fetch_at', '<=', args.now);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The stored items of a source that an entry of its feed could be, by GUID, address or text hash. */
export async function candidateItems(
  db: Db,
  args: { sourceId: number; guids: string[]; urls: string[]; hashes: string[] },
): Promise<ItemRow[]> {
  const found = new Map<number, ItemRow>();
  const lookups: ['guid' | 'normalized_url' | 'content_hash', string[]][] = [
    ['guid', args.guids],
    ['normalized_url', args.urls],
    ['content_hash', args.hashes],
  ];
  for (const [column, values] of lookups)
    for (let start = 0; start < values.length; start += 400) {
      const rows = await db
        .selectFrom('wire_items')
        .selectAll()
        .where('source_id', '=', args.sourceId)
        .where(column, 'in', values.slice(start, start + 400))
        .orderBy('id')
        .execute();
      for (const row of rows) found.set(row.id, row);
    }
  return [...found.values()].sort((a, b) => a.id - b.id);
}

/** Which of these identity keys a source already uses. */
export async function identitiesInUse(db: Db, sourceId: number, keys: string[]): Promise<Set<string>> {
  const used = new Set<string>();
  for (let start = 0; start < keys.length; start += 400) {
    const rows = await db
      .selectFrom('wire_items')
      .select('identity')
      .where('source_id', '=', sourceId)
      .where('identity', 'in', keys.slice(start, start + 400))
      .execute();
    for (const row of rows) used.add(row.identity);
  }
  return used;
}

/**
 * Takes (or extends) the lease on a host for `holder`, atomically: an upsert that overwrites only a
 * lease that has run out or is the holder's own. Returns whether the holder has the host now.
 */
export async function claimHost(
  db: Db,
  args: { host: string; holder: string; now: string; leaseUntil: string },
): Promise<boolean> {
  const row = await db
    .insertInto('wire_host_leases')
    .values({ host: args.host, holder: args.holder, leased_until: args.leaseUntil })
    .onConflict((oc) =>
      oc
        .column('host')
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          leased_until: eb.ref('excluded.leased_until'),
        }))
        .where((eb) =>
          eb.or([
            eb('wire_host_leases.leased_until', '<=', args.now),
            eb('wire_host_leases.holder', '=', args.holder),
          ]),
        ),
    )
    .returning('host')
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives a host's lease back, if the holder still has it. */
export async function releaseHost(db: Db, args: { host: string; holder: string }): Promise<void> {
  await db
    .deleteFrom('wire_host_leases')
    .where('host', '=', args.host)
    .where('holder', '=', args.holder)
    .execute();
}
