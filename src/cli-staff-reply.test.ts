import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { COMMENT_LIMITS } from './modules/comments/index.ts';
import { buildTestApp, type TestApp } from '../test/build-test-app.ts';
import { DIALECTS } from '../test/databases.ts';
import { buildArticle, buildComment } from '../test/factories.ts';
import { signedIn, type SignedIn } from '../test/staff.ts';

/** What one way of replying reports: whether the reply was taken, and the message shown when it was not. */
interface Outcome {
  isAccepted: boolean;
  problem: string;
}

// The command line and the newsroom are two doors to one use case: the same table runs through both,
// so a rule that one of them skips fails here.
describe.each(DIALECTS)('a staff reply on %s', (dialect) => {
  let t: TestApp;
  let editor: SignedIn;
  let articleId: number;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    editor = await signedIn(t, 'editor');
    articleId = (await buildArticle(t.services)).id;
  });

  const paths: [string, (parentId: number, body: string) => Promise<Outcome>][] = [
    [
      'from the dateline command',
      async (parentId, body) => {
        const err: string[] = [];
        const code = await runCli(
          ['comments', 'reply', String(parentId), '--author', editor.authorSlug, '--body', body],
          {
            out: () => undefined,
            err: (l) => err.push(l),
            database: t.database,
            env: { DATABASE_URL: 'sqlite::memory:' },
          },
        );
        return { isAccepted: code === 0, problem: err.join('\n') };
      },
    ],
    [
      'from the newsroom',
      async (parentId, body) => {
        const response = await editor.post(`/admin/comments/${parentId}/reply`, { body });
        return { isAccepted: response.statusCode === 303, problem: response.body };
      },
    ],
  ];

  const rows = async (parentId: number) =>
    t.database.db
      .selectFrom('comments')
      .where((eb) => eb.or([eb('id', '=', parentId), eb('parent_id', '=', parentId)]))
      .select(['id', 'status', 'author_id', 'body'])
      .orderBy('id')
      .execute();

  describe.each(paths)('%s', (_name, reply) => {
    it('approves a held parent with the reply, written as the author', async () => {
      const { id } = await buildComment(t.services, articleId, { status: 'pending' });
      expect(await reply(id, 'The ferry runs until midnight.')).toMatchObject({ isAccepted: true });
      const [parent, answer] = await rows(id);
      expect(parent).toMatchObject({ id, status: 'approved' });
      expect(answer).toMatchObject({
        status: 'approved',
        author_id: editor.authorId,
        body: 'The ferry runs until midnight.',
      });
    });

    it.each([
      ['one character over the limit', COMMENT_LIMITS.comment + 1, false],
      ['exactly at the limit', COMMENT_LIMITS.comment, true],
    ])('a reply %s (%i characters) is accepted: %s', async (_case, length, isAccepted) => {
      const { id } = await buildComment(t.services, articleId, { status: 'pending' });
      const outcome = await reply(id, 'x'.repeat(length));
      expect(outcome.isAccepted).toBe(isAccepted);
      const stored = await rows(id);
      if (isAccepted) {
        expect(stored.map((r) => r.status)).toEqual(['approved', 'approved']);
      } else {
        expect(outcome.problem).toContain('The reply is too long');
        // Refused before anything is written: the parent stays held, and no reply exists.
        expect(stored).toEqual([expect.objectContaining({ id, status: 'pending' })]);
      }
    });
  });

  it('names the missing comment or author on the command line', async () => {
    const err: string[] = [];
    const cli = (...argv: string[]) =>
      runCli(['comments', 'reply', ...argv], {
        out: () => undefined,
        err: (l) => err.push(l),
        database: t.database,
        env: { DATABASE_URL: 'sqlite::memory:' },
      });
    expect(await cli('99999', '--author', editor.authorSlug, '--body', 'Hello')).toBe(1);
    expect(err.at(-1)).toBe('dateline comments reply: There is no comment 99999.');
    const { id } = await buildComment(t.services, articleId, { status: 'pending' });
    expect(await cli(String(id), '--author', 'nobody-here', '--body', 'Hello')).toBe(1);
    expect(err.at(-1)).toBe('dateline comments reply: author: There is no author "nobody-here".');
    expect(await rows(id)).toEqual([expect.objectContaining({ id, status: 'pending' })]);
  });
});
