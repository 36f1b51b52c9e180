// What a fetch leaves in the database: the source's state (status, last error, validators, the
// next times) and its items, in one transaction, with the source's claim given back.
import type { Db } from '../../platform/db/database.ts';
import { transact } from '../../platform/db/database.ts';
import type { FetchOutcome } from './fetch.ts';
import type { ReadResult } from './read.ts';
import { findSourceByUrl, type SourceRow } from './repository.ts';
import { FAILING_AFTER, nextFetchOf, notBeforeOf } from './schedule.ts';
import { groupNewItems } from './group-store.ts';
import type { WireGrouper } from './grouping/index.ts';
import { storeItems } from './store.ts';

/** What one source's fetch came to. */
export interface FetchReport {
  sourceId: number;
  name: string;
  /** fetched: read and stored; not-modified: 304; failed; gone: 410, now disabled; skipped: not taken. */
  outcome: 'fetched' | 'not-modified' | 'failed' | 'gone' | 'skipped';
  added: number;
  updated: number;
  /** Why it failed, or why it was skipped, in an editor's words. */
  message: string | null;
  status: SourceRow['status'];
}

/** Writes a fetch's outcome (and its items) in one transaction, and frees the source's claim. */
export async function recordFetch(args: {
  db: Db;
  source: SourceRow;
  outcome: FetchOutcome;
  read: ReadResult | undefined;
  now: Date;
  /** Places the new items in stories and among duplicates, in this transaction. */
  grouper: WireGrouper;
}): Promise<FetchReport> {
  const { db, source, outcome, read, now, grouper } = args;
  const iso = now.toISOString();
  const report = (r: Omit<FetchReport, 'sourceId' | 'name'>): FetchReport => ({
    sourceId: source.id,
    name: source.name,
    ...r,
  });
  return transact(db, async (trx) => {
    const base = { last_fetched_at: iso, leased_until: null, updated_at: iso };
    if (outcome.kind === 'gone') {
      const message =
        'The outlet removed this feed (410 Gone), so Dateline no longer fetches it. Add its new address as a new source.';
      await trx
        .updateTable('wire_sources')
        .set({ ...base, status: 'disabled', last_error: message })
        .where('id', '=', source.id)
        .execute();
      return report({ outcome: 'gone', added: 0, updated: 0, message, status: 'disabled' });
    }
    const problem = outcome.kind === 'failed' ? outcome.reason : read && !read.ok ? read.problem : undefined;
    if (problem !== undefined) {
      const failures = source.consecutive_failures + 1;
      const status = failures >= FAILING_AFTER ? 'failing' : source.status;
      const notBefore = notBeforeOf({ now, hints: outcome.hints, ttlMinutes: null });
      const lastError =
        status === 'failing'
          ? `Failed ${failures} times in a row; Dateline keeps trying, less often. Last: ${problem}`
          : problem;
      await trx
        .updateTable('wire_sources')
        .set({
          ...base,
          status,
          last_error: lastError,
          consecutive_failures: failures,
          not_before: notBefore.toISOString(),
          next_fetch_at: nextFetchOf({ now, notBefore, failures }).toISOString(),
        })
        .where('id', '=', source.id)
        .execute();
      return report({ outcome: 'failed', added: 0, updated: 0, message: problem, status });
    }
    const feed = read?.ok ? read.feed : undefined;
    const ttlMinutes = feed ? feed.ttlMinutes : source.ttl_minutes;
    const notBefore = notBeforeOf({ now, hints: outcome.hints, ttlMinutes });
    const stored = feed
      ? await storeItems(trx, {
          sourceId: source.id,
          items: feed.items,
          keepHtml: source.terms === 'republish',
          now: iso,
        })
      : { added: 0, updated: 0, addedIds: [] };
    await groupNewItems(trx, { ids: stored.addedIds, grouper, now: iso });
    const counts = { added: stored.added, updated: stored.updated };
    // A 301/308 moves the stored address, unless another source already follows that one.
    const moved =
      outcome.permanentUrl && !(await findSourceByUrl(trx, outcome.permanentUrl))
        ? outcome.permanentUrl
        : source.feed_url;
    const validators =
      outcome.kind === 'fetched'
        ? { etag: outcome.etag, last_modified: outcome.lastModified }
        : {
            etag: outcome.kind === 'not-modified' ? (outcome.etag ?? source.etag) : source.etag,
            last_modified:
              outcome.kind === 'not-modified'
                ? (outcome.lastModified ?? source.last_modified)
                : source.last_modified,
          };
    await trx
      .updateTable('wire_sources')
      .set({
        ...base,
        ...validators,
        feed_url: moved,
        home_url: source.home_url ?? feed?.homeUrl ?? null,
        status: 'active',
        last_error: null,
        consecutive_failures: 0,
        last_success_at: iso,
        ttl_minutes: ttlMinutes,
        not_before: notBefore.toISOString(),
        next_fetch_at: nextFetchOf({ now, notBefore, failures: 0 }).toISOString(),
      })
      .where('id', '=', source.id)
      .execute();
    return report({
      outcome: outcome.kind === 'not-modified' ? 'not-modified' : 'fetched',
      ...counts,
      message: null,
      status: 'active',
    });
  });
}
