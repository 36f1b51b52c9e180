import { describe, expect, it } from 'vitest';
import { checkCommentForm, isEmail, readCommentForm } from './schemas.ts';

const valid = {
  comment: 'Hello there.',
  author: 'Ola',
  email: 'ola@example.net',
  url: '',
  comment_parent: '0',
  consent: false,
  honeypot: '',
};

describe('comment form checks', () => {
  it('accepts a valid form and trims it', () => {
    const result = checkCommentForm({
      ...valid,
      comment: '  Hello\r\nthere.  ',
      author: '  Ola   Nordmann ',
    });
    expect(result).toEqual({
      ok: true,
      input: {
        body: 'Hello\nthere.',
        authorName: 'Ola Nordmann',
        authorEmail: 'ola@example.net',
        authorUrl: null,
        parentId: null,
      },
    });
  });

  it('applies WordPress’s limits', () => {
    const fields = (over: Partial<typeof valid>) => {
      const r = checkCommentForm({ ...valid, ...over });
      return r.ok ? {} : r.fields;
    };
    expect(fields({ comment: 'x'.repeat(65_525) })).toEqual({});
    expect(fields({ comment: 'x'.repeat(65_526) })).toHaveProperty('comment');
    expect(fields({ author: 'x'.repeat(246) })).toHaveProperty('author');
    expect(fields({ email: `${'x'.repeat(95)}@a.com` })).toHaveProperty('email');
    expect(fields({ url: `https://a.example/${'x'.repeat(190)}` })).toHaveProperty('url');
    expect(fields({ url: 'data:text/html,hi' })).toHaveProperty('url');
    expect(fields({ url: 'ftp://files.example/' })).toHaveProperty('url');
    expect(fields({ comment_parent: 'abc' })).toHaveProperty('comment_parent');
    expect(fields({ comment: '\u0000\u0001' })).toHaveProperty('comment');
  });

  it('validates addresses as WordPress’s is_email does', () => {
    for (const good of ['a@b.co', 'first.last+tag@mail.example.org', "o'brien@example.ie"])
      expect(isEmail(good), good).toBe(true);
    for (const bad of [
      'a@b',
      '@example.com',
      'a@-b.com',
      'a@b-.com',
      'a@b..com',
      'a b@c.com',
      'ä@example.com',
      'a@exämple.com',
      'x@y.z',
    ]) {
      expect(isEmail(bad), bad).toBe(false);
    }
  });

  it('reads only strings from any body shape', () => {
    expect(readCommentForm(null)).toEqual({
      consent: false,
      honeypot: '',
      comment: '',
      author: '',
      email: '',
      url: '',
      comment_parent: '',
    });
    expect(readCommentForm({ comment: ['a', 'b'], author: 5 }).comment).toBe('a');
    expect(readCommentForm({ comment: ['a', 'b'], author: 5 }).author).toBe('');
  });
});
