import { SaxesParser, type SaxesTagNS } from 'saxes';
import {
  AUTHOR_FIELDS,
  COMMENT_FIELDS,
  ITEM_FIELDS,
  META_FIELDS,
  SITE_FIELDS,
  type Setter,
  TERM_FIELDS,
  TERM_KINDS,
  type WxrAuthor,
  type WxrComment,
  type WxrItem,
  type WxrItemTerm,
  type WxrMeta,
  type WxrRecord,
  type WxrSite,
  type WxrTerm,
  type WxrVersion,
  newComment,
  newItem,
  withoutDuplicateTerms,
} from './wxr-records.ts';
import { readExportText, type TextSourceInfo } from './wxr-text.ts';

export type {
  WxrAuthor,
  WxrComment,
  WxrItem,
  WxrItemTerm,
  WxrMeta,
  WxrRecord,
  WxrSite,
  WxrTerm,
  WxrVersion,
} from './wxr-records.ts';

/** Why an export cannot be read; `line` is where, when known, and the message names it too. */
export class WxrError extends Error {
  override readonly name = 'WxrError';
  readonly line: number | null;

  constructor(message: string, line: number | null, options?: ErrorOptions) {
    super(message, options);
    this.line = line;
  }
}

export interface ReadWxrOptions {
  /** Called after each chunk read from the source; the total is the file's size, or null for a stream. */
  onProgress?: (bytesRead: number, totalBytes: number | null) => void;
  /** Bytes parsed at a time (64 KiB by default). */
  highWaterMark?: number;
}

/**
 * Streams the records of an export file (plain or gzipped) or a Readable of bytes, in document order.
 * Reads one chunk, yields the records it completed, and reads the next only when asked, so memory stays
 * bounded and the consumer may await between records. Stopping early closes the file (or destroys the
 * stream). Anything after the closing </rss> is ignored.
 */
export async function* readWxr(
  source: string | NodeJS.ReadableStream,
  options: ReadWxrOptions = {},
): AsyncGenerator<WxrRecord> {
  const info: TextSourceInfo = { skippedLines: 0 };
  const parser = new WxrParser(info);
  const chunks = readExportText(source, options, info);
  try {
    for (;;) {
      const next = await chunks.next().catch((error: unknown) => {
        throw parser.readError(error);
      });
      if (next.done) break;
      let failure: Error | null = null;
      try {
        parser.write(next.value);
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      }
      // Records completed before an error still reach the consumer, whatever the chunk size.
      for (const record of parser.take()) yield record;
      if (failure) throw failure;
      if (parser.isDone) break;
    }
    parser.end();
    for (const record of parser.take()) yield record;
  } finally {
    await chunks.return(undefined);
  }
}

type Frame =
  'rss' | 'channel' | 'item' | 'author' | 'term' | 'postmeta' | 'comment' | 'commentmeta' | 'leaf' | 'skip';

const WXR_URI = /^https?:\/\/wordpress\.org\/export\/(1\.[0-2])\/$/;
const OTHER_WXR_URI = /^https?:\/\/wordpress\.org\/export\/[^/]+\/$/;
const EXCERPT_URI = /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/excerpt\/$/;
const NAMESPACES: Record<string, string> = {
  '': '',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
};

const UNDECLARED_PREFIXES: Record<string, string> = {
  wp: 'http://wordpress.org/export/1.2/',
  excerpt: 'http://wordpress.org/export/1.2/excerpt/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  wfw: 'http://wellformedweb.org/CommentAPI/',
};

/** Turns saxes events into records; `take()` hands over the records completed so far. */
class WxrParser {
  // Some exporters forget to declare a well-known prefix; saxes asks here before failing.
  private readonly xml = new SaxesParser({
    xmlns: true,
    position: true,
    resolvePrefix: (prefix: string) => UNDECLARED_PREFIXES[prefix],
  });
  private readonly frames: Frame[] = [];
  private readonly prefixes = new Map<string, string>();
  private queue: WxrRecord[] = [];
  private root: 'none' | 'open' | 'closed' = 'none';
  private version: WxrVersion | null = null;
  private unknownExportUri = '';
  private head = '';
  private hasContent = false;
  // The value being read: its text parts, and where it goes when its element closes.
  private text: string[] | null = null;
  private assign: ((value: string) => void) | null = null;
  private readonly site: WxrSite = {
    kind: 'site',
    version: '1.2',
    title: '',
    link: '',
    baseSiteUrl: '',
    baseBlogUrl: '',
  };
  private isSiteSent = false;
  private item: WxrItem | null = null;
  private author: WxrAuthor | null = null;
  private term: WxrTerm | null = null;
  private meta: WxrMeta | null = null;
  private comment: WxrComment | null = null;
  private commentMeta: WxrMeta | null = null;

