// A tampered export is not a back door: import renders every article's HTML again from its Markdown,
// holds every address and stored hash to the newsroom's own rules, and refuses what breaks them by
// record and field, writing nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { AppError } from '../../platform/errors.ts';
import { exportPublication, importPublication } from './index.ts';
import { buildFullPublication, type FullPublication } from './full-publication.test-support.ts';
import { tablesWithRows } from './repository.ts';

type Row = Record<string, unknown>;
type Doc = Record<string, unknown> &
  Record<'articles' | 'authors' | 'comments' | 'users' | 'uploads' | 'redirects', Row[]>;

const PLANTED = '<meta http-equiv="refresh" content="0;url=https://evil.example/"><script>alert(1)</script>';

describe.each(DIALECTS)('a tampered export on %s', (dialect) => {
  let source: TestApp;
  let t: TestApp;
  let built: FullPublication;
  let good: string;

  const importText = (text: string) =>
    importPublication({ db: t.database.db, markdown: t.services.markdown, open: () => [text] });

  /** The good export with one change made to it. */
  const tampered = (change: (doc: Doc) => void): string => {
    const doc = JSON.parse(good) as Doc;
    change(doc);
    return JSON.stringify(doc);
  };

  /** The error an import of this file threw; `open` may give each read of the file something else. */
  async function refusal(text: string, open: () => string[] = () => [text]): Promise<AppError> {
    try {
      await importPublication({ db: t.database.db, markdown: t.services.markdown, open });
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('the tampered file was imported');
  }

  beforeAll(async () => {
    source = await buildTestApp(dialect);
    t = await buildTestApp(dialect);
    built = await buildFullPublication(source);
    const lines: string[] = [];
    await exportPublication({
      db: source.database.db,
      clock: source.clock,
      write: (l) => void lines.push(l),
    });
    good = lines.join('\n');
  }, 60_000);
  afterAll(async () => {
    await source?.close();
    await t?.close();
  });
  beforeEach(async () => t.reset());

  it('never stores the file’s body_html: the page is rendered from the body’s source, sanitised', async () => {
    const text = tampered((doc) => {
      const article = doc.articles.find((a) => a.slug === built.published.slug)!;
      article.body_html = `${PLANTED}${String(article.body_html)}`;
      // Hostile markup in the source itself is removed, as it is when pasted into the editor.
      article.body_markdown = `${String(article.body_markdown)}<meta http-equiv="refresh" content="0"><script>alert(1)</script><p>Kept.</p>`;
    });
    await importText(text);

    const stored = await t.database.db
      .selectFrom('articles')
      .select(['body_html', 'body_markdown', 'body_format'])
      .where('slug', '=', built.published.slug)
      .executeTakeFirstOrThrow();
    expect(stored.body_format).toBe('html');
    expect(stored.body_html).toBe(await t.services.markdown.render(stored.body_markdown, 'html'));
    expect(stored.body_html).not.toContain('evil.example');
    expect(stored.body_html).not.toMatch(/<meta|<script/i);

    t.app.pageCache.clear();
    for (const url of [`/${built.published.slug}/`, '/feed/']) {
      const page = await t.app.inject(url);
      expect([url, page.statusCode]).toEqual([url, 200]);
      expect(page.body).not.toMatch(/<meta[^>]*http-equiv/i);
      expect(page.body).not.toContain('<script>alert(1)</script>');
      expect(page.body).not.toContain('evil.example');
    }
    const page = await t.app.inject(`/${built.published.slug}/`);
    // The story's own text is all that arrives.
    expect(page.body).toContain('<p>Kept.</p>');
  });

  it('refuses hostile addresses, naming the record and field, and writes nothing', async () => {
    const cases: [string, (doc: Doc) => void, string, RegExp][] = [
      [
        'a javascript: author website',
        (d) => void (d.authors[0]!.website = 'javascript:alert(1)'),
        'authors[0].website',
        /http:\/\/ or https:\/\//,
      ],
      [
        'a data: avatar',
        (d) => void (d.authors[0]!.avatar_url = 'data:image/svg+xml,<svg onload=alert(1)>'),
        'authors[0].avatar_url',
        /http:\/\/ or https:\/\//,
      ],
      [
        'a javascript: source link',
        (d) =>
          void (d.articles[0]!.sources = [
            { name: 'Port Bulletin', url: 'https://bulletin.example/ok' },
            { name: 'Valley Courier', url: 'JavaScript:alert(document.cookie)' },
          ]),
        'articles[0].sources[1].url',
        /http:\/\/ or https:\/\//,
      ],
      [
        'a javascript: source link in a file from before several sources',
        (d) => {
          delete d.articles[0]!.sources;
          d.articles[0]!.source_name = 'Port Bulletin';
          d.articles[0]!.source_url = 'JavaScript:alert(document.cookie)';
        },
        'articles[0].source_url',
        /http:\/\/ or https:\/\//,
      ],
      [
        'sources given twice, as a list and as the old pair',
        (d) => {
          d.articles[0]!.sources = [{ name: 'Port Bulletin', url: 'https://bulletin.example/a' }];
          d.articles[0]!.source_name = 'Valley Courier';
        },
        'articles[0].sources',
        /not both/,
      ],
      [
        'a data: commenter website',
        (d) => void (d.comments[1]!.author_url = 'data:text/html,<script>alert(1)</script>'),
        'comments[1].author_url',
        /http:\/\/ or https:\/\//,
      ],
      [
        'an upload outside the uploads folder',
        (d) => void (d.uploads[0]!.storage_key = '../../etc/passwd'),
        'uploads[0].storage_key',
        /storage key/,
      ],
      [
        'an upload variant that is a URL',
        (d) => void ((d.uploads[0]!.variants as Row[])[0] = { key: 'javascript:alert(1)' }),
        'uploads[0].variants[0].key',
        /storage key/,
      ],
    ];
    for (const [name, change, field, reason] of cases) {
      const error = await refusal(tampered(change));
      expect([name, error.code]).toEqual([name, 'VALIDATION_FAILED']);
      expect([name, error.fields?.[field]]).toEqual([name, expect.stringMatching(reason)]);
      expect([name, await tablesWithRows(t.database.db)]).toEqual([name, []]);
    }
  });

  it('refuses a redirect off the site or round in a loop, naming the record and field, and writes nothing', async () => {
    // The file's redirects, as exported: [0] /tag/ferry/ and [1] its feed, [2] /winter-guide/, [3] a 410
    // and [4] an external one.
    const cases: [string, (doc: Doc) => void, string, RegExp][] = [
      [
        'another site',
        (d) => void (d.redirects[2]!.to_path = 'https://evil.example/'),
        'redirects[2].to_path',
        /another site's address: mark the redirect external/,
      ],
      [
        'an external mark on a script address',
        (d) => void (d.redirects[4]!.to_path = 'javascript:alert(1)'),
        'redirects[4].to_path',
        /absolute http/,
      ],
      [
        'an external address with a user name that reads as another site',
        (d) => void (d.redirects[4]!.to_path = 'https://ferries.example@evil.example/'),
        'redirects[4].to_path',
        /user name or password/,
      ],
      [
        'a 410 that still sends readers somewhere',
        (d) => void (d.redirects[3]!.to_path = '/elsewhere/'),
        'redirects[3].to_path',
        /must be empty/,
      ],
      [
        'a protocol-relative address',
        (d) => void (d.redirects[2]!.to_path = '//evil.example/'),
        'redirects[2].to_path',
        /not another address/,
      ],
      [
        'a backslash that browsers read as //',
        (d) => void (d.redirects[0]!.to_path = '/\\evil.example/'),
        'redirects[0].to_path',
        /backslash/,
      ],
      [
        'a javascript: source',
        (d) => void (d.redirects[1]!.from_path = 'javascript:alert(1)'),
        'redirects[1].from_path',
        /a path on this site/,
      ],
      [
        'a source with a query',
        (d) => void (d.redirects[1]!.from_path = '/tag/ferry/?x=1'),
        'redirects[1].from_path',
        /without \? or #/,
      ],
      [
        'a redirect to itself',
        (d) => void (d.redirects[2]!.to_path = d.redirects[2]!.from_path),
        'redirects[2].to_path',
        /leads back to the same address/,
      ],
      [
        'a loop through another redirect',
        (d) => {
          d.redirects[0]!.to_path = '/winter-guide/';
          d.redirects[2]!.to_path = d.redirects[0]!.from_path;
        },
        'redirects[2].to_path',
        /leads back to "\/winter-guide\/" through 1 other redirect/,
      ],
      [
        'a source twice',
        (d) => void (d.redirects[1]!.from_path = d.redirects[0]!.from_path),
        'redirects[1].from_path',
        /repeats/,
      ],
      [
        'a status the site does not answer',
        (d) => void (d.redirects[0]!.status = 307),
        'redirects[0].status',
        /301 or 302 or 410/,
      ],
    ];
    for (const [name, change, field, reason] of cases) {
      const error = await refusal(tampered(change));
      expect([name, error.code]).toEqual([name, 'VALIDATION_FAILED']);
      expect([name, error.fields?.[field]]).toEqual([name, expect.stringMatching(reason)]);
      expect([name, await tablesWithRows(t.database.db)]).toEqual([name, []]);
    }
    // The loop is named at each of its redirects.
    const loop = await refusal(
      tampered((d) => {
        d.redirects[0]!.to_path = '/winter-guide/';
        d.redirects[2]!.to_path = d.redirects[0]!.from_path;
      }),
    );
    expect(Object.keys(loop.fields ?? {})).toEqual(['redirects[0].to_path', 'redirects[2].to_path']);
  });

  it('refuses a file whose redirects turn into a loop between the check and the write', async () => {
    let opened = 0;
    const looped = tampered((d) => {
      d.redirects[0]!.to_path = '/winter-guide/';
      d.redirects[2]!.to_path = d.redirects[0]!.from_path;
    });
    const error = await refusal(looped, () => [(opened += 1) === 1 ? good : looped]);
    expect(opened).toBe(2);
    expect(error.fields?.['redirects[2].to_path']).toMatch(/leads back.*changed while it was being imported/);
    expect(await tablesWithRows(t.database.db)).toEqual([]);
  });

  it('refuses a password hash that asks scrypt for more than sign-in allows', async () => {
    const doc = JSON.parse(good) as Doc;
    const index = doc.users.findIndex((u) => typeof u.password_hash === 'string');
    const [, , r, p, salt, key] = String(doc.users[index]!.password_hash).split('$');
    for (const N of [2 ** 30, 2 ** 18, 3000]) {
      doc.users[index]!.password_hash = ['scrypt', N, r, p, salt, key].join('$');
      const error = await refusal(JSON.stringify(doc));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields?.[`users[${index}].password_hash`]).toMatch(new RegExp(`N=${N}.*beyond`));
      expect(await tablesWithRows(t.database.db)).toEqual([]);
    }
  });

  it('refuses a file that turns hostile between the check and the write, and writes nothing', async () => {
    let opened = 0;
    const hostile = tampered((d) => void (d.comments.at(-1)!.author_url = 'javascript:alert(1)'));
    try {
      await importPublication({
        db: t.database.db,
        markdown: t.services.markdown,
        open: () => [(opened += 1) === 1 ? good : hostile],
      });
      throw new Error('the tampered file was imported');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const fields = (error as AppError).fields ?? {};
      expect(Object.keys(fields)).toEqual([
        `comments[${(JSON.parse(good) as Doc).comments.length - 1}].author_url`,
      ]);
    }
    expect(opened).toBe(2);
    expect(await tablesWithRows(t.database.db)).toEqual([]);
  });

  it('names the article whose Markdown cannot be rendered in time, and writes nothing', async () => {
    const slow = await buildTestApp(dialect, { renderTimeLimitMs: 250 });
    try {
      // A file from before body formats holds Markdown, which is rendered again under the time limit.
      const text = tampered((d) => {
        d.articles[2]!.body_format = 'markdown';
        d.articles[2]!.body_markdown = '!['.repeat(200_000);
      });
      let caught: unknown;
      try {
        await importPublication({
          db: slow.database.db,
          markdown: slow.services.markdown,
          open: () => [text],
        });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).fields?.['articles[2].body_markdown']).toMatch(/took too long/);
      expect(await tablesWithRows(slow.database.db)).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});
