// A decoded feed document to the items the desk stores. feedsmith reads every format (RSS 0.9x/2.0,
// RDF, Atom, JSON Feed) and keeps dates as the feed wrote them; this file decides the rest: dates
// (dates.ts), addresses (relative links read against xml:base, then the document's address), text
// (titles and summaries as plain text; bodies sanitised), identity (identity.ts), and a sentence an
// editor can act on when the document is no feed at all. Pure: it runs on the feed thread.
import { DetectError, parseFeed, type AnyFeed } from 'feedsmith';
import { SaxesParser } from 'saxes';
import { bodyText, sanitizeBody } from '../../platform/render/body-html.ts';
import { cleanLabel, replaceLoneSurrogates, stripUnsafeControls } from '../../platform/text.ts';
import { decidePublishedAt, type DateSource } from './dates.ts';
import { contentHash, normalizeUrl, resolveLink } from './identity.ts';

/** One entry of a feed, ready to store. */
export interface ParsedItem {
  /** The feed's GUID (RSS guid, Atom id, JSON Feed id), or null. Trust is decided per document. */
  guid: string | null;
  url: string | null;
  normalizedUrl: string | null;
  title: string;
  /** Plain text: the feed's summary, or the start of its body. */
  summary: string;
  /** Plain text of the body (or of the summary when the feed gives no body). */
  contentText: string;
  /** The body as sanitised Dateline body HTML, or null; stored only under 'republish' terms. */
  contentHtml: string | null;
  publishedAt: string;
  publishedAtRaw: string | null;
  dateSource: DateSource;
  contentHash: string;
}

/** A feed document, read. */
export interface ParsedFeed {
  format: AnyFeed['format'];
  title: string;
  /** The outlet's home page, as the feed names it. */
  homeUrl: string | null;
  /** RSS `<ttl>`, in minutes. */
  ttlMinutes: number | null;
  items: ParsedItem[];
}

/** A document that is not a feed Dateline can read; the message is for an editor. */
export class FeedProblem extends Error {
  override name = 'FeedProblem';
}

/** Entries read from one document at most: a feed is the latest stories, not an archive. */
export const MAX_ITEMS = 500;
const SUMMARY_CHARS = 600;
/** Text and HTML kept per item at most: a feed's entry is an article, not a book. */
const TEXT_CHARS = 200_000;
const HTML_CHARS = 500_000;

function plain(html: string | undefined): string {
  return html ? cleanText(bodyText(html)) : '';
}

function cleanText(text: string): string {
  return stripUnsafeControls(replaceLoneSurrogates(text)).trim();
}

/** An Atom text construct as plain text: html and xhtml are markup, text is text. */
function atomText(value: { value?: string; type?: string } | undefined): string {
  if (!value?.value) return '';
  return value.type === 'html' || value.type === 'xhtml' ? plain(value.value) : cleanText(value.value);
}

/** The first part of a text, cut at a word, with an ellipsis when cut. */
function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function safeBody(html: string | undefined): string | null {
  if (!html?.trim() || html.length > HTML_CHARS) return null;
  const clean = sanitizeBody(html);
  return clean === '' ? null : clean;
}

/** A base that itself may be relative, read against the one above it. */
function baseOf(xmlBase: string | undefined, parent: string): string {
  return resolveLink(xmlBase, parent) ?? parent;
}

interface Entry {
  guid?: string | undefined;
  link?: string | undefined;
  title: string;
  summaryHtml?: string | undefined;
  summaryText?: string | undefined;
  bodyHtml?: string | undefined;
  bodyText?: string | undefined;
  date?: string | undefined;
}

