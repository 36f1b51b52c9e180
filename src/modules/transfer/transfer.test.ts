// A publication moves between databases, both ways and within each dialect, with nothing lost: the copy
// exports the same document, serves the same pages, signs people in, and takes new rows.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS, type TestDialect } from '../../../test/databases.ts';
import { formBody } from '../../../test/staff.ts';
import { sanitizeBody } from '../../platform/render/body-html.ts';
import { loadSigner } from '../../platform/secrets.ts';
import { redirects } from '../redirects/index.ts';
import { suggestionsFor } from '../tags/index.ts';
import { exportPublication, importPublication } from './index.ts';
import { buildFullPublication, HTML_DRAFT_BODY } from './full-publication.test-support.ts';
import { readSuggestionPage } from './repository.ts';

/** Exports a test app's publication, returning the text and the parsed document. */
export async function exportText(t: TestApp): Promise<{ text: string; document: Record<string, unknown> }> {
  const lines: string[] = [];
  await exportPublication({ db: t.database.db, clock: t.clock, write: (line) => void lines.push(line) });
  const text = lines.join('\n');
  return { text, document: JSON.parse(text) as Record<string, unknown> };
}

/** The document in pieces of 1,000 characters, as a file stream would give it. */
function chunks(text: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += 1000) pieces.push(text.slice(i, i + 1000));
  return pieces;
}

const MOVES: [TestDialect, TestDialect][] = [
  ['sqlite', 'sqlite'],
  ['postgres', 'postgres'],
  ['sqlite', 'postgres'],
  ['postgres', 'sqlite'],
];

