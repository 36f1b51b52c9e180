import { Feed, type Item } from 'feed';
import type { ArticleSummary } from '../articles/index.ts';

/** An article as a feed carries it. */
export type FeedArticle = ArticleSummary & { bodyHtml: string };

/** What one feed is about: the whole site, one author or one tag. */
export interface FeedScope {
  title: string;
  description: string;
  /** Site-relative path of the HTML page the feed mirrors, e.g. "/" or "/tag/harbour/". */
  homePath: string;
  /** Site-relative paths of this feed in each format it comes in. */
  feedPaths: { rss: string; atom?: string; json?: string };
}

/** Everything the feed builders need. */
export interface FeedInput {
  publicUrl: string;
  siteTitle: string;
  language: string;
  scope: FeedScope;
  articles: FeedArticle[];
  /** Full text, or only the standfirst (the feeds.full_content setting). */
  isFullContent: boolean;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function sourceLine(article: FeedArticle): string {
  if (!article.source) return '';
  const name = escapeHtml(article.source.name);
  const linked = article.source.url ? `<a href="${escapeHtml(article.source.url)}">${name}</a>` : name;
  return `<p>Original Source: ${linked}</p>`;
}

/** The newest change among the articles: the feed's Last-Modified and <updated>. */
export function lastModifiedOf(articles: readonly FeedArticle[]): Date {
  const newest = articles.reduce(
    (max, a) => (a.updatedAt > max ? a.updatedAt : max),
    '1970-01-01T00:00:00.000Z',
  );
  return new Date(newest);
}

type Format = 'rss' | 'atom' | 'json';

function buildFeed(input: FeedInput, format: Format): Feed {
  const { publicUrl, scope } = input;
  const absolute = (path: string) => `${publicUrl}${path}`;
  // Atom marks titles as HTML (type="html") inside CDATA, so a title's own "<" must be escaped
  // there; RSS and JSON Feed titles are plain text.
  const title = (text: string) => (format === 'atom' ? escapeHtml(text) : text);
  const feed = new Feed({
    title: title(scope.title),
    description: scope.description,
    id: absolute(scope.homePath),
    link: absolute(scope.homePath),
    language: input.language,
    copyright: `© ${input.siteTitle}`,
    updated: lastModifiedOf(input.articles),
    generator: 'Dateline',
    feedLinks: Object.fromEntries(Object.entries(scope.feedPaths).map(([k, v]) => [k, absolute(v)])),
  });
  for (const article of input.articles) {
    const url = absolute(`/${article.slug}/`);
    const standfirst = escapeHtml(article.standfirst);
    const item: Item = {
      title: title(article.title),
      id: url,
      link: url,
      date: new Date(article.updatedAt),
      published: new Date(article.publishedAt),
      description: article.standfirst
        ? `<p>${standfirst}</p>${input.isFullContent ? '' : sourceLine(article)}`
        : sourceLine(article),
      category: article.tags.map((t) =>
        format === 'atom'
          ? { name: t.name, term: t.slug, scheme: absolute('/tag/') }
          : { name: t.name, domain: absolute(`/tag/${t.slug}/`) },
      ),
    };
    if (input.isFullContent) item.content = article.bodyHtml + sourceLine(article);
    if (format === 'rss') {
      // RSS's <author> must be an email, so the byline goes in dc:creator, read as it is printed
      // ("A and B"): feed readers keep only one dc:creator. No email is ever written.
      const names = article.authors.map((a) => a.name);
      const byline =
        names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
      if (byline) item.extensions = [{ name: 'dc:creator', objects: { _text: byline } }];
    } else {
      item.author = article.authors.map((a) => ({ name: a.name, link: absolute(`/author/${a.slug}/`) }));
    }
    feed.addItem(item);
  }
  return feed;
}

/** RSS 2.0. */
export function buildRss(input: FeedInput): string {
  return buildFeed(input, 'rss').rss2();
}

/** Atom 1.0. */
export function buildAtom(input: FeedInput): string {
  return buildFeed(input, 'atom').atom1();
}

/**
 * JSON Feed 1.1. The feed library writes version 1, so its output is brought to 1.1: `authors`
 * arrays instead of `author`, and the feed's `language`.
 */
export function buildJsonFeed(input: FeedInput): string {
  const doc = JSON.parse(buildFeed(input, 'json').json1()) as Record<string, unknown> & {
    items: Record<string, unknown>[];
  };
  doc.version = 'https://jsonfeed.org/version/1.1';
  doc.language = input.language;
  doc.items = doc.items.map((item, i) => {
    const article = input.articles[i];
    const { author: _author, ...rest } = item;
    return {
      ...rest,
      authors: (article?.authors ?? []).map((a) => ({
        name: a.name,
        url: `${input.publicUrl}/author/${a.slug}/`,
      })),
      ...(article?.source && { _dateline: { source: article.source } }),
    };
  });
  return JSON.stringify(doc);
}
