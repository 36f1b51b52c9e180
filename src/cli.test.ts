import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, createServices } from './app.tsx';
import { runCli } from './cli.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../test/databases.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dateline-cli-'));

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

const goodArticle = `---
title: "Lighthouse keepers' cottage reopens"
standfirst: The restored cottage opens to visitors on Saturday.
authors: [wren-adeyemi]
tags: [Heritage, Harbour]
source:
  name: North Shore Bulletin
  url: https://bulletin.example/lighthouse
published_at: 2026-11-24T09:00:00Z
status: published
---
The cottage at the foot of the lighthouse has been *restored*.

It opens on Saturday.
`;

describe.each(DIALECTS)('the dateline command on %s', (dialect) => {
  let database: TestDatabase;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]) =>
    runCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      database,
      env: { DATABASE_URL: 'sqlite::memory:' },
    });

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await database.reset();
    out = [];
    err = [];
  });

  const addAuthor = () =>
    run(
      'author',
      'add',
      '--name',
      'Wren Adeyemi',
      '--slug',
      'wren-adeyemi',
      '--bio',
      'Wren writes about old buildings.',
      '--email',
      'wren@example.com',
    );

  it('adds an author and an article whose page shows every element', async () => {
    expect(await addAuthor()).toBe(0);
    expect(out.join('\n')).toContain('Added author wren-adeyemi');
    expect(await run('article', 'add', '--new-tags', file('good.md', goodArticle))).toBe(0);
    expect(out.join('\n')).toContain('Added article lighthouse-keepers-cottage-reopens (published)');

    const services = await createServices({ database });
    const app = await createApp({
      config: { isProduction: true, logLevel: 'silent', publicUrl: 'http://127.0.0.1:3000' },
      database,
      services,
    });
    const response = await app.inject('/lighthouse-keepers-cottage-reopens/');
    expect(response.statusCode).toBe(200);
    const $ = load(response.body);
    expect($('h1').text()).toBe("Lighthouse keepers' cottage reopens");
    expect($('.article-body em').text()).toBe('restored');
    expect($('.source a').attr('href')).toBe('https://bulletin.example/lighthouse');
    expect($('.author-box h2').text()).toBe('About Wren Adeyemi');
    expect(
      $('.tags a')
        .map((_i, el) => $(el).text())
        .get(),
    ).toEqual(['Heritage', 'Harbour']);
    expect(response.body).not.toContain('wren@example.com');
    await app.close();
  });

  it('updates the article when the same slug is added again', async () => {
    await addAuthor();
    const path1 = file('v1.md', goodArticle);
    await run('article', 'add', '--new-tags', path1);
    const path2 = file(
      'v2.md',
      goodArticle.replace('opens to visitors on Saturday', 'opens to visitors on Sunday'),
    );
    expect(await run('article', 'add', path2)).toBe(0);
    expect(out.at(-1)).toContain('Updated article');
    out = [];
    expect(await run('article', 'list', '--json')).toBe(0);
    const list = JSON.parse(out.join('\n')) as { slug: string; status: string }[];
    expect(list).toHaveLength(1);
    const row = await database.db.selectFrom('articles').select('standfirst').executeTakeFirstOrThrow();
    expect(row.standfirst).toContain('Sunday');
  });

  it('names the file, the field and the reason, and writes nothing, for bad input', async () => {
    await addAuthor();
    const cases: [string, string, RegExp][] = [
      ['no-title.md', goodArticle.replace(/^title: .*$/m, ''), /no-title\.md: title: /],
      ['bad-status.md', goodArticle.replace('status: published', 'status: live'), /bad-status\.md: status: /],
      [
        'bad-date.md',
        goodArticle.replace('published_at: 2026-11-24T09:00:00Z', 'published_at: next tuesday'),
        /bad-date\.md: published_at: /,
      ],
      [
        'bad-author.md',
        goodArticle.replace('[wren-adeyemi]', '[nobody-here]'),
        /bad-author\.md: authors: unknown author "nobody-here"/,
      ],
      [
        'bad-url.md',
        goodArticle.replace('https://bulletin.example/lighthouse', 'javascript:alert(1)'),
        /bad-url\.md: source\.url: /,
      ],
      ['bad-yaml.md', '---\ntitle: [unclosed\n---\nBody', /bad-yaml\.md: front matter: is not valid YAML/],
      ['no-front.md', 'Just a body', /no-front\.md: front matter: is missing/],
      [
        'extra.md',
        goodArticle.replace('status: published', 'status: published\ncolour: blue'),
        /extra\.md: colour: is not a known field/,
      ],
      [
        'new-tags.md',
        goodArticle,
        /new-tags\.md: tags: unknown tag "Heritage", "Harbour": only an editor creates tags .*--new-tags/,
      ],
      [
        'reserved.md',
        goodArticle.replace('title:', 'slug: search\ntitle:'),
        /reserved\.md: slug: "search" is used by the site itself/,
      ],
    ];
    for (const [name, text, expected] of cases) {
      err = [];
      expect(await run('article', 'add', file(name, text)), name).toBe(1);
      expect(err.join('\n'), name).toMatch(expected);
    }
    expect(await run('article', 'add', path.join(dir, 'missing.md'))).toBe(1);
    expect(err.at(-1)).toMatch(/missing\.md: cannot be read/);
    const count = await database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    const tags = await database.db.selectFrom('tags').selectAll().execute();
    expect(tags).toHaveLength(0);
  });

  it('refuses a bad author with the field and the reason', async () => {
    expect(await run('author', 'add', '--name', 'X', '--slug', 'Not A Slug', '--bio', 'b')).toBe(1);
    expect(err.join('\n')).toMatch(/slug: /);
    expect(await run('author', 'add', '--name', 'X', '--slug', 'x')).toBe(2);
    expect(err.join('\n')).toMatch(/--bio is required/);
    expect(
      await run('author', 'add', '--name', 'X', '--slug', 'x', '--bio', 'b', '--email', 'not-an-email'),
    ).toBe(1);
    expect(err.join('\n')).toMatch(/email: /);
  });

  it('prints help for every command', async () => {
    for (const argv of [
      ['--help'],
      ['serve', '--help'],
      ['migrate', '--help'],
      ['author', 'add', '--help'],
      ['article', 'add', '--help'],
      ['article', 'list', '--help'],
    ]) {
      out = [];
      expect(await run(...argv), argv.join(' ')).toBe(0);
      expect(out.join('\n')).toMatch(/Usage: dateline/);
    }
    expect(await run('frobnicate')).toBe(2);
    expect(err.join('\n')).toContain('unknown command');
  });
});