  constructor(private readonly info: TextSourceInfo) {
    this.xml.on('opentag', (tag) => this.open(tag));
    this.xml.on('closetag', () => this.close());
    this.xml.on('text', (text) => this.text?.push(text));
    this.xml.on('cdata', (text) => this.text?.push(text));
  }

  get isDone(): boolean {
    return this.root === 'closed';
  }

  private get line(): number {
    return this.xml.line + this.info.skippedLines;
  }

  take(): WxrRecord[] {
    const records = this.queue;
    if (records.length > 0) this.queue = [];
    return records;
  }

  write(text: string): void {
    if (this.root === 'closed') return;
    this.hasContent ||= /\S/.test(text);
    if (this.head.length < 1024) this.head += text.slice(0, 1024 - this.head.length);
    try {
      this.xml.write(text);
    } catch (error) {
      if (error instanceof WxrError) throw error;
      // Plugins sometimes print after the export; the document itself is complete.
      if (this.isDone) return;
      throw this.xmlError(error);
    }
  }

  end(): void {
    if (this.root === 'closed') return;
    const line = this.line;
    if (this.root === 'open') throw new WxrError(`The export ends early (truncated?) at line ${line}`, line);
    if (!this.hasContent) throw new WxrError('The file is empty: it holds no WordPress export.', null);
    throw this.notWxr(line, 'it contains no XML element');
  }

