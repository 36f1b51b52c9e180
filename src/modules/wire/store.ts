// Writes one fetch's entries into a source's items, inside the caller's transaction. An entry is
// the same item as a stored one when (in this order) its trusted GUID matches one whose address or
// title also matches (a GUID reused for a new story is not trusted across fetches either), or its
// normalised address matches (a GUID that changed), or, with no address, its text hash matches.
// Otherwise it is new, keyed by the first free identity of guid:, url:, hash:.
import type { Db } from '../../platform/db/database.ts';
import { identityOf, trustedGuids } from './identity.ts';
import type { ParsedItem } from './parse.ts';
import { candidateItems, identitiesInUse, type ItemRow } from './repository.ts';

export interface StoreCounts {
  added: number;
  updated: number;
  /** The new items' ids, for grouping. */
  addedIds: number[];
}

function indexBy(rows: ItemRow[], key: (row: ItemRow) => string | null): Map<string, ItemRow> {
  const map = new Map<string, ItemRow>();
  for (const row of rows) {
    const value = key(row);
    if (value !== null && !map.has(value)) map.set(value, row);
  }
  return map;
}

export async function storeItems(
  trx: Db,
  args: { sourceId: number; items: ParsedItem[]; keepHtml: boolean; now: string },
): Promise<StoreCounts> {
  const { sourceId, items, keepHtml, now } = args;
  const trusted = trustedGuids(items.map((i) => i.guid ?? undefined));
  const stored = await candidateItems(trx, {
    sourceId,
    guids: [...trusted],
    urls: items.flatMap((i) => (i.normalizedUrl ? [i.normalizedUrl] : [])),
    hashes: items.map((i) => i.contentHash),
  });
  const byGuid = indexBy(stored, (r) => r.guid);
  const byUrl = indexBy(stored, (r) => r.normalized_url);
  const byHash = indexBy(stored, (r) => (r.normalized_url === null ? r.content_hash : null));
  const used = await identitiesInUse(
    trx,
    sourceId,
    items.flatMap((i) => [
      ...(i.guid && trusted.has(i.guid) ? [`guid:${i.guid}`] : []),
      ...(i.normalizedUrl ? [`url:${i.normalizedUrl}`] : []),
      `hash:${i.contentHash}`,
    ]),
  );
  const touched = new Set<number>();
  const counts: StoreCounts = { added: 0, updated: 0, addedIds: [] };

  for (const item of items) {
    const guid = item.guid && trusted.has(item.guid) ? item.guid : null;
    const byThisGuid = guid ? byGuid.get(guid) : undefined;
    const match =
      (byThisGuid &&
      (byThisGuid.normalized_url === null ||
        item.normalizedUrl === null ||
        byThisGuid.normalized_url === item.normalizedUrl ||
        byThisGuid.title === item.title)
        ? byThisGuid
        : undefined) ?? (item.normalizedUrl ? byUrl.get(item.normalizedUrl) : byHash.get(item.contentHash));
    const fields = {
      url: item.url,
      normalized_url: item.normalizedUrl,
      title: item.title,
      summary: item.summary,
      content_text: item.contentText,
      content_html: keepHtml ? item.contentHtml : null,
      content_hash: item.contentHash,
    };
    if (match) {
      // An entry listed twice in one document is one item, written once.
      if (touched.has(match.id)) continue;
      touched.add(match.id);
      // A GUID that changed follows the item, unless another item holds it.
      const newGuid = guid && guid !== match.guid && !byGuid.has(guid) ? guid : match.guid;
      const changed =
        newGuid !== match.guid ||
        (Object.keys(fields) as (keyof typeof fields)[]).some((k) => fields[k] !== match[k]);
      if (!changed) continue;
      await trx
        .updateTable('wire_items')
        .set({ ...fields, guid: newGuid, updated_at: now })
        .where('id', '=', match.id)
        .execute();
      if (newGuid && newGuid !== match.guid) byGuid.set(newGuid, { ...match, guid: newGuid });
      counts.updated++;
      continue;
    }
    const keys = [
      ...(guid ? [identityOf({ guid, normalizedUrl: null, contentHash: item.contentHash })] : []),
      ...(item.normalizedUrl
        ? [identityOf({ guid: null, normalizedUrl: item.normalizedUrl, contentHash: item.contentHash })]
        : []),
      identityOf({ guid: null, normalizedUrl: null, contentHash: item.contentHash }),
    ];
    const identity = keys.find((key) => !used.has(key));
    // Every key taken: the same text under the same address, already stored.
    if (identity === undefined) continue;
    const row = await trx
      .insertInto('wire_items')
      .values({
        source_id: sourceId,
        identity,
        guid: guid && !byGuid.has(guid) ? guid : null,
        ...fields,
        published_at: item.publishedAt,
        published_at_raw: item.publishedAtRaw,
        fetched_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    used.add(identity);
    touched.add(row.id);
    if (row.guid) byGuid.set(row.guid, row);
    if (row.normalized_url) byUrl.set(row.normalized_url, row);
    else byHash.set(row.content_hash, row);
    counts.added++;
    counts.addedIds.push(row.id);
  }
  return counts;
}
