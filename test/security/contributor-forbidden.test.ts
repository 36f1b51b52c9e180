// A signed-in contributor tries every newsroom route their role may not use, and nothing moves. The
// list is read from the routes the app registered (app.declaredRoutes) and decided by the policy
// (mayAttempt), so a new admin route is swept here the day it is added.
import { load } from 'cheerio';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayAttempt } from '../../src/modules/accounts/policy.ts';
import type { Action } from '../../src/modules/accounts/index.ts';
import { buildTestApp, type TestApp } from '../build-test-app.ts';
import { DIALECTS } from '../databases.ts';
import { buildComment } from '../factories.ts';
import { editedId, editorForm } from '../editor-forms.ts';
import { signedIn, type SignedIn } from '../staff.ts';

/** Permissions every signed-in member of staff holds, whatever the subject. */
const EVERYONE = new Set(['public', 'signed-in', 'admin.enter', 'article.create']);
/** Permissions a contributor may attempt, refused or allowed by the subject: aimed at someone else's. */
const BY_SUBJECT = new Set(['article.edit', 'article.delete', 'article.publish', 'author.edit']);

/** The publication's content, to compare before and after. */
const CONTENT_TABLES = [
  'articles',
  'article_authors',
  'article_tags',
  'article_revisions',
  'authors',
  'comments',
  'tags',
  'uploads',
  'users',
  'settings',
  'audit_log',
] as const;

describe.each(DIALECTS)('a contributor at the newsroom’s locked doors on %s', (dialect) => {
  let t: TestApp;
  let contributor: SignedIn;
  let editor: SignedIn;
  let admin: SignedIn;
  const ids = { draft: 0, published: 0, own: 0, revision: 0, comment: 0 };

  async function snapshot(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const table of CONTENT_TABLES)
      out[table] = (await sql`select * from ${sql.table(table)}`.execute(t.database.db)).rows
        .map((row) => JSON.stringify(row))
        .sort();
    return out;
  }

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    admin = await signedIn(t, 'admin');
    editor = await signedIn(t, 'editor');
    contributor = await signedIn(t, 'contributor');
    const create = async (who: SignedIn, overrides: Record<string, string>) => {
      const response = await who.post('/admin/articles', editorForm(who, overrides));
      expect(response.statusCode, response.body).toBe(303);
      return editedId(response.headers.location);
    };
    ids.draft = await create(editor, { title: 'The editor’s draft' });
    ids.published = await create(editor, { title: 'The editor’s published story', action: 'publish' });
    ids.own = await create(contributor, { title: 'The contributor’s own draft' });
    const revision = await t.database.db
      .selectFrom('article_revisions')
      .where('article_id', '=', ids.draft)
      .select('id')
      .executeTakeFirstOrThrow();
    ids.revision = Number(revision.id);
    ids.comment = (await buildComment(t.services, ids.published, { status: 'pending' })).id;
  }, 60_000);
  afterAll(async () => t?.close());

  /** The URL of a declared route, aimed at something that is not the contributor's. */
  function aim(url: string): string {
    const id = url.startsWith('/admin/articles/')
      ? ids.draft
      : url.startsWith('/admin/comments/')
        ? ids.comment
        : url.startsWith('/admin/authors/')
          ? editor.authorId
          : url.startsWith('/admin/users/')
            ? admin.id
            : 1;
    return url.replace(':id', String(id)).replace(':rev', String(ids.revision));
  }

  it('is refused every route the policy keeps from a contributor, and nothing changes', async () => {
    const actor = {
      id: contributor.id,
      name: contributor.name,
      role: 'contributor' as const,
      authorId: null,
    };
    const locked = t.app.declaredRoutes.filter(
      (r) =>
        r.url.startsWith('/admin') &&
        !EVERYONE.has(r.permission) &&
        (BY_SUBJECT.has(r.permission) || !mayAttempt(actor, r.permission as Action)),
    );
    // Users, settings, audit, deleting uploads, comment moderation, other people's articles and
    // profiles. (Contributors upload the pictures for their own stories.)
    expect(locked.length).toBeGreaterThanOrEqual(27);
    for (const permission of [
      'user.manage',
      'setting.manage',
      'audit.read',
      'upload.delete',
      'comment.moderate',
    ])
      expect(locked.map((r) => r.permission)).toContain(permission);

    const before = await snapshot();
    const answers: string[] = [];
    for (const route of locked) {
      const url = aim(route.url);
      const isWrite = route.method === 'POST';
      const response = await contributor.inject({
        method: route.method,
        url,
        headers: {
          accept: 'text/html',
          ...(isWrite && { 'content-type': 'application/x-www-form-urlencoded' }),
        },
        ...(isWrite && {
          payload: new URLSearchParams({
            _csrf: contributor.csrfToken,
            ...editorForm(contributor, { title: 'Taken over', action: 'publish' }),
            role: 'admin',
            ids: String(ids.comment),
            action: 'approve',
            name: 'Taken over',
            'site.title': 'Taken over',
          }).toString(),
        }),
      });
      const allowed = BY_SUBJECT.has(route.permission) ? [403, 404] : [403];
      if (!allowed.includes(response.statusCode))
        answers.push(`${route.method} ${url} (${route.permission}) answered ${response.statusCode}`);
      if (route.method !== 'HEAD') expect(response.body, url).not.toContain('Taken over');
    }
    expect(answers).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('may not publish or schedule their own draft, nor touch someone else’s published story', async () => {
    const before = await snapshot();
    const page = await contributor.get(`/admin/articles/${ids.own}/edit`);
    const version = String(load(page.body)('input[name=version]').val());
    for (const action of ['publish', 'schedule']) {
      const response = await contributor.post(
        `/admin/articles/${ids.own}`,
        editorForm(contributor, {
          title: 'The contributor’s own draft',
          action,
          version,
          publish_at: '2030-01-01T09:00',
        }),
      );
      expect([action, response.statusCode]).toEqual([action, 403]);
    }
    // Someone else's published story: neither its editor nor its delete button.
    for (const url of [`/admin/articles/${ids.published}`, `/admin/articles/${ids.published}/delete`]) {
      const response = await contributor.post(url, editorForm(contributor, { action: 'unpublish' }));
      expect([url, response.statusCode]).toEqual([url, expect.toBeOneOf([403, 404])]);
    }
    expect(await snapshot()).toEqual(before);
  });
});
