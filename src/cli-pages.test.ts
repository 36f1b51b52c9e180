import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../test/databases.ts';

describe.each(DIALECTS)('dateline page on %s', (dialect) => {
  let database: TestDatabase;
  let out: string[];
  let err: string[];
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-pages-'));
  const run = (...argv: string[]) =>
    runCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      database,
      env: { DATABASE_URL: 'sqlite::memory:', PUBLIC_URL: 'https://news.example' },
    });
  const file = (name: string, text: string) => {
    const at = path.join(dir, name);
    writeFileSync(at, text);
    return at;
  };
  const listed = async () => {
    out = [];
    expect(await run('page', 'list', '--json')).toBe(0);
    return JSON.parse(out.join('\n')) as {
      slug: string;
      parent: string | null;
      path: string;
      status: string;
    }[];
  };

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await database.reset();
    out = [];
    err = [];
  });

  it('adds a page from a Markdown file, updates it by slug, and nests a child under it', async () => {
    const about = file(
      'about.md',
      '---\ntitle: About us\nslug: about\nstatus: published\n---\nWe are a paper.\n',
    );
    expect(await run('page', 'add', about)).toBe(0);
    expect(out).toEqual(['Added page about (published): /about/']);
    out = [];
    expect(await run('page', 'add', about)).toBe(0);
    expect(out).toEqual(['Updated page about (published): /about/']);
    const contact = file(
      'contact.md',
      '---\ntitle: Contact\nslug: contact\nparent: about\n---\nWrite to us.\n',
    );
    expect(await run('page', 'add', contact)).toBe(0);
    expect(await listed()).toMatchObject([
      { slug: 'about', parent: null, path: '/about/', status: 'published' },
      { slug: 'contact', parent: 'about', path: '/about/contact/', status: 'draft' },
    ]);
    const revisions = await database.db.selectFrom('page_revisions').select('id').execute();
    expect(revisions).toHaveLength(3);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'user_name'])
      .where('action', 'like', 'page.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => `${a.action} by ${a.user_name}`)).toEqual([
      'page.create by dateline command',
      'page.update by dateline command',
      'page.create by dateline command',
    ]);
  });

  it('refuses a reserved slug, an unknown field, a grandchild and a missing title, naming the file and field', async () => {
    const reserved = file('feed.md', '---\ntitle: Feed\nslug: feed\n---\nNo.\n');
    expect(await run('page', 'add', reserved)).toBe(1);
    expect(err.join('\n')).toMatch(/feed\.md: slug: "feed" is an address the site already uses/);
    err = [];
    const odd = file('odd.md', '---\ntitle: Odd\nslug: odd\nauthors: [ada]\n---\nNo.\n');
    expect(await run('page', 'add', odd)).toBe(1);
    expect(err.join('\n')).toMatch(/odd\.md: authors: is not a page field/);
    err = [];
    expect(await run('page', 'add', file('a.md', '---\ntitle: A\nslug: a\n---\nA.\n'))).toBe(0);
    expect(await run('page', 'add', file('b.md', '---\ntitle: B\nslug: b\nparent: a\n---\nB.\n'))).toBe(0);
    expect(await run('page', 'add', file('c.md', '---\ntitle: C\nslug: c\nparent: b\n---\nC.\n'))).toBe(1);
    expect(err.join('\n')).toMatch(/c\.md: parent: pages nest one level only/);
    err = [];
    expect(await run('page', 'add', file('untitled.md', '---\nslug: untitled\n---\nC.\n'))).toBe(1);
    expect(err.join('\n')).toMatch(/untitled\.md: title: is required/);
    expect(await run('page', 'add', path.join(dir, 'missing.md'))).toBe(1);
    expect(await run('page', 'add')).toBe(2);
    expect((await listed()).map((p) => p.slug)).toEqual(['a', 'b']);
  });

  it('refuses a page whose slug an article has, and an article whose slug a page has', async () => {
    expect(
      await run('author', 'add', '--name', 'Ada Quill', '--slug', 'ada-quill', '--bio', 'Reporter.'),
    ).toBe(0);
    const article = file(
      'story.md',
      '---\ntitle: Ferry times\nslug: ferry-times\nauthors: [ada-quill]\nstatus: published\n---\nBoats.\n',
    );
    expect(await run('article', 'add', article)).toBe(0);
    expect(await run('page', 'add', file('ferry.md', '---\ntitle: F\nslug: ferry-times\n---\nF.\n'))).toBe(1);
    expect(err.join('\n')).toMatch(/ferry\.md: slug: \/ferry-times\/ is an article's address/);
    err = [];
    expect(await run('page', 'add', file('about.md', '---\ntitle: About\nslug: about\n---\nA.\n'))).toBe(0);
    const clash = file('about-story.md', '---\ntitle: About\nslug: about\nauthors: [ada-quill]\n---\nA.\n');
    expect(await run('article', 'add', clash)).toBe(1);
    expect(err.join('\n')).toMatch(/about-story\.md: slug: \/about\/ is a standing page's address/);
  });
});