describe('moving a publication with dateline export and import', () => {
  const sources = {} as Record<TestDialect, TestApp>;
  const targets = {} as Record<TestDialect, TestApp>;
  beforeAll(async () => {
    for (const dialect of DIALECTS) {
      sources[dialect] = await buildTestApp(dialect);
      targets[dialect] = await buildTestApp(dialect);
    }
  }, 60_000);
  afterAll(async () => {
    for (const t of [...Object.values(sources), ...Object.values(targets)]) await t.close();
  });
  beforeEach(async () => {
    for (const t of [...Object.values(sources), ...Object.values(targets)]) await t.reset();
  });

  it.each(DIALECTS)(
    'reads tag suggestions a page at a time on %s, without losing or repeating one',
    async (dialect) => {
      const db = sources[dialect].database.db;
      const { published } = await buildFullPublication(sources[dialect]);
      await db
        .insertInto('article_tag_suggestions')
        .values(
          ['sea-wall', 'seaside', 'sea'].map((slug) => ({
            article_id: published.id,
            slug,
            name: slug,
            suggested_by: null,
            created_at: '2026-11-24T10:00:00.000Z',
          })),
        )
        .execute();
      const whole = await readSuggestionPage(db, undefined, 1000);
      const paged: typeof whole = [];
      for (let after: (typeof whole)[number] | undefined; ;) {
        const page = await readSuggestionPage(db, after, 1);
        if (page.length === 0) break;
        paged.push(...page);
        after = page.at(-1);
      }
      expect(whole).toHaveLength(6);
      expect(paged).toEqual(whole);
      // Byte order in both databases, whatever PostgreSQL's collation: the copy exports the same order.
      expect(whole.filter((s) => s.article_id === published.id).map((s) => s.slug)).toEqual([
        'sea',
        'sea-wall',
        'seaside',
      ]);
    },
  );

  it.each(DIALECTS)(
    'imports a file from before body formats as Markdown, and renders each body by its format on %s',
    async (dialect) => {
      const built = await buildFullPublication(sources[dialect]);
      const { document } = await exportText(sources[dialect]);
      const doc = document as Record<'articles' | 'uploads', Record<string, unknown>[]>;
      // An older Dateline wrote none of these fields.
      const old = structuredClone(doc);
      for (const a of old.articles) {
        delete a.body_format;
        delete a.review_requested_at;
      }
      for (const u of old.uploads) for (const key of ['alt', 'caption', 'title', 'filename']) delete u[key];
      const target = targets[dialect];
      await importPublication({
        db: target.database.db,
        markdown: target.services.markdown,
        open: () => [JSON.stringify(old)],
      });
      const db = target.database.db;
      const articles = await db
        .selectFrom('articles')
        .select(['id', 'body_format', 'body_markdown', 'body_html', 'review_requested_at'])
        .orderBy('id')
        .execute();
      // Read as Markdown, and stored as HTML, as every body now is.
      expect(articles.map((a) => [a.body_format, a.review_requested_at])).toEqual(
        articles.map(() => ['html', null]),
      );
      expect(articles.every((a) => a.body_markdown === a.body_html)).toBe(true);
      // The HTML draft, read as Markdown, is escaped text: never markup.
      const draft = articles.find((a) => a.id === built.suggested.id)!;
      expect(draft.body_html).toContain('&lt;figure class=');
      expect(draft.body_html).not.toContain('<figure');
      expect(
        await db.selectFrom('uploads').select(['alt', 'caption', 'title', 'filename']).execute(),
      ).toEqual([{ alt: '', caption: '', title: '', filename: '' }]);

      // A file whose body_html was changed by hand: the HTML is made again from the source, by format.
      await target.reset();
      const forged = structuredClone(doc);
      for (const a of forged.articles)
        a.body_html = '<meta http-equiv="refresh" content="0;url=https://evil.example/">';
      await importPublication({
        db: target.database.db,
        markdown: target.services.markdown,
        open: () => [JSON.stringify(forged)],
      });
      const again = await db
        .selectFrom('articles')
        .select(['id', 'body_format', 'body_html'])
        .where('id', '=', built.suggested.id)
        .executeTakeFirstOrThrow();
      expect(again).toEqual({
        id: built.suggested.id,
        body_format: 'html',
        body_html: sanitizeBody(HTML_DRAFT_BODY),
      });
    },
  );

  describe.each(MOVES)('from %s to %s', (from, to) => {
    it('keeps every row: the copy exports the same document', async () => {
      const source = sources[from];
      const target = targets[to];
      const built = await buildFullPublication(source);
      const first = await exportText(source);
      const counts = await importPublication({
        db: target.database.db,
        markdown: target.services.markdown,
        open: () => chunks(first.text),
      });
      const second = await exportText(target);

      expect({ ...second.document, exported_at: null }).toEqual({ ...first.document, exported_at: null });

      // The comparison above means something only if the publication has a row of every kind.
      const doc = first.document as Record<string, Record<string, unknown>[]>;
      expect(counts).toEqual({
        authors: doc.authors!.length,
        users: 2,
        uploads: 1,
        tags: 3,
        sections: doc.sections!.length,
        articles: 4,
        comments: doc.comments!.length,
        revisions: doc.revisions!.length,
        audit_log: doc.audit_log!.length,
        tag_suggestions: 3,
        redirects: 5,
        settings: 6,
      });
      expect(new Set(doc.articles!.map((a) => a.status))).toEqual(
        new Set(['draft', 'scheduled', 'published', 'unpublished']),
      );
      expect(new Set(doc.comments!.map((c) => c.status))).toEqual(
        new Set(['pending', 'approved', 'spam', 'trash']),
      );
      // The sections come across with their nesting, and the articles with their sections.
      const sections = doc.sections!;
      const local = sections.find((x) => x.slug === 'local');
      expect(sections.find((x) => x.slug === 'harbour-desk')?.parent_id).toBe(local?.id);
      expect(doc.articles!.every((a) => typeof a.section_id === 'number')).toBe(true);
      const ferry = doc.articles!.find((a) => a.slug === 'ferry-timetable-changes')!;
      expect(ferry).toMatchObject({
        sources: [
          { name: 'Port Bulletin', url: 'https://bulletin.example/ferry' },
          { name: 'Harbour Radio', url: null },
        ],
        update_note: 'The Sunday evening sailing is cancelled.'.replace('.', ' as well.'),
        featured_image_alt: 'The ferry leaving the harbour at dawn',
        comments_close_after_days: 60,
      });
      expect((ferry.authors as number[]).length).toBe(2);
      expect(ferry.tags).toEqual(
        ['ferries', 'harbour', 'winter'].map(
          (slug) => (doc.tags as { id: number; slug: string }[]).find((t) => t.slug === slug)!.id,
        ),
      );
      expect(doc.revisions!.map((r) => r.kind)).toEqual(expect.arrayContaining(['save', 'autosave']));
      expect(doc.users!.map((u) => typeof u.password_hash)).toEqual(['string', 'object']);
      expect(doc.comments!.filter((c) => c.parent_id !== null).length).toBeGreaterThanOrEqual(3);
      expect(doc.comments!.some((c) => typeof c.ip_hash === 'string' && c.author_email)).toBe(true);
      expect(doc.comments!.some((c) => c.status_before === 'approved' || c.status_before === 'pending')).toBe(
        true,
      );
      expect(doc.redirects!.map((r) => [r.from_path, r.to_path, r.status, r.is_external])).toEqual([
        ['/tag/ferry/', '/tag/ferries/', 301, false],
        ['/tag/ferry/feed/', '/tag/ferries/feed/', 301, false],
        ['/winter-guide/', '/ferry-timetable-changes/', 302, false],
        ['/old-poll/', '', 410, false],
        ['/timetables/', 'https://ferries.example/timetables', 301, true],
      ]);
      expect(doc.tag_suggestions!.map((s) => typeof s.suggested_by)).toEqual(
        expect.arrayContaining(['number', 'object']),
      );
      expect(Object.keys(doc.secrets!)).toEqual(expect.arrayContaining(['comment-preview', 'ip-hash']));

      // The rendered HTML travelled as it was, and the Markdown would render it the same today.
      const copied = await target.database.db
        .selectFrom('articles')
        .select(['body_html'])
        .where('slug', '=', 'ferry-timetable-changes')
        .executeTakeFirstOrThrow();
      expect(copied.body_html).toBe(ferry.body_html);
      expect(copied.body_html).toContain('<strong>last sailing</strong>');

      // The HTML draft kept its format and its review request, and its HTML was rendered again by its
      // format: sanitised, so the script in its source is not in it.
      const draft = doc.articles!.find((a) => a.id === built.suggested.id)!;
      expect(draft).toMatchObject({
        body_format: 'html',
        body_markdown: sanitizeBody(HTML_DRAFT_BODY),
        review_requested_at: '2026-11-26T12:00:00.000Z',
      });
      const copiedDraft = await target.database.db
        .selectFrom('articles')
        .select(['body_format', 'body_markdown', 'body_html', 'review_requested_at'])
        .where('id', '=', built.suggested.id)
        .executeTakeFirstOrThrow();
      expect(copiedDraft).toEqual({
        body_format: 'html',
        body_markdown: sanitizeBody(HTML_DRAFT_BODY),
        body_html: sanitizeBody(HTML_DRAFT_BODY),
        review_requested_at: '2026-11-26T12:00:00.000Z',
      });
      expect(copiedDraft.body_html).toBe(draft.body_html);
      expect(copiedDraft.body_html).toContain('<figure class="embed" data-provider="YouTube"');
      expect(copiedDraft.body_html).not.toContain('script');
      expect(doc.uploads![0]).toMatchObject({
        alt: 'The ferry leaving the harbour at dawn',
        caption: 'The 06:10 sailing, the first of the day.',
        title: 'ferry-at-dawn',
      });

      // The installation's keys came along: a reader's IP hashes the same in the copy.
      const [before, after] = await Promise.all([
        loadSigner(source.database.db, 'ip-hash'),
        loadSigner(target.database.db, 'ip-hash'),
      ]);
      expect(after.sign('203.0.113.7')).toBe(before.sign('203.0.113.7'));
    });

    it('serves the same pages, signs people in with their old passwords, and takes new rows', async () => {
      const source = sources[from];
      const target = targets[to];
      const built = await buildFullPublication(source);
      const { text } = await exportText(source);
      await importPublication({
        db: target.database.db,
        markdown: target.services.markdown,
        open: () => chunks(text),
      });
      target.app.pageCache.clear();

      for (const url of [
        `/${built.published.slug}/`,
        '/',
        `/author/${built.authorSlug}/`,
        `/tag/${built.tagSlug}/`,
        '/feed/',
      ]) {
        const [a, b] = await Promise.all([source.app.inject(url), target.app.inject(url)]);
        expect([url, a.statusCode]).toEqual([url, 200]);
        expect([url, b.body]).toEqual([url, a.body]);
      }
      // Old tag addresses still redirect, and contributors' suggestions still wait for an editor.
      for (const [url, status, location] of [
        [built.redirect.from, 301, built.redirect.to],
        ['/tag/ferry/feed/', 301, '/tag/ferries/feed/'],
        ['/winter-guide/', 302, `/${built.published.slug}/`],
        ['/old-poll/', 410, undefined],
        ['/timetables/', 301, 'https://ferries.example/timetables'],
      ] as const) {
        const moved = await target.app.inject(url);
        expect([url, moved.statusCode, moved.headers.location]).toEqual([url, status, location]);
      }
      const pending = await suggestionsFor(target.database.db, [built.suggested.id]);
      expect(pending).toEqual(await suggestionsFor(source.database.db, [built.suggested.id]));
      expect(pending.map((p) => p.name)).toEqual(['Harbour survey', 'Sea wall']);

      const page = await target.app.inject(`/${built.published.slug}/`);
      expect(page.body).toContain('The Sunday evening sailing is cancelled as well.');
      expect(page.body).toContain('It starts on 1 December.');
      expect(page.body).not.toContain('ola@example.net');

      const signIn = (password: string) =>
        target.app.inject({
          method: 'POST',
          url: '/admin/sign-in',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: formBody({ email: built.editor.email, password }),
        });
      expect((await signIn('not the password at all')).statusCode).not.toBe(303);
      const signedIn = await signIn(built.editor.password);
      expect(signedIn.statusCode).toBe(303);
      expect(String(signedIn.headers['set-cookie'])).toMatch(/dateline_session=/);

      // Ids continue after the imported ones: no insert collides with a moved row.
      const db = target.database.db;
      const maxId = async (
        table: 'articles' | 'authors' | 'tags' | 'comments' | 'users' | 'audit_log' | 'redirects',
      ) =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.max('id').as('id'))
              .executeTakeFirstOrThrow()
          ).id,
        );
      const before = {
        articles: await maxId('articles'),
        authors: await maxId('authors'),
        tags: await maxId('tags'),
        comments: await maxId('comments'),
        users: await maxId('users'),
        redirects: await maxId('redirects'),
      };
      const user = await target.services.accounts.addUser({
        name: 'Sam New',
        email: 'sam@example.com',
        role: 'author',
        password: 'a brand new password',
      });
      const article = await target.services.articles.saveArticle({
        title: 'A story written after the move',
        body: 'Written on the new database.',
        authors: ['wren-adeyemi'],
        tags: ['After the move'],
        status: 'published',
        published_at: '2026-11-25T08:00:00.000Z',
      });
      const comment = await target.services.comments.postComment({
        slug: article.slug,
        form: {
          comment: 'First comment after the move.',
          author: 'Ola Nordmann',
          email: 'ola@example.net',
          url: '',
          comment_parent: '',
          consent: false,
          honeypot: '',
        },
        origin: { ip: '198.51.100.4', userAgent: 'test' },
      });
      // Greater, not max + 1: these databases are reused between tests, and SQLite's AUTOINCREMENT
      // never hands out an id it gave before. A fresh database continues at max + 1 (cli.test.ts).
      expect(user.id).toBeGreaterThan(before.users);
      expect(article.id).toBeGreaterThan(before.articles);
      expect(comment.id).toBeGreaterThan(before.comments);
      expect(await maxId('authors')).toBeGreaterThan(before.authors);
      expect(await maxId('tags')).toBeGreaterThan(before.tags);
      await redirects.add(db, { from: '/after-the-move/', to: '/', at: '2026-11-25T09:00:00.000Z' });
      expect(await maxId('redirects')).toBeGreaterThan(before.redirects);

      // The search index covers the moved articles.
      const found = await target.services.search.search({ q: 'timetable', page: 1, perPage: 10 });
      expect(JSON.stringify(found)).toContain(built.published.slug);
    });
  });
});
