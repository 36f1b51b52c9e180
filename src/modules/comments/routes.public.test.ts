import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';
import type { ErrorBody } from '../../../test/json.ts';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe.each(DIALECTS)('posting a comment on %s', (dialect) => {
  let t: TestApp;
  let slug: string;
  let articleId: number;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    const article = await buildArticle(t.services);
    slug = article.slug;
    articleId = article.id;
  });

  const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/${slug}/comments`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: form(fields),
    });

  const stored = () =>
    t.database.db.selectFrom('comments').selectAll().where('article_id', '=', articleId).execute();

  it('stores a valid comment as pending and redirects back with a notice', async () => {
    const response = await post({
      comment: 'A fair point about the ferry.',
      author: 'Ola',
      email: 'ola@example.net',
      url: 'https://ola.example/',
    });
    expect(response.statusCode).toBe(303);
    const location = response.headers.location as string;
    expect(location).toMatch(
      new RegExp(`^/${slug}/\\?unapproved=\\d+&moderation-hash=[\\w-]+#comment-\\d+$`),
    );
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'pending',
      author_name: 'Ola',
      author_email: 'ola@example.net',
      author_url: 'https://ola.example/',
      body: 'A fair point about the ferry.',
    });
    expect(rows[0]?.ip_hash).toMatch(/^[\w-]{43}$/);
    expect(rows[0]?.ip_hash).not.toContain('127.0.0.1');

    // The signed link shows the held comment to its writer alone, marked, and is never cached.
    const page = await t.app.inject({ method: 'GET', url: location });
    const $ = load(page.body);
    expect(page.headers['cache-control']).toBe('private, no-store');
    const id = String(rows[0]?.id);
    expect($(`#comment-${id} .comment-awaiting-moderation`).text()).toBe(
      'Your comment is awaiting moderation.',
    );
    expect($(`#comment-${id} .comment-body`).text()).toContain('A fair point about the ferry.');
    expect(page.body).not.toContain('ola@example.net');
    // Everyone else sees the page without it.
    const plain = await t.app.inject({ method: 'GET', url: `/${slug}/` });
    expect(plain.body).not.toContain('A fair point about the ferry.');
    expect(plain.headers['cache-control']).toMatch(/^public, .*s-maxage=\d+/);
  });

  it('refuses an empty comment with 400, shows the reason beside the form and keeps what was typed', async () => {
    const response = await post({
      comment: '   ',
      author: 'Ola <Nordmann>',
      email: 'ola@example.net',
      url: 'https://ola.example/',
    });
    expect(response.statusCode).toBe(400);
    const $ = load(response.body);
    expect($('#comment-error').text()).toBe('Please type your comment.');
    expect($('#comment').attr('aria-describedby')).toBe('comment-error');
    expect($('#author').val()).toBe('Ola <Nordmann>');
    expect($('#email').val()).toBe('ola@example.net');
    expect($('#url').val()).toBe('https://ola.example/');
    expect(await stored()).toHaveLength(0);
  });

  it('refuses an oversized comment with 400 and keeps the text', async () => {
    const long = 'word '.repeat(14_000);
    const response = await post({ comment: long, author: 'Ola', email: 'ola@example.net' });
    expect(response.statusCode).toBe(400);
    const $ = load(response.body);
    expect($('#comment-error').text()).toContain('too long');
    expect($('#comment').text()).toBe(long);
    expect(await stored()).toHaveLength(0);
  });

  it('names every missing or malformed field', async () => {
    const response = await post({
      comment: 'Hello',
      author: '',
      email: 'not-an-address',
      url: 'javascript:alert(1)',
    });
    expect(response.statusCode).toBe(400);
    const $ = load(response.body);
    expect($('#author-error').text()).toContain('name');
    expect($('#email-error').text()).toContain('valid email');
    expect($('#url-error').text()).toContain('http');
    expect($('#comment').text()).toBe('Hello');
    expect($('#url').val()).toBe('javascript:alert(1)');
  });

  it('answers a JSON request with 400 and the field errors', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/${slug}/comments`,
      headers: { accept: 'application/json' },
      payload: { comment: '', author: 'Ola', email: 'x' },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<ErrorBody>();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(body.error.fields ?? {}).sort()).toEqual(['comment', 'email']);
  });

  it('accepts a JSON comment', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/${slug}/comments`,
      headers: { accept: 'application/json' },
      payload: { comment: 'Posted as JSON.', author: 'Ola', email: 'ola@example.net' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<{ comment: { status: string } }>().comment.status).toBe('pending');
    expect(await stored()).toHaveLength(1);
  });

  it('answers 404 for a comment on an unknown or unpublished article', async () => {
    await buildArticle(t.services, { slug: 'secret-draft', status: 'draft' });
    for (const target of ['no-such-article', 'secret-draft']) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/${target}/comments`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ comment: 'x', author: 'y', email: 'z@example.com' }),
      });
      expect(response.statusCode).toBe(404);
    }
  });

  it('never answers bad encodings with a 500', async () => {
    const bodies: [string, string][] = [
      ['application/x-www-form-urlencoded', 'comment=%E0%A4%A&author=%&email=%ZZ'],
      ['application/json', '{"comment": '],
      ['application/json', '[1,2,3]'],
      ['text/plain', 'comment=hello'],
      ['application/x-www-form-urlencoded', 'comment[]=a&comment[]=b&author=x&email=y@example.com'],
    ];
    for (const [type, payload] of bodies) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/${slug}/comments`,
        headers: { 'content-type': type },
        payload,
      });
      expect(response.statusCode, `${type} ${payload}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, `${type} ${payload}`).toBeLessThan(500);
    }
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await post({
      comment: 'x'.repeat(1024 * 1024),
      author: 'Ola',
      email: 'ola@example.net',
    });
    expect(response.statusCode).toBe(413);
  });
});
