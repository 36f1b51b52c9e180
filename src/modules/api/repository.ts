// The Content API's own read queries. Every one of them starts from publishedArticles(), so that no
// query here can reach a draft or an article scheduled for later, and none selects a private column
// (authors.email, comments.*): the API cannot leak what it never reads.
import type { Db } from '../../platform/db/database.ts';
import { isVisibleArticle } from '../articles/index.ts';

/** A position in the newest-first order: the last article a page showed. */
export interface ArticleKey {
  publishedAt: string;
  id: number;
}

/** What narrows `GET /articles`. */
export interface ArticleListFilter {
  /** Now, as ISO 8601 UTC text: articles published later are not shown yet. */
  now: string;
  tag?: string;
  author?: string;
  /** ISO 8601 UTC text; articles published at or after it. */
  since?: string;
  /** Only articles after this one in the newest-first order. */
  after?: ArticleKey;
  limit: number;
  withBody: boolean;
}

const articleColumns = [
  'articles.id',
  'articles.slug',
  'articles.title',
  'articles.standfirst',
  'articles.published_at',
  'articles.updated_at',
] as const;

/** The articles readers may see now, by the articles module's one rule. */
function publishedArticles(db: Db, now: string) {
  return db.selectFrom('articles').where((eb) => isVisibleArticle(eb, now));
}

/** A page of published articles, newest first by (published_at, id), optionally with bodies. */
export function listArticles(db: Db, filter: ArticleListFilter) {
  const { tag, author, since, after } = filter;
  return publishedArticles(db, filter.now)
    .$if(tag !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('article_tags')
            .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
            .select('article_tags.article_id')
            .whereRef('article_tags.article_id', '=', 'articles.id')
            .where('tags.slug', '=', tag as string),
        ),
      ),
    )
    .$if(author !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('article_authors')
            .innerJoin('authors', 'authors.id', 'article_authors.author_id')
            .select('article_authors.article_id')
            .whereRef('article_authors.article_id', '=', 'articles.id')
            .where('authors.slug', '=', author as string),
        ),
      ),
    )
    .$if(since !== undefined, (q) => q.where('articles.published_at', '>=', since as string))
    .$if(after !== undefined, (q) => {
      const key = after as ArticleKey;
      // Strictly after the key in (published_at desc, id desc): ties on the time are broken by id,
      // so that articles published in the same millisecond are neither repeated nor skipped.
      return q.where((eb) =>
        eb.or([
          eb('articles.published_at', '<', key.publishedAt),
          eb.and([eb('articles.published_at', '=', key.publishedAt), eb('articles.id', '<', key.id)]),
        ]),
      );
    })
    .select(articleColumns)
    .$if(filter.withBody, (q) => q.select('articles.body_html'))
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(filter.limit)
    .execute();
}

/** One published article with its body, or undefined. */
export function findArticle(db: Db, args: { now: string; slug: string }) {
  return publishedArticles(db, args.now)
    .where('articles.slug', '=', args.slug)
    .select([...articleColumns, 'articles.body_html'])
    .executeTakeFirst();
}

/** The sources of several published articles in one query, in the order each page credits them. */
export function sourcesFor(db: Db, args: { now: string; articleIds: readonly number[] }) {
  if (args.articleIds.length === 0) return Promise.resolve([]);
  return publishedArticles(db, args.now)
    .innerJoin('article_sources', 'article_sources.article_id', 'articles.id')
    .where('articles.id', 'in', args.articleIds)
    .select(['articles.id as article_id', 'article_sources.name', 'article_sources.url'])
    .orderBy('articles.id')
    .orderBy('article_sources.position')
    .execute();
}

/** The bylines of several published articles in one query, in byline order. Slug and name only. */
export function bylinesFor(db: Db, args: { now: string; articleIds: readonly number[] }) {
  if (args.articleIds.length === 0) return Promise.resolve([]);
  return publishedArticles(db, args.now)
    .innerJoin('article_authors', 'article_authors.article_id', 'articles.id')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .where('articles.id', 'in', args.articleIds)
    .select(['articles.id as article_id', 'authors.id as author_id', 'authors.slug', 'authors.name'])
    .orderBy('articles.id')
    .orderBy('article_authors.position')
    .execute();
}

/** The tags of several published articles in one query, in the order they were given. */
export function tagsFor(db: Db, args: { now: string; articleIds: readonly number[] }) {
  if (args.articleIds.length === 0) return Promise.resolve([]);
  return publishedArticles(db, args.now)
    .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .where('articles.id', 'in', args.articleIds)
    .select(['articles.id as article_id', 'tags.id as tag_id', 'tags.slug', 'tags.name'])
    .orderBy('articles.id')
    .orderBy('article_tags.position')
    .execute();
}

/** The primary sections of several published articles, with their parents, in one query. */
export function sectionsFor(db: Db, args: { now: string; articleIds: readonly number[] }) {
  if (args.articleIds.length === 0) return Promise.resolve([]);
  return publishedArticles(db, args.now)
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('sections as parent', 'parent.id', 'sections.parent_id')
    .where('articles.id', 'in', args.articleIds)
    .select([
      'articles.id as article_id',
      'sections.id as section_id',
      'sections.slug',
      'sections.name',
      'parent.id as parent_id',
      'parent.slug as parent_slug',
      'parent.name as parent_name',
    ])
    .execute();
}

/**
 * Tags that at least one published article carries, with how many, by name. A tag only drafts carry
 * is left out: its name alone can give a story away before it is published.
 */
export async function listTagsWithCounts(db: Db, args: { now: string }) {
  const rows = await publishedArticles(db, args.now)
    .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .groupBy(['tags.id', 'tags.slug', 'tags.name'])
    .select((eb) => [
      'tags.id',
      'tags.slug',
      'tags.name',
      eb.fn.count<number | string>('articles.id').as('article_count'),
    ])
    .orderBy('tags.name')
    .orderBy('tags.slug')
    .execute();
  // PostgreSQL answers count() as a bigint string.
  return rows.map((row) => ({ ...row, article_count: Number(row.article_count) }));
}

/** Which of these article ids are published now. */
export async function publishedIdsAmong(
  db: Db,
  args: { now: string; articleIds: readonly number[] },
): Promise<Set<number>> {
  if (args.articleIds.length === 0) return new Set();
  const rows = await publishedArticles(db, args.now)
    .where('articles.id', 'in', args.articleIds)
    .select('articles.id')
    .execute();
  return new Set(rows.map((r) => r.id));
}