function entriesOf(
  parsed: AnyFeed,
  documentUrl: string,
): {
  title: string;
  home?: string | undefined;
  ttl?: number | undefined;
  entries: (Entry & { base: string })[];
} {
  switch (parsed.format) {
    case 'rss': {
      const feed = parsed.feed;
      const base = baseOf(feed.xml?.base, documentUrl);
      return {
        title: cleanLabel(feed.title ?? ''),
        home: resolveLink(feed.link, base),
        ttl: feed.ttl,
        entries: (feed.items ?? []).map((item) => ({
          base: baseOf(item.xml?.base, base),
          guid: item.guid?.value,
          // A permalink GUID is the item's address when it has no <link>.
          link: item.link ?? (item.guid?.isPermaLink !== false ? item.guid?.value : undefined),
          title: cleanLabel(item.title ?? ''),
          summaryHtml: item.description,
          bodyHtml: item.content?.encoded,
          date: item.pubDate ?? item.dc?.dates?.[0],
        })),
      };
    }
    case 'rdf': {
      const feed = parsed.feed;
      const base = baseOf(feed.xml?.base, documentUrl);
      return {
        title: cleanLabel(feed.title ?? ''),
        home: resolveLink(feed.link, base),
        entries: (feed.items ?? []).map((item) => ({
          base: baseOf(item.xml?.base, base),
          guid: item.rdf?.about,
          link: item.link,
          title: cleanLabel(item.title ?? ''),
          summaryHtml: item.description,
          bodyHtml: item.content?.encoded,
          date: item.dc?.dates?.[0],
        })),
      };
    }
    case 'atom': {
      const feed = parsed.feed;
      const base = baseOf(feed.xml?.base, documentUrl);
      const alternate = (links: { href?: string; rel?: string }[] | undefined) =>
        (links ?? []).find((l) => !l.rel || l.rel === 'alternate')?.href;
      return {
        title: atomText(feed.title),
        home: resolveLink(alternate(feed.links), base),
        entries: (feed.entries ?? []).map((entry) => {
          const content = entry.content;
          const isMarkup = content?.type === 'html' || content?.type === 'xhtml';
          return {
            base: baseOf(entry.xml?.base, base),
            guid: entry.id,
            link: alternate(entry.links),
            title: atomText(entry.title),
            summaryText: atomText(entry.summary),
            ...(isMarkup ? { bodyHtml: content.value } : { bodyText: content?.value }),
            date: entry.published ?? entry.updated,
          };
        }),
      };
    }
    case 'json': {
      const feed = parsed.feed;
      return {
        title: cleanLabel(feed.title ?? ''),
        home: resolveLink(feed.home_page_url, documentUrl),
        entries: (feed.items ?? []).map((item) => ({
          base: documentUrl,
          guid: item.id === undefined ? undefined : String(item.id),
          link: item.url ?? item.external_url,
          title: cleanLabel(item.title ?? ''),
          summaryText: item.summary,
          bodyHtml: item.content_html,
          bodyText: item.content_text,
          date: item.date_published ?? item.date_modified,
        })),
      };
    }
  }
}

function toItem(entry: Entry & { base: string }, fetchedAt: Date): ParsedItem {
  const url = resolveLink(entry.link, entry.base) ?? null;
  const bodyTextPlain = entry.bodyHtml ? plain(entry.bodyHtml) : cleanText(entry.bodyText ?? '');
  const summaryPlain = entry.summaryHtml ? plain(entry.summaryHtml) : cleanText(entry.summaryText ?? '');
  const contentText = (bodyTextPlain || summaryPlain).slice(0, TEXT_CHARS);
  const summary = shorten(summaryPlain || bodyTextPlain, SUMMARY_CHARS);
  const title = shorten(entry.title || summary || 'Untitled', 300);
  const date = decidePublishedAt(entry.date, fetchedAt);
  const guid = entry.guid?.trim() ? entry.guid.trim().slice(0, 1000) : null;
  return {
    guid,
    url,
    normalizedUrl: url ? normalizeUrl(url) : null,
    title,
    summary,
    contentText,
    contentHtml: safeBody(entry.bodyHtml ?? entry.summaryHtml),
    publishedAt: date.at.toISOString(),
    publishedAtRaw: date.raw,
    dateSource: date.how,
    contentHash: contentHash(title, contentText),
  };
}

/** Where a document stops being well-formed XML, for the editor's message. */
function xmlErrorAt(text: string): string | undefined {
  const parser = new SaxesParser({ position: true });
  let found: string | undefined;
  parser.on('error', (error) => {
    found ??= error.message.replace(/^(?:[^:]*:)?\d+:\d+:\s*/, '');
    throw error;
  });
  try {
    parser.write(text).close();
  } catch {
    return found && `line ${parser.line}: ${found}`;
  }
  return found;
}

/** Why feedsmith could not read a document, in an editor's words. */
function problemOf(error: unknown, text: string): FeedProblem {
  const malformed = (where?: string) =>
    new FeedProblem(
      `The feed is malformed or cut off, so it could not be read${where ? ` (${where})` : ''}.`,
    );
  if (text.startsWith('{')) {
    try {
      JSON.parse(text);
    } catch {
      return malformed('the JSON does not parse');
    }
  }
  const where = text.startsWith('<') ? xmlErrorAt(text) : undefined;
  if (where) return malformed(where);
  if (error instanceof DetectError)
    return new FeedProblem('The document is not a feed Dateline can read (RSS, RDF, Atom or JSON Feed).');
  return malformed();
}

/** Reads a decoded document fetched from `documentUrl` at `fetchedAt`. Throws FeedProblem when it is no feed. */
export function parseFeedDocument(text: string, documentUrl: string, fetchedAt: Date): ParsedFeed {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '')
    throw new FeedProblem('The feed address answered with an empty document: there is nothing to read.');
  if (/^<!doctype\s+html|^<html[\s>]/i.test(trimmed) || /^<!--[\s\S]*?-->\s*<html[\s>]/i.test(trimmed))
    throw new FeedProblem(
      'The address returned a web page (HTML), not a feed. Check the feed’s address: it often ends in /feed, /rss or .xml.',
    );
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(trimmed, { maxItems: MAX_ITEMS });
  } catch (error) {
    throw problemOf(error, trimmed);
  }
  const { title, home, ttl, entries } = entriesOf(parsed, documentUrl);
  return {
    format: parsed.format,
    title,
    homeUrl: home ?? null,
    ttlMinutes: typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0 ? Math.floor(ttl) : null,
    items: entries.slice(0, MAX_ITEMS).map((entry) => toItem(entry, fetchedAt)),
  };
}
