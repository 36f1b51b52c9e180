import { addElement, createXmlDocument, serializeXml, startRss } from '../../platform/render/xml.ts';
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

/** Text as HTML that shows it literally. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// The article page's "Original Source:" line, every source named, each linked when it has an address.
function sourceLine(article: FeedArticle): string {
  if (article.sources.length === 0) return '';
  const linked = article.sources.map((source) => {
    const name = escapeHtml(source.name);
    return source.url ? `<a href="${escapeHtml(source.url)}">${name}</a>` : name;
  });
  return `<p>Original Source: ${linked.join(', ')}</p>`;
}

/** The newest change among the articles: the feed's Last-Modified and <updated>. */
export function lastModifiedOf(articles: readonly FeedArticle[]): Date {
  const newest = articles.reduce(
    (max, a) => (a.updatedAt > max ? a.updatedAt : max),
    '1970-01-01T00:00:00.000Z',
  );
  return new Date(newest);
}

/** Absolute URLs of an article's page, its authors' pages and its tags' pages. */
function urlsOf(input: FeedInput) {
  const absolute = (path: string) => `${input.publicUrl}${path}`;
  return {
    absolute,
    article: (a: FeedArticle) => absolute(`/${a.slug}/`),
    author: (slug: string) => absolute(`/author/${slug}/`),
    tag: (slug: string) => absolute(`/tag/${slug}/`),
  };
}

/**
 * An item's summary as HTML: the standfirst, and the source line when the full text (which ends
 * with it) is not carried. Empty when there is neither.
 */
function summaryHtml(article: FeedArticle, isFullContent: boolean): string {
  const source = isFullContent ? '' : sourceLine(article);
  return article.standfirst ? `<p>${escapeHtml(article.standfirst)}</p>${source}` : source;
}

/** The full text as HTML, or undefined when the feed carries only summaries. */
function contentHtml(article: FeedArticle, isFullContent: boolean): string | undefined {
  return isFullContent ? article.bodyHtml + sourceLine(article) : undefined;
}

/**
 * RSS 2.0. Every string is written as escaped text (HTML too, in description and
 * content:encoded), never as CDATA, so no headline or name can close an element early.
 */
export function buildRss(input: FeedInput): string {
  const { scope } = input;
  const url = urlsOf(input);
  const { document, channel } = startRss({
    title: scope.title,
    link: url.absolute(scope.homePath),
    descriptionHtml: escapeHtml(scope.description),
    updated: lastModifiedOf(input.articles),
    language: input.language,
    selfUrl: url.absolute(scope.feedPaths.rss),
    copyright: `© ${input.siteTitle}`,
  });
  for (const article of input.articles) {
    const item = addElement(channel, 'item');
    addElement(item, 'title', { text: article.title });
    addElement(item, 'link', { text: url.article(article) });
    addElement(item, 'guid', { text: url.article(article), attributes: { isPermaLink: 'false' } });
    addElement(item, 'pubDate', { text: new Date(article.publishedAt).toUTCString() });
    const summary = summaryHtml(article, input.isFullContent);
    if (summary) addElement(item, 'description', { text: summary });
    const content = contentHtml(article, input.isFullContent);
    if (content) addElement(item, 'content:encoded', { text: content });
    for (const tag of article.tags) {
      addElement(item, 'category', { text: tag.name, attributes: { domain: url.tag(tag.slug) } });
    }
    // RSS's <author> must be an email, so the byline goes in dc:creator, read as it is printed
    // ("A and B"): feed readers keep only one dc:creator. No email is ever written.
    const names = article.authors.map((a) => a.name);
    const byline =
      names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
    if (byline) addElement(item, 'dc:creator', { text: byline });
    // RSS 2.0 allows one <source> per item, and its url attribute is required: the first source
    // with an address is credited here; the item's text names them all.
    const credited = article.sources.find((s) => s.url !== null);
    if (credited?.url) addElement(item, 'source', { text: credited.name, attributes: { url: credited.url } });
  }
  return serializeXml(document);
}

