import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../test/databases.ts';

describe.each(DIALECTS)('dateline redirect on %s', (dialect) => {
  let database: TestDatabase;
  let out: string[];
  let err: string[];
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-redirects-'));
  const run = (...argv: string[]) =>
    runCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      database,
      env: { DATABASE_URL: 'sqlite::memory:', PUBLIC_URL: 'https://news.example' },
    });
  const listed = async () => {
    out = [];
    expect(await run('redirect', 'list', '--json')).toBe(0);
    return JSON.parse(out.join('\n')) as { from: string; to: string; status: number; external: boolean }[];
  };
  const auditActions = async () =>
    (
      await database.db
        .selectFrom('audit_log')
        .select(['action', 'user_name'])
        .where('action', 'like', 'redirect.%')
        .orderBy('id')
        .execute()
    ).map((r) => `${r.action} by ${r.user_name}`);

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await database.reset();
    out = [];
    err = [];
  });

  it('adds, lists and deletes, with the external flag required for another site', async () => {
    expect(await run('redirect', 'add', '/old/', '/new/')).toBe(0);
    expect(await run('redirect', 'add', '/gone/', '--status', '410')).toBe(0);
    expect(await run('redirect', 'add', '/out/', 'https://partner.example/x')).toBe(1);
    expect(err.join('\n')).toMatch(/to: .*external/);
    expect(
      await run('redirect', 'add', '/out/', 'https://partner.example/x', '--external', '--status', '302'),
    ).toBe(0);
    expect(await run('redirect', 'add', '/new/', '/old/')).toBe(1);
    expect(err.at(-1)).toMatch(/leads back to the same address/);
    expect(await run('redirect', 'add', '/a/', '/b/', '--status', '307')).toBe(2);
    expect(await run('redirect', 'add', 'no-slash', '/b/')).toBe(1);
    expect(err.at(-1)).toMatch(/from: must be a path on this site/);
    expect(await listed()).toEqual([
      { from: '/gone/', to: '', status: 410, external: false },
      { from: '/old/', to: '/new/', status: 301, external: false },
      { from: '/out/', to: 'https://partner.example/x', status: 302, external: true },
    ]);
    out = [];
    expect(await run('redirect', 'list')).toBe(0);
    expect(out).toEqual([
      '410 /gone/',
      '301 /old/ -> /new/',
      '302 /out/ -> https://partner.example/x (external)',
    ]);
    expect(await run('redirect', 'delete', '/old/')).toBe(0);
    expect(await run('redirect', 'delete', '/old/')).toBe(1);
    expect(err.at(-1)).toMatch(/no redirect goes from \/old\//);
    expect((await listed()).map((r) => r.from)).toEqual(['/gone/', '/out/']);
    expect(await auditActions()).toEqual([
      'redirect.add by dateline command',
      'redirect.add by dateline command',
      'redirect.add by dateline command',
      'redirect.delete by dateline command',
    ]);
  });

  it("takes a WordPress site's old query addresses, and no other path with a query", async () => {
    expect(await run('redirect', 'add', '/?p=5', '/x/')).toBe(0);
    expect(out.at(-1)).toBe('/?p=5 -> /x/ (301)');
    expect(await run('redirect', 'add', '/?page_id=45', '--status', '410')).toBe(0);
    for (const bad of ['/?p=abc', '/?p=5&utm_source=x', '/old/?p=5', '/index.php?p=5']) {
      expect(await run('redirect', 'add', bad, '/x/'), bad).toBe(1);
      expect(err.at(-1), bad).toMatch(/from: must be a path without \? or #, or an old WordPress address/);
    }
    const file = path.join(dir, 'wordpress.csv');
    expect(await run('redirect', 'export', file)).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      'from,to,status,external\r\n/?p=5,/x/,301,no\r\n/?page_id=45,,410,no\r\n',
    );
    await database.reset();
    expect(await run('redirect', 'import', file)).toBe(0);
    expect(await listed()).toEqual([
      { from: '/?p=5', to: '/x/', status: 301, external: false },
      { from: '/?page_id=45', to: '', status: 410, external: false },
    ]);
  });

  it('exports and imports a round trip with hostile values, neutralising formulas', async () => {
    const file = path.join(dir, `round-${dialect}.csv`);
    const hostile = [
      { from: '/a,b/', to: '/say-"hi"/', status: 301, external: false },
      { from: '/quote"d/', to: 'https://partner.example/?q=a,b&x="y"', status: 302, external: true },
      { from: '/gone/', to: '', status: 410, external: false },
      { from: '/x=1/', to: '/@home/', status: 301, external: false },
    ];
    for (const r of hostile)
      expect(
        await run(
          'redirect',
          'add',
          r.from,
          ...(r.to ? [r.to] : []),
          '--status',
          String(r.status),
          ...(r.external ? ['--external'] : []),
        ),
        err.join('\n'),
      ).toBe(0);
    const before = await listed();
    expect(await run('redirect', 'export', file)).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\r\n')[0]).toBe('from,to,status,external');
    expect(text).toContain('"/a,b/","/say-""hi""/",301,no\r\n');
    await database.reset();
    expect(await run('redirect', 'import', file)).toBe(0);
    expect(out.at(-1)).toBe(`Imported 4 redirects from ${file}.`);
    expect(await listed()).toEqual(before);
    expect(await auditActions()).toEqual(['redirect.import by dateline command']);
  });

  it('refuses a whole file with a bad line, naming every bad line, and keeps chains and loops in check', async () => {
    const file = path.join(dir, `bad-${dialect}.csv`);
    writeFileSync(
      file,
      [
        'from,to,status,external',
        '/fine/,/target/,301,no',
        'no-slash,/x/,,',
        '/y/,https://elsewhere.example/,,',
        '/z/,/w/,307,',
        '"/multi',
        'line/",/ok/',
        '/fine/,/again/',
        '/q/,/r/,301,maybe',
        '',
      ].join('\n'),
    );
    expect(await run('redirect', 'import', file)).toBe(1);
    const message = err.join('\n');
    expect(message).toMatch(/line 3: from must be a path on this site/);
    expect(message).toMatch(/line 4: to .*external/);
    expect(message).toMatch(/line 5: status must be 301, 302 or 410/);
    expect(message).toMatch(/line 6: from must not contain spaces or control characters/);
    expect(message).toMatch(/line 9: external must be yes or no/);
    expect(message).toMatch(/line 8: from is also on line 2/);
    expect(message).not.toMatch(/line [27]:/);
    await expect(listed()).resolves.toEqual([]);

    writeFileSync(file, '/a/,/b/\n/c/,/d/\n/c/,/e/\n/f/,"/g/ x"\n');
    err = [];
    expect(await run('redirect', 'import', file)).toBe(1);
    expect(err.join('\n')).toMatch(/line 3: from is also on line 2/);
    expect(err.join('\n')).toMatch(/line 4: to must not contain spaces/);
    expect(await listed()).toEqual([]);

    // Rows that chain collapse; a row that closes a loop refuses the whole file, with its line.
    writeFileSync(file, '/a/,/b/\n/b/,/c/\n');
    expect(await run('redirect', 'import', file)).toBe(0);
    expect((await listed()).map((r) => `${r.from}>${r.to}`)).toEqual(['/a/>/c/', '/b/>/c/']);
    writeFileSync(file, '/x/,/y/\n/c/,/a/\n');
    err = [];
    expect(await run('redirect', 'import', file)).toBe(1);
    expect(err.join('\n')).toMatch(/line 2: to leads back to the same address/);
    expect((await listed()).map((r) => `${r.from}>${r.to}`)).toEqual(['/a/>/c/', '/b/>/c/']);

    writeFileSync(file, 'from,to\n/a/,"/never closed\n');
    err = [];
    expect(await run('redirect', 'import', file)).toBe(1);
    expect(err.join('\n')).toMatch(/line 2: a quoted field is never closed/);
    expect(await run('redirect', 'import', path.join(dir, 'missing.csv'))).toBe(1);
    expect(err.at(-1)).toMatch(/ENOENT/);
  });

  it('neutralises a formula in an exported cell', async () => {
    await database.db
      .insertInto('redirects')
      .values({
        from_path: '=HYPERLINK("x")',
        to_path: '+1',
        status: 301,
        created_at: '2026-01-01',
        is_external: 0,
      })
      .execute();
    const file = path.join(dir, `formula-${dialect}.csv`);
    expect(await run('redirect', 'export', file)).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(`"'=HYPERLINK(""x"")",'+1,301,no\r\n`);
  });
});
