import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { buildArticle } from '../../../test/factories.ts';

// Each hostile input with the answer it must get. Accepted ones are approved afterwards and the
// page is checked: the reader's text shows literally and no markup of theirs survives.
interface Case {
  name: string;
  fields: Record<string, string>;
  status: number;
  /** For 400s: the field named in the error. */
  field?: string;
  /** For accepted ones: what the page must show as text. */
  shows?: string;
  /** For accepted ones: what the stored name must be. */
  storedName?: string;
}

const base = { comment: 'Plain words.', author: 'Reader', email: 'reader@example.net' };

const cases: Case[] = [
  {
    name: 'script tags in comment and name',
    fields: { comment: '<script>alert("c")</script>', author: '<script>alert("n")</script>' },
    status: 303,
    shows: '<script>alert("c")</script>',
  },
  {
    name: 'event-handler attributes',
    fields: {
      comment: '<img src=x onerror=alert(1)><p onclick="alert(2)">hi</p>',
      author: '<b onmouseover=alert(3)>Bo</b>',
    },
    status: 303,
    shows: '<img src=x onerror=alert(1)>',
  },
  {
    name: 'attribute break-out in the website',
    fields: { url: 'https://reader.example/"onmouseover="alert(1)' },
    status: 303,
  },
  { name: 'javascript: website', fields: { url: 'javascript:alert(1)' }, status: 400, field: 'url' },
  {
    name: 'JavaScript: website with spaces and tabs',
    fields: { url: ' JaVa\tScRiPt:alert(1)' },
    status: 400,
    field: 'url',
  },
  {
    name: 'data: website',
    fields: { url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' },
    status: 400,
    field: 'url',
  },
  {
    name: 'entity-encoded javascript: website',
    fields: { url: '&#106;avascript:alert(1)' },
    status: 400,
    field: 'url',
  },
  {
    name: 'javascript: and data: text in the comment',
    fields: { comment: 'javascript:alert(1) data:text/html,<b>x</b>' },
    status: 303,
    shows: 'javascript:alert(1) data:text/html,<b>x</b>',
  },
  {
    name: 'HTML entities in the comment',
    fields: { comment: '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;' },
    status: 303,
    shows: '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;',
  },
  {
    name: 'percent-encoding in the comment',
    fields: { comment: '%3Cscript%3Ealert(1)%3C/script%3E' },
    status: 303,
    shows: '%3Cscript%3Ealert(1)%3C/script%3E',
  },
  {
    name: 'right-to-left override in the name',
    fields: { author: 'Ad\u202Emin\u202C' },
    status: 303,
    storedName: 'Admin',
  },
  {
    name: 'zero-width characters in the name',
    fields: { author: 'Ed\u200Bitor\uFEFF' },
    status: 303,
    storedName: 'Editor',
  },
  {
    name: 'a name of invisible characters only',
    fields: { author: '\u200B\u202E\uFEFF' },
    status: 400,
    field: 'author',
  },
  {
    name: 'NUL bytes',
    fields: { comment: 'nul\u0000byte', author: 'N\u0000ul' },
    status: 303,
    shows: 'nulbyte',
    storedName: 'Nul',
  },
  {
    name: 'NUL byte in the email',
    fields: { email: 'reader\u0000@example.net' },
    status: 400,
    field: 'email',
  },
  {
    name: 'SQL metacharacters',
    fields: { comment: "'; DROP TABLE comments; --", author: "Robert'); DROP TABLE articles;--" },
    status: 303,
    shows: "'; DROP TABLE comments; --",
  },
  { name: 'SQL in the email', fields: { email: "x' OR '1'='1@example.net" }, status: 400, field: 'email' },
];

describe.each(DIALECTS)('hostile comment input on %s', (dialect) => {
  let t: TestApp;
  let slug: string;
  const accepted = new Map<string, number>();

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await t.services.settings.update({ 'comments.flood_seconds': 0 });
    slug = (await buildArticle(t.services)).slug;
  });
  afterAll(async () => t?.close());

  const raw = (payload: string | Buffer, contentType: string) =>
    t.app.inject({
      method: 'POST',
      url: `/${slug}/comments`,
      headers: { 'content-type': contentType },
      payload,
    });

  it.each(cases)('$name → $status', async (c) => {
    const fields = { ...base, ...c.fields, comment: `${c.fields.comment ?? base.comment} [${c.name}]` };
    const response = await raw(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
    expect(response.statusCode).toBe(c.status);
    if (c.status === 400) {
      const $ = load(response.body);
      expect($(`#${c.field}-error`).text().length).toBeGreaterThan(0);
      // Everything the reader typed comes back.
      expect($('#comment').text()).toBe(fields.comment.replace(/\r\n?/g, '\n'));
      expect(response.body).not.toMatch(/<script>alert|<img src=x|onerror=alert/);
      return;
    }
    const id = Number(/#comment-(\d+)/.exec(response.headers.location ?? '')?.[1]);
    expect(id).toBeGreaterThan(0);
    accepted.set(c.name, id);
    const row = await t.database.db
      .selectFrom('comments')
      .where('id', '=', id)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.body).not.toContain('\u0000');
    if (c.storedName) expect(row.author_name).toBe(c.storedName);
  });

  it('shows every accepted input literally once approved, and runs none of it', async () => {
    await t.services.comments.moderate([...accepted.values()], 'approve');
    const html = (await t.app.inject(`/${slug}/`)).body;
    const $ = load(html);
    for (const c of cases.filter((x) => x.status === 303)) {
      const item = $(`#comment-${accepted.get(c.name)}`);
      expect(item.length, c.name).toBe(1);
      if (c.shows) expect(item.find('.comment-body').text(), c.name).toContain(c.shows);
    }
    // No markup from a reader survived: the only script is the form's own, and no handler attributes.
    expect(
      $('#comments script')
        .map((_i, el) => $(el).attr('src'))
        .get(),
    ).toEqual([expect.stringMatching(/^\/assets\/comment-form\.\w+\.js$/)]);
    expect(
      $(
        '#comments [onerror], #comments [onclick], #comments [onmouseover], #comments img, #comments p[onclick]',
      ).length,
    ).toBe(0);
    for (const a of $('#comments a').toArray()) {
      const href = $(a).attr('href') ?? '';
      expect(href, href).toMatch(/^(https?:\/\/|#|\/)/);
    }
    const breakout = $(`#comment-${accepted.get('attribute break-out in the website')} .comment-author a`);
    expect(breakout.attr('href')).toBe('https://reader.example/%22onmouseover=%22alert(1)');
    expect(breakout.attr('onmouseover')).toBeUndefined();
    // The database still has its tables.
    expect((await t.database.db.selectFrom('articles').select('id').execute()).length).toBe(1);
  });

  it('answers invalid UTF-8 and lone surrogates without a 500, storing only valid text', async () => {
    const bytes = Buffer.concat([
      Buffer.from('comment=bad%FF%FEbytes+'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('&author=Utf&email=utf@example.net'),
    ]);
    const form = await raw(bytes, 'application/x-www-form-urlencoded');
    expect(form.statusCode).toBeLessThan(500);
    const json = await raw(
      Buffer.concat([
        Buffer.from('{"comment":"lone \\ud800 surrogate ', 'utf8'),
        Buffer.from([0xff]),
        Buffer.from('","author":"Js","email":"js@example.net"}'),
      ]),
      'application/json',
    );
    expect(json.statusCode).toBeLessThan(500);
    const rows = await t.database.db
      .selectFrom('comments')
      .where('author_name', 'in', ['Utf', 'Js'])
      .select('body')
      .execute();
    for (const row of rows) expect(row.body).not.toMatch(/[\uD800-\uDFFF]/);
  });

  it('refuses a 1 MiB body with 413 and malformed encodings with a 4xx', async () => {
    const big = await raw(
      `comment=${'a'.repeat(1024 * 1024)}&author=Big&email=big@example.net`,
      'application/x-www-form-urlencoded',
    );
    expect(big.statusCode).toBe(413);
    for (const payload of [
      '%',
      'comment=%E0%A4%A&author=%&email=%ZZ',
      '&&&===',
      'comment',
      '\u0000=\u0000',
    ]) {
      const response = await raw(payload, 'application/x-www-form-urlencoded');
      expect(response.statusCode, payload).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, payload).toBeLessThan(500);
    }
    const wrongType = await raw('<comment/>', 'application/xml');
    expect(wrongType.statusCode).toBe(415);
  });
});
