// Reads a Dateline document a piece at a time: each top-level member, and each element of a top-level
// array, is parsed on its own as soon as its text is complete. A 20,000-article export runs to hundreds
// of megabytes; JSON.parse of the whole text would hold the text and every object at once, while this
// holds one element (one article, one comment) and the chunk being read.
//
// Only the outer two levels are scanned here, character by character. The text of each piece goes to
// JSON.parse, which checks everything inside it, so this scanner only has to find where pieces end:
// it tracks strings (and their escapes) and bracket depth, and checks the punctuation between pieces.
import { StringDecoder } from 'node:string_decoder';

/** One piece of the document, in file order. */
export type SectionEvent =
  | { kind: 'member'; key: string; value: unknown }
  | { kind: 'array-start'; key: string }
  | { kind: 'element'; key: string; index: number; value: unknown }
  | { kind: 'array-end'; key: string; count: number };

/** The text is not JSON, or not an object at the top; `where` names the piece ("articles[3]"). */
export class DocumentSyntaxError extends Error {
  override name = 'DocumentSyntaxError';
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
  }
}

/** One piece may not be longer than this: far above any article, far below what a string may hold. */
export const MAX_PIECE_CHARS = 64 * 1024 * 1024;

type Mode =
  | 'start'
  | 'key-or-end'
  | 'key'
  | 'colon'
  | 'value'
  | 'after-member'
  | 'element-or-end'
  | 'element'
  | 'after-element'
  | 'done';

interface Capture {
  target: 'key' | 'member' | 'element';
  parts: string[];
  length: number;
  depth: number;
  isBegun: boolean;
  isScalar: boolean;
  isInString: boolean;
  isEscaped: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** A push parser: give it text in pieces of any size, take the events each piece completes. */
export class SectionScanner {
  private mode: Mode = 'start';
  private capture: Capture | undefined;
  private key = '';
  private index = 0;
  private consumed = 0;
  private events: SectionEvent[] = [];

