import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

/** A parsed form: one string per field, an array when a field repeats (as @fastify/formbody gives). */
export type FormFields = Record<string, string | string[]>;

const PLUS = 0x2b;
const PERCENT = 0x25;
const AMPERSAND = 0x26;
const EQUALS = 0x3d;
// About a millisecond of decoding on a busy machine.
const SLICE_BYTES = 64 * 1024;

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Decodes an application/x-www-form-urlencoded body piece by piece, as its chunks arrive. A form
 * at the newsroom's body limit is about 1.5 MB of %XX escapes; decoded in one go (concatenate,
 * turn into a string, split, unescape) it held the event loop for tens of milliseconds, and every
 * reader's request waited. Chunk by chunk, each step takes a fraction of a millisecond and requests
 * in between are answered. It reads a form as the WHATWG URL standard (and URLSearchParams) does:
 * malformed escapes are kept as written, and bytes that are not UTF-8 become U+FFFD.
 */
export class FormDecoder {
  private readonly fields: FormFields = Object.create(null) as FormFields;
  private bytes = new Uint8Array(1024);
  private length = 0;
  private key: string | undefined;
  // How much of an escape has arrived (an escape may straddle two chunks): 0 none, 1 the '%',
  // 2 the '%' and the first hex digit, kept in escapeHigh.
  private escapeState: 0 | 1 | 2 = 0;
  private escapeHigh = 0;

  /** Decodes one chunk of the body. */
  write(chunk: Uint8Array): void {
    // Plain numbers, not arrays: a form at the limit holds half a million escapes.
    for (let at = 0; at < chunk.length; at += 1) {
      const byte = chunk[at] ?? 0;
      if (this.escapeState !== 0) {
        const value = hexValue(byte);
        if (value >= 0 && this.escapeState === 1) {
          this.escapeHigh = byte;
          this.escapeState = 2;
          continue;
        }
        if (value >= 0) {
          this.push(hexValue(this.escapeHigh) * 16 + value);
          this.escapeState = 0;
          continue;
        }
        // Not an escape after all: keep what was read as written, and read this byte afresh.
        this.flushEscape();
      }
      if (byte === PERCENT) this.escapeState = 1;
      else if (byte === AMPERSAND) this.endField();
      else if (byte === EQUALS && this.key === undefined) this.key = this.text();
      else this.push(byte === PLUS ? 0x20 : byte);
    }
  }

  /** Ends the body and returns its fields. */
  end(): FormFields {
    this.flushEscape();
    this.endField();
    return this.fields;
  }

  private flushEscape(): void {
    if (this.escapeState === 0) return;
    this.push(PERCENT);
    if (this.escapeState === 2) this.push(this.escapeHigh);
    this.escapeState = 0;
  }

  private push(byte: number): void {
    if (this.length === this.bytes.length) {
      const larger = new Uint8Array(this.bytes.length * 2);
      larger.set(this.bytes);
      this.bytes = larger;
    }
    this.bytes[this.length] = byte;
    this.length += 1;
  }

  private text(): string {
    const text = Buffer.from(this.bytes.buffer, 0, this.length).toString('utf8');
    this.length = 0;
    return text;
  }

  private endField(): void {
    const isEmpty = this.key === undefined && this.length === 0;
    const value = this.text();
    const [key, fieldValue] = this.key === undefined ? [value, ''] : [this.key, value];
    this.key = undefined;
    if (isEmpty) return;
    const existing = this.fields[key];
    if (existing === undefined) this.fields[key] = fieldValue;
    else if (Array.isArray(existing)) existing.push(fieldValue);
    else this.fields[key] = [existing, fieldValue];
  }
}

/**
 * Makes this plugin context read urlencoded bodies with FormDecoder, chunk by chunk, within the
 * route's bodyLimit (413 past it). Routes outside the context keep the app's parser.
 */
export function decodeFormsAsTheyArrive(app: FastifyInstance): void {
  app.removeContentTypeParser('application/x-www-form-urlencoded');
  app.addContentTypeParser('application/x-www-form-urlencoded', (request, payload, done) => {
    const limit = request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024;
    const decoder = new FormDecoder();
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      done(new AppError('PAYLOAD_TOO_LARGE'), undefined);
      return;
    }
    let received = 0;
    let isFinished = false;
    const finish = (error: Error | null, fields?: FormFields) => {
      if (isFinished) return;
      isFinished = true;
      done(error, fields);
    };
    payload.on('data', (chunk: Buffer) => {
      if (isFinished) return;
      received += chunk.length;
      if (received > limit) {
        finish(new AppError('PAYLOAD_TOO_LARGE'));
        return;
      }
      if (chunk.length <= SLICE_BYTES) {
        decoder.write(chunk);
        return;
      }
      // libuv hands over up to 2 MB in one read: decode it a slice at a time, letting other
      // requests in between, and read on once it is done.
      payload.pause();
      let at = 0;
      const next = () => {
        if (isFinished) return;
        decoder.write(chunk.subarray(at, at + SLICE_BYTES));
        at += SLICE_BYTES;
        if (at < chunk.length) setImmediate(next);
        else payload.resume();
      };
      next();
    });
    // 'end' waits for the paused slices: a paused stream emits no 'end' until it is resumed.
    payload.on('end', () => finish(null, decoder.end()));
    payload.on('error', (error) => finish(error));
  });
}
