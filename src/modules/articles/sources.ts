import type { Db } from '../../platform/db/database.ts';
import { preparedQuery } from '../../platform/db/prepared.ts';

// An article's original sources (issue #18): the outlets its story is based on, in the order the
// reader sees them. Stored in `article_sources` (migration 0027); every save replaces them whole,
// inside the save's own transaction.

/** One outlet an article credits: its name, and the address of the report when there is one. */
export interface ArticleSource {
  name: string;
  url: string | null;
}

/** The most sources one article credits: a story seen by a dozen outlets fits, a forged form does not. */
export const MAX_SOURCES = 20;

/** The longest source name and address, as the editor's Source name and Source URL fields allow. */
export const SOURCE_NAME_MAX_CHARS = 200;
export const SOURCE_URL_MAX_CHARS = 2000;

const sourcesOf = preparedQuery((db: Db, articleIds: readonly number[]) =>
  db
    .selectFrom('article_sources')
    .where('article_id', 'in', articleIds)
    .select(['article_id', 'name', 'url'])
    .orderBy('article_id')
    .orderBy('position'),
);

/** Every source of these articles in one query, by article id, each list in reading order. */
export async function sourcesFor(
  db: Db,
  articleIds: readonly number[],
): Promise<Map<number, ArticleSource[]>> {
  const byArticle = new Map<number, ArticleSource[]>();
  if (articleIds.length === 0) return byArticle;
  for (const row of await sourcesOf(db, articleIds)) {
    const list = byArticle.get(row.article_id) ?? [];
    list.push({ name: row.name, url: row.url });
    byArticle.set(row.article_id, list);
  }
  return byArticle;
}

/**
 * Replaces an article's sources with these, in order. Run inside the save's transaction. A source
 * that names the wire item it came from keeps that link; one without keeps the link of the stored
 * source with the same name and address, so that an edit (which knows only names and addresses)
 * never loses the desk's "drafted as" link.
 */
export async function setSources(
  db: Db,
  articleId: number,
  sources: readonly (ArticleSource & { wireItemId?: number | null })[],
): Promise<void> {
  const linked = await db
    .selectFrom('article_sources')
    .where('article_id', '=', articleId)
    .where('wire_item_id', 'is not', null)
    .select(['name', 'url', 'wire_item_id'])
    .orderBy('position')
    .execute();
  const keyOf = (s: ArticleSource) => `${s.name}\n${s.url ?? ''}`;
  const kept = new Map<string, number[]>();
  for (const row of linked)
    if (row.wire_item_id !== null) kept.set(keyOf(row), [...(kept.get(keyOf(row)) ?? []), row.wire_item_id]);
  await db.deleteFrom('article_sources').where('article_id', '=', articleId).execute();
  if (sources.length === 0) return;
  await db
    .insertInto('article_sources')
    .values(
      sources.map((s, position) => ({
        article_id: articleId,
        position,
        name: s.name,
        url: s.url,
        wire_item_id: s.wireItemId ?? kept.get(keyOf(s))?.shift() ?? null,
      })),
    )
    .execute();
}

// The editor keeps every source after the first as one text value (`more_sources`), so that its
// fields stay strings that revisions diff and restore: one source a line, its name and its address
// separated by a tab. A name never holds a tab or a line end (cleanLabel, and the form reader turns
// them into spaces) and an address never holds white space, so the text reads back unambiguously.

/** The sources after the first, as the editor's `more_sources` text. */
export function moreSourcesText(sources: readonly { name: string; url: string | null }[]): string {
  return sources.map((s) => `${s.name}\t${s.url ?? ''}`).join('\n');
}

/** Reads `more_sources` text back into typed pairs, as typed (not trimmed, not checked). */
export function readMoreSources(text: string): { name: string; url: string }[] {
  if (text === '') return [];
  return text.split('\n').map((line) => {
    const tab = line.indexOf('\t');
    return tab === -1 ? { name: line, url: '' } : { name: line.slice(0, tab), url: line.slice(tab + 1) };
  });
}

/** One typed pair as a `more_sources` line: tabs and line ends inside a field become spaces. */
export function sourceLine(name: string, url: string): string {
  const flat = (value: string) => value.replace(/[\t\r\n]/g, ' ');
  return `${flat(name)}\t${flat(url)}`;
}
