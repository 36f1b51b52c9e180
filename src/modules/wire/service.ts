// The wire desk's use cases: sources added and listed, feeds fetched (by hand or by the poller) and
// written one transaction per source, items listed. Grouping and drafting build on these.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { cleanLabel } from '../../platform/text.ts';
import { createFeedFetcher, type FeedFetcher } from './fetch.ts';
import type { FeedReader } from './reader.ts';
import {
  claimHost,
  claimSource,
  releaseHost,
  dueSourceIds,
  findSource,
  findSourceByUrl,
  sourcesWithCounts,
  type SourceRow,
} from './repository.ts';
import { recordFetch, type FetchReport } from './record.ts';
import { createWireGrouper, type WireGrouper } from './grouping/index.ts';
import { internalAddressProblem, resolveHost, type ResolveHost } from './address-check.ts';
import { createDeskUseCases, type DeskUseCases } from './desk.ts';
import { createDraftUseCases, type DraftUseCases, type SaveDraft } from './drafts.ts';

export type { FetchReport };

/** What a source allows a draft to carry: a summary and a link, or its text too. */
export type WireTerms = 'link' | 'republish';
export const WIRE_TERMS: readonly WireTerms[] = ['link', 'republish'];

/** A source as the desk and `dateline wire source list` show it. */
export interface WireSource {
  id: number;
  name: string;
  url: string;
  homeUrl: string | null;
  terms: WireTerms;
  status: SourceRow['status'];
  lastError: string | null;
  lastFetchedAt: string | null;
  nextFetchAt: string;
  itemCount: number;
}

/** An item as `dateline wire list --json` shows it. */
export interface WireItem {
  id: number;
  source: number;
  title: string;
  url: string | null;
  published_at: string;
  summary: string;
  duplicate_of: number | null;
  story: number | null;
}

export interface WireService extends DeskUseCases, DraftUseCases {
  /**
   * Follows a new feed. `fromNewsroom` (the desk's form) also refuses an address that resolves to this
   * server or a private network, unless the service allows private hosts; the command line is the
   * operator's own and may follow any address.
   */
  addSource(
    input: { name: string; url: string; terms?: string; homeUrl?: string },
    options?: { fromNewsroom?: boolean },
  ): Promise<WireSource>;
  listSources(): Promise<WireSource[]>;
  /** Fetches now every source (or one) whose owner allows a request now; others are reported skipped. */
  fetchNow(options?: { sourceId?: number }): Promise<FetchReport[]>;
  /** Fetches the sources that are due: the poller's tick. */
  pollDue(): Promise<FetchReport[]>;
  listItems(options?: { since?: string; sourceId?: number; limit?: number }): Promise<WireItem[]>;
  close(): Promise<void>;
}

/** How long a claim holds a source: longer than any fetch and read can take. */
const LEASE_MS = 10 * 60_000;
/** Hosts fetched at once in one poll (each host one request at a time). */
const HOSTS_AT_ONCE = 4;
/** Sources one poll takes at most; the rest wait for the next tick. */
const POLL_BATCH = 200;

function toSource(row: SourceRow & { item_count?: number | string | null }): WireSource {
  return {
    id: row.id,
    name: row.name,
    url: row.feed_url,
    homeUrl: row.home_url,
    terms: row.terms,
    status: row.status,
    lastError: row.last_error,
    lastFetchedAt: row.last_fetched_at,
    nextFetchAt: row.next_fetch_at,
    itemCount: Number(row.item_count ?? 0),
  };
}

function checkedUrl(text: string, field: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new AppError('VALIDATION_FAILED', { fields: { [field]: 'must be an absolute http(s) address' } });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('VALIDATION_FAILED', { fields: { [field]: 'must be an absolute http(s) address' } });
  url.hash = '';
  return url.href;
}

