// `dateline export` and `dateline import` as an operator runs them: to a file and to stdout, into a
// fresh database, and refusing what they must.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import { runCli } from '../../cli.ts';
import { openDatabase, type DatabaseHandle } from '../../platform/db/database.ts';
import { buildFullPublication } from './full-publication.test-support.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dateline-transfer-'));
let files = 0;
const scratch = (name: string) => path.join(dir, `${(files += 1)}-${name}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(DIALECTS)('dateline export and import on %s', (dialect) => {
  let t: TestApp;
  let out: string[];
  let err: string[];
  const run = (argv: string[], options: { database?: DatabaseHandle; env?: NodeJS.ProcessEnv } = {}) =>
    runCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      ...(options.database && { database: options.database }),
      env: options.env ?? { DATABASE_URL: 'sqlite::memory:' },
    });

  beforeAll(async () => {
    t = await buildTestApp(dialect);
  }, 60_000);
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await t.reset();
    out = [];
    err = [];
  });

  it('says which standing pages an export leaves behind, since the format does not carry them yet', async () => {
    await buildFullPublication(t);
    expect(await run(['export', '--output', scratch('quiet.json')], { database: t.database })).toBe(0);
    expect(err.join('\n')).not.toContain('Not exported');
    await t.services.pages.save({
      title: 'About us',
      slug: 'about',
      body: 'Who we are.',
      status: 'published',
    });
    await t.services.pages.save({ title: 'Ethics', slug: 'ethics', body: 'Draft rules.', status: 'draft' });
    expect(await run(['export', '--output', scratch('pages.json')], { database: t.database })).toBe(0);
    expect(err.join('\n')).toContain('Not exported: 2 standing pages (about, ethics)');
  });

  it('exports to a file or to stdout, and imports into a fresh database where new ids follow', async () => {
    await buildFullPublication(t);
    const file = scratch('gazette.json');
    expect(await run(['export', '--output', file], { database: t.database })).toBe(0);
    expect(out.join('\n')).toMatch(
      /^Exported 4 articles, 3 authors, 3 tags, 2 sections, \d+ comments, 2 users, .* to /,
    );
    expect(existsSync(`${file}.partial`)).toBe(false);
    // The file holds password hashes and secrets: only its owner may read it.
    expect(statSync(file).mode & 0o077).toBe(0);
    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

    out = [];
    expect(await run(['export'], { database: t.database })).toBe(0);
    const printed = JSON.parse(out.join('\n')) as Record<string, unknown>;
    expect({ ...printed, exported_at: null }).toEqual({ ...written, exported_at: null });
    expect(err.join('\n')).toMatch(/^Exported 4 articles/);

    // Into a database that has never held anything: a new SQLite file named by DATABASE_URL, or a
    // fresh PostgreSQL database.
    let target: DatabaseHandle;
    let fresh: TestDatabase | undefined;
    out = [];
    if (dialect === 'sqlite') {
      const sqliteFile = scratch('moved.sqlite');
      expect(await run(['import', file], { env: { DATABASE_URL: `sqlite:${sqliteFile}` } })).toBe(0);
      target = await openDatabase({ dialect: 'sqlite', file: sqliteFile });
    } else {
      fresh = await openTestDatabase('postgres');
      target = fresh;
      expect(await run(['import', file], { database: fresh })).toBe(0);
    }
    try {
      expect(out[0]).toMatch(/^Imported 4 articles, 3 authors, 3 tags, 2 sections, \d+ comments, 2 users/);
      const maxComment = Math.max(...(written.comments as { id: number }[]).map((c) => c.id));
      const maxAuthor = Math.max(...(written.authors as { id: number }[]).map((c) => c.id));
      const { id: commentId } = await target.db
        .insertInto('comments')
        .values({
          article_id: (written.articles as { id: number }[])[0]!.id,
          parent_id: null,
          author_name: 'After',
          author_email: 'after@example.net',
          author_url: null,
          body: 'After the move.',
          status: 'pending',
          ip_hash: null,
          user_agent: null,
          created_at: '2026-11-26T12:00:00.000Z',
          author_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { id: authorId } = await target.db
        .insertInto('authors')
        .values({ slug: 'after', name: 'After', bio: '', created_at: 'x', updated_at: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow();
      // On PostgreSQL because import moved the identity sequences; on SQLite because AUTOINCREMENT
      // follows the largest id inserted, explicit ones included.
      expect(commentId).toBe(maxComment + 1);
      expect(authorId).toBe(maxAuthor + 1);

      // A second import into the same database is refused, and says why.
      out = [];
      err = [];
      const again = await run(['import', file], { database: target });
      expect(again).toBe(1);
      expect(err.join('\n')).toMatch(/^dateline import: This database already holds a publication/);
    } finally {
      if (fresh) await fresh.close();
      else await target.close();
    }
  });

  it('refuses a malformed file with its path and reason, and says what is wrong with the arguments', async () => {
    const bad = scratch('bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'dateline',
        version: 1,
        exported_at: '2026-11-26T12:00:00.000Z',
        settings: {},
        secrets: {},
        authors: [],
        users: [],
        uploads: [],
        tags: [],
        articles: [{ id: 1, slug: 'x', status: 'live' }],
        comments: [],
        revisions: [],
        audit_log: [],
      }),
    );
    expect(await run(['import', bad], { database: t.database })).toBe(1);
    expect(err.join('\n')).toContain('articles[0].status: must be "draft" or');
    expect(err.join('\n')).toContain('articles[0].title: is required');
    expect(await t.database.db.selectFrom('articles').select('id').execute()).toEqual([]);

    err = [];
    expect(await run(['import', scratch('missing.json')], { database: t.database })).toBe(1);
    expect(err.join('\n')).toMatch(/missing\.json: cannot be read \(ENOENT\)/);

    err = [];
    expect(await run(['import'], { database: t.database })).toBe(2);
    expect(err.join('\n')).toContain('Usage: dateline import FILE');

    err = [];
    expect(await run(['export', '--output'], { database: t.database })).toBe(2);
  });
});
