import { create } from 'xmlbuilder2';

/** An element (or the document) being built. */
export type XmlNode = ReturnType<typeof create>;

// XML 1.0's Char production. With the `u` flag a lone surrogate is a code point of its own, so it
// falls outside every range and is removed, while a proper pair matches the astral range.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * The text with every character XML 1.0 forbids removed: C0 controls other than tab, newline and
 * carriage return, lone surrogates, U+FFFE and U+FFFF. No escaping can carry them: a document
 * holding one, even as a character reference, is not well-formed.
 */
export function removeXmlForbidden(text: string): string {
  return text.replace(FORBIDDEN, '');
}

// xmlbuilder2 (3.0.2 onwards, still in 4.0.3; its issue #117) writes "&" as "&amp;" only when what
// follows does not look like an entity, so "&amp;" would be read back as "&", and "&bogus;" or
// "&#0;" would make the document not well-formed. Writing every "&" as "&amp;" first leaves it
// nothing to guess about. MUST run before the character references below are added. A carriage
// return is written as a reference because a parser turns a literal one into a newline, and in an
// attribute tab and newline likewise, which a parser turns into spaces.
function forText(text: string): string {
  return removeXmlForbidden(text).replace(/&/g, '&amp;').replace(/\r/g, '&#13;');
}

function forAttribute(text: string): string {
  return forText(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** A new XML 1.0 document in UTF-8. */
export function createXmlDocument(): XmlNode {
  return create({ version: '1.0', encoding: 'utf-8' });
}

/**
 * Adds an element to `parent` and returns it. Every attribute value and the text go through
 * xmlbuilder2's escaping, so any string (a reader's name, a headline) stays text: nothing is ever
 * written as CDATA or raw markup. `name` and the attribute names must be constants.
 */
export function addElement(
  parent: XmlNode,
  name: string,
  options: { text?: string; attributes?: Record<string, string> } = {},
): XmlNode {
  const attributes = Object.fromEntries(
    Object.entries(options.attributes ?? {}).map(([key, value]) => [key, forAttribute(value)]),
  );
  const element = parent.ele(name, attributes);
  if (options.text !== undefined && options.text !== '') element.txt(forText(options.text));
  return element;
}

/** The document as text. Its well-formedness check cannot fail on text added by addElement. */
export function serializeXml(document: XmlNode): string {
  return document.end({ prettyPrint: true, wellFormed: true });
}

/** The namespaces RSS 2.0 feeds borrow elements from. */
const RSS_NAMESPACES = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
};

/**
 * An RSS 2.0 document and its channel, with the channel's metadata written and its self link
 * (atom:link rel="self"); the caller adds the items to the channel.
 */
export function startRss(channelInfo: {
  title: string;
  /** Absolute URL of the HTML page the feed mirrors. */
  link: string;
  /** HTML: readers take a channel's description as HTML, as they do an item's. */
  descriptionHtml: string;
  updated: Date;
  language: string;
  /** Absolute URL of this feed. */
  selfUrl: string;
  copyright?: string;
}): { document: XmlNode; channel: XmlNode } {
  const document = createXmlDocument();
  const rss = addElement(document, 'rss', { attributes: { version: '2.0', ...RSS_NAMESPACES } });
  const channel = addElement(rss, 'channel');
  addElement(channel, 'title', { text: channelInfo.title });
  addElement(channel, 'link', { text: channelInfo.link });
  addElement(channel, 'description', { text: channelInfo.descriptionHtml });
  addElement(channel, 'lastBuildDate', { text: channelInfo.updated.toUTCString() });
  addElement(channel, 'docs', { text: 'https://validator.w3.org/feed/docs/rss2.html' });
  addElement(channel, 'generator', { text: 'Dateline' });
  addElement(channel, 'language', { text: channelInfo.language });
  if (channelInfo.copyright) addElement(channel, 'copyright', { text: channelInfo.copyright });
  addElement(channel, 'atom:link', {
    attributes: { href: channelInfo.selfUrl, rel: 'self', type: 'application/rss+xml' },
  });
  return { document, channel };
}