/** Runs `fn` over `items`, `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

export function createWireService(deps: {
  db: Db;
  clock: Clock;
  /** Reads fetched bodies off the event loop. */
  reader: FeedReader;
  /** "Dateline/0.1.0 (+https://news.example)". */
  userAgent: string;
  /** Tests shorten these. */
  timeoutMs?: number;
  maxBytes?: number;
  fetcher?: FeedFetcher;
  /** Places arriving items (app.ts builds one per process; it caches each item's features). */
  grouper?: WireGrouper;
  /** Creates a draft article: the articles module's save path, passed in by app.ts. */
  saveDraft?: SaveDraft;
  /** Lets the newsroom's form follow feeds on this server or a private network (default false). */
  allowPrivateHosts?: boolean;
  /** Tests resolve names without DNS. */
  resolveHost?: ResolveHost;
}): WireService {
  const { db, clock, reader } = deps;
  const grouper = deps.grouper ?? createWireGrouper();
  // This service's name on the host leases it holds: one per process.
  const holder = randomUUID();
  const fetcher =
    deps.fetcher ??
    createFeedFetcher({
      userAgent: deps.userAgent,
      now: () => clock.now(),
      ...(deps.timeoutMs !== undefined && { timeoutMs: deps.timeoutMs }),
      ...(deps.maxBytes !== undefined && { maxBytes: deps.maxBytes }),
    });

  /** Claims, fetches, reads and records one source; a source someone else holds is skipped. */
  async function fetchOne(id: number, isPoll: boolean): Promise<FetchReport | undefined> {
    const now = clock.now();
    const claimed = await claimSource(db, {
      id,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
      isPoll,
    });
    const source = await findSource(db, id);
    if (!source) return undefined;
    if (!claimed) {
      if (isPoll) return undefined;
      const message =
        source.status === 'disabled'
          ? 'This source is disabled; Dateline does not fetch it.'
          : source.not_before && source.not_before > now.toISOString()
            ? `The outlet asked not to be fetched again before ${source.not_before}.`
            : 'Another process is fetching this source right now.';
      return {
        sourceId: id,
        name: source.name,
        outcome: 'skipped',
        added: 0,
        updated: 0,
        message,
        status: source.status,
      };
    }
    try {
      const outcome = await fetcher.fetch({
        url: source.feed_url,
        etag: source.etag,
        lastModified: source.last_modified,
      });
      const fetchedAt = clock.now();
      const read =
        outcome.kind === 'fetched'
          ? await reader.read({
              bytes: outcome.body,
              contentType: outcome.contentType,
              url: outcome.finalUrl,
              fetchedAt: fetchedAt.toISOString(),
            })
          : undefined;
      return await recordFetch({ db, source, outcome, read, now: fetchedAt, grouper });
    } catch (error) {
      // The claim ends with its lease; free it now so the next tick can try.
      await db.updateTable('wire_sources').set({ leased_until: null }).where('id', '=', id).execute();
      throw error;
    }
  }

  /** Fetches sources grouped by host: hosts in parallel, one host's feeds one after another. */
  async function fetchMany(rows: Pick<SourceRow, 'id' | 'feed_url' | 'name' | 'status'>[], isPoll: boolean) {
    const byHost = new Map<string, number[]>();
    for (const row of rows) {
      const key = hostKey(row.feed_url);
      byHost.set(key, [...(byHost.get(key) ?? []), row.id]);
    }
    const reports = new Map<number, FetchReport>();
    await eachLimited([...byHost], HOSTS_AT_ONCE, async ([host, ids]) => {
      // The host's lease first: another process fetching from this host now means waiting our turn.
      const holdHost = () => {
        const now = clock.now();
        return claimHost(db, {
          host,
          holder,
          now: now.toISOString(),
          leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
        });
      };
      if (!(await holdHost())) {
        if (isPoll) return;
        for (const id of ids) {
          const row = rows.find((r) => r.id === id);
          reports.set(id, {
            sourceId: id,
            name: row?.name ?? `source ${id}`,
            outcome: 'skipped',
            added: 0,
            updated: 0,
            message: `Another Dateline process is fetching from ${host} right now; try again in a minute.`,
            status: row?.status ?? 'active',
          });
        }
        return;
      }
      try {
        for (const id of ids) {
          // Each feed renews the lease, so a long run of one host's feeds keeps it.
          await holdHost();
          // A fault of ours (the database, the reading thread) ends this source's fetch, not the others';
          // it is no failure of the feed, so the source's own count of failures stays as it was.
          const report = await fetchOne(id, isPoll).catch((error: unknown): FetchReport => ({
            sourceId: id,
            name: rows.find((r) => r.id === id)?.name ?? `source ${id}`,
            outcome: 'failed',
            added: 0,
            updated: 0,
            message: `Dateline could not finish this fetch (${error instanceof Error ? error.message : String(error)}); it tries again at the next poll.`,
            status: rows.find((r) => r.id === id)?.status ?? 'active',
          }));
          if (report) reports.set(id, report);
        }
      } finally {
        await releaseHost(db, { host, holder }).catch(() => {});
      }
    });
    return rows.flatMap((r) => reports.get(r.id) ?? []);
  }

  return {
    ...createDeskUseCases({ db, clock }),
    ...createDraftUseCases({ db, clock, ...(deps.saveDraft && { saveDraft: deps.saveDraft }) }),

    async addSource(input, options = {}) {
      const name = cleanLabel(input.name).slice(0, 200);
      const fields: Record<string, string> = {};
      if (name === '') fields.name = 'must not be empty';
      const terms = input.terms ?? 'link';
      if (!WIRE_TERMS.includes(terms as WireTerms)) fields.terms = 'must be link or republish';
      if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
      const feedUrl = checkedUrl(input.url, 'url');
      const homeUrl = input.homeUrl ? checkedUrl(input.homeUrl, 'home_url') : null;
      if (options.fromNewsroom && !deps.allowPrivateHosts) {
        const problem = await internalAddressProblem(feedUrl, deps.resolveHost ?? resolveHost);
        if (problem) throw new AppError('VALIDATION_FAILED', { fields: { url: problem } });
      }
      const now = clock.now().toISOString();
      return transact(db, async (trx) => {
        if (await findSourceByUrl(trx, feedUrl)) throw new AppError('WIRE_SOURCE_TAKEN');
        const row = await trx
          .insertInto('wire_sources')
          .values({
            name,
            feed_url: feedUrl,
            home_url: homeUrl,
            terms: terms as WireTerms,
            next_fetch_at: now,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toSource(row);
      });
    },

    async listSources() {
      return (await sourcesWithCounts(db)).map(toSource);
    },

    async fetchNow(options = {}) {
      let rows: SourceRow[];
      if (options.sourceId !== undefined) {
        const source = await findSource(db, options.sourceId);
        if (!source)
          throw new AppError('NOT_FOUND', { message: `No wire source has id ${options.sourceId}.` });
        rows = [source];
      } else {
        rows = await db
          .selectFrom('wire_sources')
          .selectAll()
          .where('status', '<>', 'disabled')
          .orderBy('id')
          .execute();
      }
      return fetchMany(rows, false);
    },

    async pollDue() {
      const ids = await dueSourceIds(db, clock.now().toISOString(), POLL_BATCH);
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('wire_sources')
        .select(['id', 'feed_url', 'name', 'status'])
        .where('id', 'in', ids)
        .execute();
      return fetchMany(rows, true);
    },

    async listItems(options = {}) {
      let query = db
        .selectFrom('wire_items')
        .select(['id', 'source_id', 'title', 'url', 'published_at', 'summary', 'duplicate_of', 'story_id'])
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(Math.min(options.limit ?? 1000, 10_000));
      if (options.since) query = query.where('published_at', '>=', options.since);
      if (options.sourceId !== undefined) query = query.where('source_id', '=', options.sourceId);
      return (await query.execute()).map((r) => ({
        id: r.id,
        source: r.source_id,
        title: r.title,
        url: r.url,
        published_at: r.published_at,
        summary: r.summary,
        duplicate_of: r.duplicate_of,
        story: r.story_id,
      }));
    },

    close: () => reader.close(),
  };
}