  /** Reads the next piece of text and returns the events it completed. */
  push(text: string): SectionEvent[] {
    let i = 0;
    while (i < text.length) {
      if (this.capture) {
        i = this.continueCapture(text, i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (isWhitespace(c)) {
        i += 1;
        continue;
      }
      i = this.step(c, i);
    }
    this.consumed += text.length;
    const done = this.events;
    this.events = [];
    return done;
  }

  /** Says the text is over; throws when the document is incomplete. */
  end(): SectionEvent[] {
    if (this.capture?.isScalar && this.capture.isBegun) this.finishCapture('');
    if (this.mode !== 'done') this.fail(this.where(), 'the file ends before the document does');
    const done = this.events;
    this.events = [];
    return done;
  }

  /** Handles one significant character outside any piece; returns the next position. */
  private step(c: number, i: number): number {
    switch (this.mode) {
      case 'start':
        if (c !== OPEN_BRACE) this.fail('(file)', 'is not a Dateline export: it does not start with "{"');
        this.mode = 'key-or-end';
        return i + 1;
      case 'key-or-end':
        if (c === CLOSE_BRACE) {
          this.mode = 'done';
          return i + 1;
        }
        return this.beginKey(c, i);
      case 'key':
        return this.beginKey(c, i);
      case 'colon':
        if (c !== COLON) this.fail(this.key, `expected ":" after the name, at character ${this.at(i)}`);
        this.mode = 'value';
        return i + 1;
      case 'value':
        if (c === OPEN_BRACKET) {
          this.events.push({ kind: 'array-start', key: this.key });
          this.index = 0;
          this.mode = 'element-or-end';
          return i + 1;
        }
        this.beginCapture('member');
        return i;
      case 'after-member':
        if (c === COMMA) this.mode = 'key';
        else if (c === CLOSE_BRACE) this.mode = 'done';
        else this.fail(this.key, `expected "," or "}" after it, at character ${this.at(i)}`);
        return i + 1;
      case 'element-or-end':
        if (c === CLOSE_BRACKET) return this.endArray(i);
        this.beginCapture('element');
        return i;
      case 'element':
        if (c === CLOSE_BRACKET) this.fail(this.where(), 'a "," is followed by "]"');
        this.beginCapture('element');
        return i;
      case 'after-element':
        if (c === COMMA) this.mode = 'element';
        else if (c === CLOSE_BRACKET) return this.endArray(i);
        else this.fail(this.where(), `expected "," or "]", at character ${this.at(i)}`);
        return i + 1;
      case 'done':
        return this.fail('(file)', `text after the end of the document, at character ${this.at(i)}`);
    }
  }

  private beginKey(c: number, i: number): number {
    if (c !== QUOTE) this.fail(this.where(), `expected a quoted name, at character ${this.at(i)}`);
    this.beginCapture('key');
    return i;
  }

  private endArray(i: number): number {
    this.events.push({ kind: 'array-end', key: this.key, count: this.index });
    this.mode = 'after-member';
    return i + 1;
  }

  private beginCapture(target: Capture['target']): void {
    this.capture = {
      target,
      parts: [],
      length: 0,
      depth: 0,
      isBegun: false,
      isScalar: false,
      isInString: false,
      isEscaped: false,
    };
  }

  /** Scans inside a piece; returns where scanning stopped (the piece's end, or the text's). */
  private continueCapture(text: string, from: number): number {
    const cap = this.capture as Capture;
    let i = from;
    while (i < text.length) {
      if (cap.isInString) {
        if (cap.isEscaped) {
          cap.isEscaped = false;
          i += 1;
          continue;
        }
        // Jump to the next quote; it closes the string unless an odd run of backslashes precedes it.
        // Bodies are full of \n escapes, so looking only for quotes saves most of the stops.
        const quote = text.indexOf('"', i);
        const end = quote === -1 ? text.length : quote;
        let backslashes = 0;
        while (end - backslashes - 1 >= i && text.charCodeAt(end - backslashes - 1) === BACKSLASH)
          backslashes += 1;
        if (quote === -1) {
          // An odd run at the chunk's end escapes the next chunk's first character.
          cap.isEscaped = backslashes % 2 === 1;
          i = text.length;
          break;
        }
        i = quote + 1;
        if (backslashes % 2 === 1) continue;
        cap.isInString = false;
        if (cap.depth === 0) return this.finishCapture(text.slice(from, i), i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (!cap.isBegun) {
        cap.isBegun = true;
        if (c === QUOTE) cap.isInString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) cap.depth = 1;
        else cap.isScalar = true;
        i += 1;
        continue;
      }
      if (cap.isScalar) {
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isWhitespace(c))
          return this.finishCapture(text.slice(from, i), i);
        i += 1;
        continue;
      }
      if (c === QUOTE) cap.isInString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) cap.depth += 1;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        cap.depth -= 1;
        if (cap.depth === 0) return this.finishCapture(text.slice(from, i + 1), i + 1);
      }
      i += 1;
    }
    const rest = text.slice(from);
    cap.parts.push(rest);
    cap.length += rest.length;
    if (cap.length > MAX_PIECE_CHARS)
      this.fail(this.where(), `is longer than ${MAX_PIECE_CHARS} characters: the file is damaged`);
    return text.length;
  }

  /** Parses the piece's whole text and emits it. */
  private finishCapture(last: string, next = 0): number {
    const cap = this.capture as Capture;
    this.capture = undefined;
    const source = cap.parts.length === 0 ? last : cap.parts.join('') + last;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      this.fail(this.where(), `is not valid JSON (${(error as Error).message})`);
    }
    if (cap.target === 'key') {
      this.key = value as string;
      this.mode = 'colon';
    } else if (cap.target === 'member') {
      this.events.push({ kind: 'member', key: this.key, value });
      this.mode = 'after-member';
    } else {
      this.events.push({ kind: 'element', key: this.key, index: this.index, value });
      this.index += 1;
      this.mode = 'after-element';
    }
    return next;
  }

  /** The piece being read, as a path: "articles[3]", "settings", or "(file)" outside any. */
  private where(): string {
    if (this.mode === 'element' || this.mode === 'element-or-end' || this.capture?.target === 'element')
      return `${this.key}[${this.index}]`;
    if (this.mode === 'after-element') return `${this.key}[${this.index - 1}]`;
    if (this.mode === 'start' || this.mode === 'key-or-end' || this.mode === 'done') return '(file)';
    return this.key || '(file)';
  }

  private at(i: number): number {
    return this.consumed + i;
  }

  private fail(where: string, reason: string): never {
    throw new DocumentSyntaxError(where, reason);
  }
}

/** Reads a document from text or bytes (UTF-8) in chunks, one event at a time. */
export async function* readSections(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<SectionEvent> {
  const scanner = new SectionScanner();
  const decoder = new StringDecoder('utf8');
  let isFirst = true;
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk));
    // A byte-order mark is not part of the JSON text.
    if (isFirst && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      isFirst = false;
    }
    yield* scanner.push(text);
  }
  yield* scanner.push(decoder.end());
  yield* scanner.end();
}