describe('dateline migrate', () => {
  it('creates the schema in a new SQLite file and is idempotent', async () => {
    const env = { DATABASE_URL: `sqlite:${path.join(dir, 'migrate.sqlite')}` };
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), env };
    expect(await runCli(['migrate'], io)).toBe(0);
    expect(out[0]).toContain('0001-initial');
    expect(await runCli(['migrate'], io)).toBe(0);
    expect(out[1]).toBe('The schema is up to date.');
  });

  it('reports a bad DATABASE_URL clearly', async () => {
    const err: string[] = [];
    expect(
      await runCli(['migrate'], {
        out: () => {},
        err: (l) => err.push(l),
        env: { DATABASE_URL: 'mysql://x' },
      }),
    ).toBe(1);
    expect(err[0]).toMatch(/DATABASE_URL must start with/);
  });
});

describe.each(DIALECTS)('moderating from the command line on %s', (dialect) => {
  let database: TestDatabase;
  let out: string[];
  let err: string[];
  let articleId: number;
  const run = (...argv: string[]) =>
    runCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      database,
      env: { DATABASE_URL: 'sqlite::memory:' },
    });

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await database.reset();
    out = [];
    err = [];
    await run('author', 'add', '--name', 'Wren Adeyemi', '--slug', 'wren-adeyemi', '--bio', 'Wren writes.');
    await run('article', 'add', '--new-tags', file('mod.md', goodArticle));
    articleId = (await database.db.selectFrom('articles').select('id').executeTakeFirstOrThrow()).id;
    const services = await createServices({ database });
    for (const [name, status] of [
      ['Pending Pat', 'pending'],
      ['Spammy Sam', 'spam'],
      ['Approved Ann', 'approved'],
    ] as const) {
      await services.comments.importComment({
        article_id: articleId,
        parent_id: null,
        author_name: name,
        author_email: `${name.split(' ')[1]?.toLowerCase()}@example.org`,
        author_url: null,
        body: `Words from ${name}`,
        status,
        created_at: '2026-11-25T10:00:00.000Z',
      });
    }
    out = [];
  });

  const listJson = async (...extra: string[]) => {
    out = [];
    expect(await run('comments', 'list', '--json', ...extra)).toBe(0);
    return JSON.parse(out.join('\n')) as {
      id: number;
      status: string;
      article: string;
      author: string;
      body: string;
      email: string;
    }[];
  };

  it('lists comments as JSON with id, status, article, author and body, filtered by status', async () => {
    const all = await listJson();
    expect(all).toHaveLength(3);
    expect(all[0]).toEqual(
      expect.objectContaining({
        id: expect.any(Number) as number,
        status: expect.any(String) as string,
        article: 'lighthouse-keepers-cottage-reopens',
        author: expect.any(String) as string,
        body: expect.any(String) as string,
      }),
    );
    const pending = await listJson('--status', 'pending');
    expect(pending.map((c) => c.author)).toEqual(['Pending Pat']);
    expect(await run('comments', 'list', '--status', 'lost')).toBe(2);
  });

  it('approves, spams, trashes and restores by id, and the page changes at once', async () => {
    const services = await createServices({ database });
    const app = await createApp({
      config: { isProduction: true, logLevel: 'silent', publicUrl: 'http://127.0.0.1:3000' },
      database,
      services,
    });
    // The server learns of each command's changes through the invalidation outbox, as a running
    // server does a few times a second; here the test polls it itself.
    await services.invalidations.poll();
    const page = async () => {
      await services.invalidations.poll();
      return (await app.inject('/lighthouse-keepers-cottage-reopens/')).body;
    };
    const pat = (await listJson('--status', 'pending'))[0]!.id;
    expect(await page()).not.toContain('Words from Pending Pat');
    expect(await run('comments', 'approve', String(pat))).toBe(0);
    expect(await page()).toContain('Words from Pending Pat');
    expect(await run('comments', 'spam', String(pat))).toBe(0);
    expect(await page()).not.toContain('Words from Pending Pat');
    expect(await run('comments', 'trash', String(pat))).toBe(0);
    expect((await listJson('--status', 'trash')).map((c) => c.id)).toEqual([pat]);
    expect(await run('comments', 'restore', String(pat))).toBe(0);
    expect((await listJson('--status', 'pending')).map((c) => c.id)).toEqual([pat]);
    expect(await run('comments', 'approve', 'abc')).toBe(2);
    await app.close();
  });

  it('replies as an author and erases a person’s data by email', async () => {
    const ann = (await listJson('--status', 'approved'))[0]!.id;
    expect(
      await run('comments', 'reply', String(ann), '--author', 'wren-adeyemi', '--body', 'Thank you, Ann.'),
    ).toBe(0);
    const reply = (await listJson('--status', 'approved')).find((c) => c.body === 'Thank you, Ann.');
    expect(reply?.author).toBe('Wren Adeyemi');
    expect(await run('comments', 'erase', '--email', 'ANN@example.org')).toBe(0);
    expect(out.at(-1)).toBe('Erased the personal data of 1 comment.');
    const erased = (await listJson()).find((c) => c.id === ann);
    expect(erased).toMatchObject({ author: 'Anonymous', email: '' });
  });

  it('gets and sets every comment rule, refusing bad values', async () => {
    const keys = [
      'comments.flood_seconds',
      'comments.max_links',
      'comments.moderation_words',
      'comments.block_words',
      'comments.first_comment_held',
      'comments.max_depth',
      'comments.close_after_days',
    ];
    const values = ['30', '5', 'lottery, prize', 'casino', 'false', '3', '14'];
    for (const [i, key] of keys.entries()) {
      expect(await run('settings', 'set', key, values[i]!), key).toBe(0);
      out = [];
      expect(await run('settings', 'get', key)).toBe(0);
      expect(out[0], key).toBe(values[i]);
    }
    expect(await run('settings', 'set', 'comments.flood_seconds', 'soon')).toBe(1);
    expect(err.at(-1)).toMatch(/comments\.flood_seconds must be a whole number/);
    expect(await run('settings', 'set', 'comments.nope', '1')).toBe(2);
    out = [];
    expect(await run('settings', 'get')).toBe(0);
    expect(out).toContain('comments.max_links 5');
  });
});
