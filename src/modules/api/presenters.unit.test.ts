import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import {
  createLinks,
  decodeCursor,
  encodeCursor,
  flattenSnippet,
  selectFields,
  toStoredInstant,
} from './presenters.ts';
import { DEFAULT_LIST_FIELDS } from './schemas.ts';

function fieldsOfError(run: () => unknown): Record<string, string> | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    return (error as AppError).fields;
  }
  throw new Error('expected a VALIDATION_FAILED');
}

describe('the page cursor', () => {
  it('round-trips a position, URL-safe', () => {
    const key = { publishedAt: '2026-11-20T08:00:00.000Z', id: 12345 };
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(key);
  });

  it.each([
    ['not base64 text', 'abc'],
    ['no id', Buffer.from('2026-11-20T08:00:00.000Z').toString('base64url')],
    ['a zero id', Buffer.from('2026-11-20T08:00:00.000Z|0').toString('base64url')],
    ['a negative id', Buffer.from('2026-11-20T08:00:00.000Z|-3').toString('base64url')],
    ['an id too large', Buffer.from('2026-11-20T08:00:00.000Z|99999999999999999').toString('base64url')],
    ['a date not as stored', Buffer.from('2026-11-20T08:00:00Z|1').toString('base64url')],
    ['an impossible date', Buffer.from('2026-11-31T08:00:00.000Z|1').toString('base64url')],
    ['extra parts', Buffer.from('2026-11-20T08:00:00.000Z|1|2').toString('base64url')],
    ['padding', `${encodeCursor({ publishedAt: '2026-11-20T08:00:00.000Z', id: 1 })}=`],
    ['empty', ''],
  ])('refuses %s', (_name, cursor) => {
    expect(Object.keys(fieldsOfError(() => decodeCursor(cursor)) ?? {})).toEqual(['cursor']);
  });
});

describe('since', () => {
  it('is stored as UTC with milliseconds, whatever zone it was given in', () => {
    expect(toStoredInstant('2026-11-20T10:00:00+02:00', 'since')).toBe('2026-11-20T08:00:00.000Z');
    expect(toStoredInstant('2026-11-20T08:00:00Z', 'since')).toBe('2026-11-20T08:00:00.000Z');
  });

  it('refuses what the format lets through but no clock can show', () => {
    expect(fieldsOfError(() => toStoredInstant('2026-12-31T23:59:60Z', 'since'))).toEqual({
      since: expect.any(String) as string,
    });
  });
});

describe('fields', () => {
  it('defaults to everything but the body, and keeps the documented order without duplicates', () => {
    expect([...selectFields(undefined)]).toEqual(DEFAULT_LIST_FIELDS);
    expect([...selectFields('body_html,title,slug,title')]).toEqual(['slug', 'title', 'body_html']);
  });
});

describe('links', () => {
  const links = createLinks('https://news.example/gazette/');

  it('are absolute, under the public URL, with encoded parameters', () => {
    expect(links.article('harbour-wall')).toBe('https://news.example/gazette/harbour-wall/');
    expect(links.author('aino')).toBe('https://news.example/gazette/author/aino/');
    expect(links.tag('transport')).toBe('https://news.example/gazette/tag/transport/');
    expect(links.absolute('/media/a.png')).toBe('https://news.example/gazette/media/a.png');
    expect(links.absolute('https://cdn.example/a.png')).toBe('https://cdn.example/a.png');
    expect(links.api('/search', { q: 'a&b c', page: 2, limit: undefined })).toBe(
      'https://news.example/gazette/api/v1/search?q=a%26b+c&page=2',
    );
    expect(links.api('/articles')).toBe('https://news.example/gazette/api/v1/articles');
  });
});

describe('snippets', () => {
  it('become plain text with the offsets of their matches, adjacent matches merged', () => {
    expect(
      flattenSnippet([
        { text: '…the ', isMatch: false },
        { text: 'Ferry', isMatch: true },
        { text: ' ', isMatch: true },
        { text: 'timetable', isMatch: true },
        { text: ' changes; the ', isMatch: false },
        { text: 'ferry', isMatch: true },
        { text: '', isMatch: true },
      ]),
    ).toEqual({
      snippet: '…the Ferry timetable changes; the ferry',
      highlights: [
        { start: 5, end: 20 },
        { start: 34, end: 39 },
      ],
    });
    expect(flattenSnippet([])).toEqual({ snippet: '', highlights: [] });
  });
});
