import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../test/databases.ts';
import { buildWxr } from '../test/build-wxr.ts';

describe.each(DIALECTS)('dateline import wordpress on %s', (dialect) => {
  let database: TestDatabase;
  let out: string[];
  let err: string[];
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-wp-cli-'));
  const run = (...argv: string[]) =>
    runCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      database,
      env: {
        DATABASE_URL: 'sqlite::memory:',
        PUBLIC_URL: 'https://news.example',
        DATELINE_DATA_DIR: dir,
      },
    });
  const exportFile = path.join(dir, 'export.xml');
  writeFileSync(
    exportFile,
    buildWxr({
      categories: [{ id: 2, slug: 'town', name: 'Town' }],
      items: [
        {
          id: 1,
          title: 'Market hall reopens',
          slug: 'market-hall',
          categories: ['town'],
          content: 'Stalls are back.',
        },
        {
          id: 2,
          title: 'Second story',
          slug: 'second-story',
          creator: 'tokafor',
          content: '[tide port="north"]',
        },
      ],
    }),
  );

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await database.reset();
    out = [];
    err = [];
  });

  it('prints the report on a dry run and writes nothing, then imports with the same counts', async () => {
    const report = path.join(dir, 'report.json');
    expect(await run('import', 'wordpress', exportFile, '--dry-run', '--report', report)).toBe(0);
    expect(out.join('\n')).toMatch(/Dry run \(nothing written\)/);
    expect(out.join('\n')).toMatch(/posts +2 \(publish 2\)/);
    expect(out.join('\n')).toMatch(/\[tide\] \(posts 2\)/);
    expect(out.join('\n')).toMatch(/Authors without posts: idle/);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { unknownShortcodes: unknown };
    expect(json.unknownShortcodes).toEqual([{ name: 'tide', posts: [2] }]);
    expect(await database.db.selectFrom('articles').select('id').execute()).toHaveLength(0);

    out = [];
    expect(await run('import', 'wordpress', exportFile)).toBe(0);
    expect(out.join('\n')).toMatch(/Written: 2 created, 0 updated/);
    expect(await database.db.selectFrom('articles').select('id').execute()).toHaveLength(2);
  });

  it('fills in bios from --authors and prints invitation links with --create-accounts, sending no mail', async () => {
    const csv = path.join(dir, 'authors.csv');
    writeFileSync(csv, 'slug,bio,website\nmbrennan,Covers the harbour.,https://maeve.example\n');
    expect(await run('import', 'wordpress', exportFile, '--authors', csv, '--create-accounts')).toBe(0);
    const maeve = await database.db
      .selectFrom('authors')
      .where('slug', '=', 'mbrennan')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(maeve).toMatchObject({
      bio: 'Covers the harbour.',
      website: 'https://maeve.example',
      email: 'maeve@harbourgazette.example',
    });
    const links = out.filter((l) => l.startsWith('Invitation for'));
    expect(links).toHaveLength(3);
    expect(links[0]).toMatch(
      /^Invitation for Maeve Brennan <maeve@harbourgazette.example>: https:\/\/news\.example\/admin\/welcome\//,
    );
    const users = await database.db.selectFrom('users').select(['email', 'role', 'author_id']).execute();
    expect(users.find((u) => u.email === 'maeve@harbourgazette.example')).toMatchObject({
      role: 'author',
      author_id: maeve.id,
    });
  });

  it('refuses a missing file, a file that is not an export and a missing uploads folder clearly', async () => {
    expect(await run('import', 'wordpress')).toBe(2);
    expect(await run('import', 'wordpress', path.join(dir, 'nope.xml'))).toBe(1);
    expect(err.join('\n')).toMatch(/nope\.xml/);
    const notWxr = path.join(dir, 'page.html');
    writeFileSync(notWxr, '<!doctype html>\n<html><body>hello</body></html>');
    err = [];
    expect(await run('import', 'wordpress', notWxr)).toBe(1);
    expect(err.join('\n')).toMatch(/line \d+/);
    err = [];
    expect(await run('import', 'wordpress', exportFile, '--uploads', path.join(dir, 'missing'))).toBe(1);
    expect(err.join('\n')).toMatch(/is not a folder/);
  });
});