  /** A gzip error (code Z_…) is the file's fault and becomes a WxrError; others (fs) pass on as they are. */
  readError(error: unknown): unknown {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !code.startsWith('Z_')) return error;
    const line = this.line;
    if (code === 'Z_BUF_ERROR')
      return new WxrError(`The export ends early (truncated?) at line ${line}`, line, { cause: error });
    const reason = error instanceof Error ? error.message : code;
    return new WxrError(`line ${line}: The gzip file is damaged: ${reason}`, line, { cause: error });
  }

  private xmlError(error: unknown): WxrError {
    const line = this.line;
    const reason = (error instanceof Error ? error.message : String(error)).replace(/^\d+:\d+: /, '');
    if (this.root === 'none') {
      const why = /<!doctype html|<html[\s>]/i.test(this.head)
        ? 'it is a web page (HTML)'
        : `it does not start as XML (${reason})`;
      return this.notWxr(line, why);
    }
    return new WxrError(
      `line ${line}, column ${this.xml.column}: The export is not well-formed XML: ${reason}`,
      line,
      { cause: error },
    );
  }

  private notWxr(line: number, why: string): WxrError {
    return new WxrError(`line ${line}: This file is not a WordPress export (WXR): ${why}`, line);
  }

  /** `content`, `dc`, `excerpt`, `wp`, '' for none, or the URI itself for any other namespace. */
  private prefixOf(uri: string): string {
    let prefix = this.prefixes.get(uri);
    if (prefix === undefined) {
      prefix = NAMESPACES[uri] ?? (WXR_URI.test(uri) ? 'wp' : EXCERPT_URI.test(uri) ? 'excerpt' : uri);
      this.prefixes.set(uri, prefix);
    }
    return prefix;
  }

  private findVersion(tag: SaxesTagNS): void {
    for (const uri of [tag.uri, ...Object.values(tag.ns)]) {
      const version = WXR_URI.exec(uri)?.[1];
      if (version) this.version = version as WxrVersion;
      else if (OTHER_WXR_URI.test(uri)) this.unknownExportUri ||= uri;
      if (this.version) return;
    }
  }

  /** The site record goes before the first author, term or item (at the latest as that item ends), or at the channel's end. */
  private sendSite(line: number): void {
    if (this.isSiteSent) return;
    if (!this.version) {
      throw this.notWxr(
        line,
        this.unknownExportUri
          ? `its export namespace ${this.unknownExportUri} is not WXR 1.0, 1.1 or 1.2`
          : 'it has no WordPress export namespace (http://wordpress.org/export/1.2/)',
      );
    }
    this.site.version = this.version;
    this.queue.push(this.site);
    this.isSiteSent = true;
  }

  /** Starts reading an element's text into `target`, or skips the element when there is no setter. */
  private readValue<T>(setter: Setter<T> | undefined, target: T | null): void {
    if (!setter || !target) {
      this.frames.push('skip');
      return;
    }
    this.frames.push('leaf');
    this.text = [];
    this.assign = (value) => setter(target, value);
  }

  private open(tag: SaxesTagNS): void {
    if (!this.version) this.findVersion(tag);
    const parent = this.frames[this.frames.length - 1];
    // Markup inside a value (or inside an unknown element) adds its text, nothing else.
    if (this.text || parent === 'skip' || parent === 'leaf') {
      this.frames.push('skip');
      return;
    }
    const line = this.line;
    if (parent === undefined) {
      if (tag.local !== 'rss' || tag.uri !== '') {
        const what = tag.local.toLowerCase() === 'html' ? 'a web page (HTML)' : `<${tag.name}>`;
        throw this.notWxr(line, `the document is ${what}, not an RSS export`);
      }
      this.root = 'open';
      this.frames.push('rss');
      return;
    }
    const key = `${this.prefixOf(tag.uri)}:${tag.local}`;
    switch (parent) {
      case 'rss':
        this.frames.push(key === ':channel' ? 'channel' : 'skip');
        return;
      case 'channel':
        return this.openInChannel(key, line);
      case 'item':
        return this.openInItem(key, tag);
      case 'author':
        return this.readValue(AUTHOR_FIELDS[key], this.author);
      case 'term':
        return this.readValue(TERM_FIELDS[key], this.term);
      case 'postmeta':
        return this.readValue(META_FIELDS[key], this.meta);
      case 'commentmeta':
        return this.readValue(META_FIELDS[key], this.commentMeta);
      case 'comment':
        if (key === 'wp:commentmeta') {
          this.commentMeta = { key: '', value: '' };
          this.frames.push('commentmeta');
          return;
        }
        return this.readValue(COMMENT_FIELDS[key], this.comment);
    }
  }

  private openInChannel(key: string, line: number): void {
    const termKind = TERM_KINDS[key];
    if (key === ':item') {
      // Without a declared export namespace, the item's own elements may still show one (resolvePrefix).
      if (this.version) this.sendSite(line);
      this.item = newItem(line);
      this.frames.push('item');
    } else if (key === 'wp:author') {
      this.sendSite(line);
      this.author = {
        kind: 'author',
        id: null,
        login: '',
        email: '',
        displayName: '',
        firstName: '',
        lastName: '',
        line,
      };
      this.frames.push('author');
    } else if (termKind) {
      this.sendSite(line);
      const [kind, taxonomy] = termKind;
      this.term = { kind, id: null, taxonomy, slug: '', name: '', parentSlug: '', description: '', line };
      this.frames.push('term');
    } else {
      this.readValue(SITE_FIELDS[key], this.isSiteSent ? null : this.site);
    }
  }

  private openInItem(key: string, tag: SaxesTagNS): void {
    const item = this.item;
    if (key === ':category' && item) {
      const domain = tag.attributes.domain?.value.trim() ?? '';
      const slug = tag.attributes.nicename?.value.trim() ?? '';
      const term = { domain: domain === 'tag' ? 'post_tag' : domain || 'category', slug };
      this.readValue<WxrItemTerm[]>((terms, name) => terms.push({ ...term, name }), item.terms);
    } else if (key === 'wp:postmeta') {
      this.meta = { key: '', value: '' };
      this.frames.push('postmeta');
    } else if (key === 'wp:comment') {
      this.comment = newComment();
      this.frames.push('comment');
    } else {
      this.readValue(ITEM_FIELDS[key], item);
    }
  }

  private close(): void {
    const frame = this.frames.pop();
    if (frame === 'leaf') {
      const parts = this.text ?? [];
      // A single part is V8's slice of the parser's whole chunk, and keeping it (an attachment's title
      // until the import ends) would keep the chunk: copied, only its own characters stay in memory.
      this.assign?.(parts.length === 1 ? ownCopy(parts[0] ?? '') : parts.join(''));
      this.text = null;
      this.assign = null;
    } else if (frame === 'item' && this.item) {
      this.sendSite(this.item.line);
      this.item.terms = withoutDuplicateTerms(this.item.terms);
      this.queue.push(this.item);
      this.item = null;
    } else if (frame === 'author' && this.author) {
      this.queue.push(this.author);
      this.author = null;
    } else if (frame === 'term' && this.term) {
      this.queue.push(this.term);
      this.term = null;
    } else if (frame === 'postmeta' && this.meta) {
      this.item?.meta.push(this.meta);
      this.meta = null;
    } else if (frame === 'comment' && this.comment) {
      this.item?.comments.push(this.comment);
      this.comment = null;
    } else if (frame === 'commentmeta' && this.commentMeta) {
      this.comment?.meta.push(this.commentMeta);
      this.commentMeta = null;
    } else if (frame === 'channel' || frame === 'rss') {
      this.sendSite(this.line);
      if (frame === 'rss') this.root = 'closed';
    }
  }
}

/** A string with its own storage, not a view into a larger one. */
function ownCopy(value: string): string {
  return value.length === 0 ? '' : Buffer.from(value, 'utf8').toString('utf8');
}