/**
 * Atom 1.0. Entry titles are typed HTML, as WordPress writes them, so a headline's own "<" is
 * HTML-escaped before the XML escaping; the feed's title and subtitle are plain text.
 */
export function buildAtom(input: FeedInput): string {
  const { scope } = input;
  const url = urlsOf(input);
  const document = createXmlDocument();
  const feed = addElement(document, 'feed', { attributes: { xmlns: 'http://www.w3.org/2005/Atom' } });
  addElement(feed, 'id', { text: url.absolute(scope.homePath) });
  addElement(feed, 'title', { text: scope.title });
  addElement(feed, 'updated', { text: lastModifiedOf(input.articles).toISOString() });
  addElement(feed, 'generator', { text: 'Dateline' });
  addElement(feed, 'link', { attributes: { rel: 'alternate', href: url.absolute(scope.homePath) } });
  if (scope.feedPaths.atom) {
    addElement(feed, 'link', { attributes: { rel: 'self', href: url.absolute(scope.feedPaths.atom) } });
  }
  if (scope.description) addElement(feed, 'subtitle', { text: scope.description });
  addElement(feed, 'rights', { text: `© ${input.siteTitle}` });
  for (const article of input.articles) {
    const entry = addElement(feed, 'entry');
    addElement(entry, 'title', { text: escapeHtml(article.title), attributes: { type: 'html' } });
    addElement(entry, 'id', { text: url.article(article) });
    addElement(entry, 'link', { attributes: { href: url.article(article) } });
    addElement(entry, 'updated', { text: new Date(article.updatedAt).toISOString() });
    const summary = summaryHtml(article, input.isFullContent);
    if (summary) addElement(entry, 'summary', { text: summary, attributes: { type: 'html' } });
    const content = contentHtml(article, input.isFullContent);
    if (content) addElement(entry, 'content', { text: content, attributes: { type: 'html' } });
    for (const author of article.authors) {
      const element = addElement(entry, 'author');
      addElement(element, 'name', { text: author.name });
      addElement(element, 'uri', { text: url.author(author.slug) });
    }
    for (const tag of article.tags) {
      addElement(entry, 'category', {
        attributes: { label: tag.name, scheme: url.absolute('/tag/'), term: tag.slug },
      });
    }
    addElement(entry, 'published', { text: new Date(article.publishedAt).toISOString() });
    // RFC 4287's rel="via": where the entry's information came from, one link per source with an address.
    for (const source of article.sources) {
      if (source.url)
        addElement(entry, 'link', { attributes: { rel: 'via', href: source.url, title: source.name } });
    }
  }
  return serializeXml(document);
}

/** JSON Feed 1.1, written by JSON.stringify, which escapes whatever a string holds. */
export function buildJsonFeed(input: FeedInput): string {
  const { scope } = input;
  const url = urlsOf(input);
  const items = input.articles.map((article) => {
    const summary = summaryHtml(article, input.isFullContent);
    const content = contentHtml(article, input.isFullContent);
    return {
      id: url.article(article),
      content_html: content ?? summary,
      url: url.article(article),
      title: article.title,
      ...(content && summary && { summary }),
      date_modified: new Date(article.updatedAt).toISOString(),
      date_published: new Date(article.publishedAt).toISOString(),
      tags: article.tags.map((t) => t.name),
      authors: article.authors.map((a) => ({ name: a.name, url: url.author(a.slug) })),
      // `source` is the first, as before several sources existed; `sources` names them all.
      ...(article.sources.length > 0 && {
        _dateline: { source: article.sources[0], sources: article.sources },
      }),
    };
  });
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: scope.title,
    home_page_url: url.absolute(scope.homePath),
    ...(scope.feedPaths.json && { feed_url: url.absolute(scope.feedPaths.json) }),
    ...(scope.description && { description: scope.description }),
    language: input.language,
    items,
  });
}
