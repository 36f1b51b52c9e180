// Two Dateline processes, A and B, on one fresh PostgreSQL database and one Redis, as two servers behind
// a load balancer would run. Staff act through A over HTTP (signed in with an account `dateline user add
// --password` made); readers read and comment on B. Whatever happens through one process must hold at
// the other at once: pages, comments, settings, the flood limit, the sign-in throttle, the scheduler.
// The last test SIGKILLs A in the middle of a load and checks that B serves on and no 303'd comment
// is lost. Runs where TEST_DATABASE_URL and REDIS_URL are set (CI sets both).
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { postBurst } from '../durability/burst.ts';
import {
  articleForm,
  checkRedis,
  dateline,
  freshDatabase,
  get,
  postComment,
  scaleOutSkipReason,
  sharedEnv,
  staffSignedIn,
  startDateline,
  waitFor,
  type DatelineProcess,
  type SharedDatabase,
} from './harness.ts';

const skip = scaleOutSkipReason();

/** The scheduler looks this often in the test, so that both processes contend for it many times. */
const SCHEDULER_MS = 250;

describe.skipIf(skip)('two Dateline processes on one PostgreSQL and one Redis', () => {
  let database: SharedDatabase;
  let env: Record<string, string>;
  let a: DatelineProcess;
  let b: DatelineProcess;
  let editor: Awaited<ReturnType<typeof staffSignedIn>>;
  let admin: Awaited<ReturnType<typeof staffSignedIn>>;
  let redis: Redis;
  let run = 0;
  /** A fresh reader each call, so that only the flood test meets the flood rule. */
  const reader = () => {
    run += 1;
    return { author: `Reader ${run}`, email: `reader.${run}.${Date.now()}@example.net` };
  };

  /** The publication's Redis key prefix and key hash, from its secret (as src/app.tsx makes them). */
  async function redisKeyOf(kind: 'claim' | 'window', key: string): Promise<string> {
    const [row] = await database.query<{ value: string }>(
      "select value from secrets where name = 'redis-namespace'",
    );
    if (!row) throw new Error('no redis-namespace secret: is Redis configured?');
    const sign = (value: string) =>
      createHmac('sha256', Buffer.from(row.value, 'base64url')).update(value).digest('base64url');
    return `dateline:${sign('publication').slice(0, 16)}:${kind}:${sign(key)}`;
  }

  /** Publishes an article through A's editor; returns its id and slug. */
  async function publishThroughA(title: string, slug: string): Promise<number> {
    const saved = await editor.post(
      '/admin/articles',
      articleForm({
        title,
        slug,
        standfirst: 'Standfirst for the scale-out test.',
        body: `${title}: the body of the article.`,
        authors: editor.authorSlug,
        action: 'publish',
      }),
    );
    expect(saved.status, saved.text.slice(0, 500)).toBe(303);
    const id = /\/admin\/articles\/(\d+)\/edit/.exec(saved.location ?? '')?.[1];
    if (!id) throw new Error(`no article id in ${saved.location}`);
    return Number(id);
  }

  /** GETs `path` from B until it is served from B's page cache, and returns that copy's text. */
  async function cachedOnB(path: string): Promise<string> {
    const { value } = await waitFor(`${path} cached on B`, async () => {
      const page = await get(b.url, path);
      expect(page.status).toBe(200);
      return page.headers.get('x-dateline-cache') === 'hit' ? page.text : undefined;
    });
    return value;
  }

  beforeAll(async () => {
    database = await freshDatabase('two');
    env = sharedEnv(database.url, { DATELINE_SCHEDULER_INTERVAL_MS: String(SCHEDULER_MS) });
    // Migrate once, as an operator does before starting servers; then both start on the same schema.
    await dateline(env, ['migrate']);
    // Every test posts from 127.0.0.1: the flood limit stays off except where a test turns it on.
    await dateline(env, ['settings', 'set', 'comments.flood_seconds', '0']);
    [a, b] = await Promise.all([startDateline(env), startDateline(env)]);
    expect(a.url).not.toBe(b.url);
    [editor, admin] = await Promise.all([
      staffSignedIn(database, env, a.url, 'editor'),
      staffSignedIn(database, env, a.url, 'admin'),
    ]);
    redis = checkRedis();
  }, 180_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    redis?.disconnect();
    await database?.drop();
  }, 60_000);

  it('shows an article published through A on B’s cached front page at once', async () => {
    const before = await cachedOnB('/');
    expect(before).not.toContain('Ferry timetable');
    await publishThroughA('Ferry timetable changes from Monday', 'ferry-timetable');
    const { value: page, afterMs } = await waitFor(
      'the article on B’s front page',
      async () => {
        const front = await get(b.url, '/');
        return front.text.includes('Ferry timetable changes from Monday') ? front : undefined;
      },
      { withinMs: 1_000, everyMs: 10 },
    );
    console.log(`[scale-out] article on B's front page ${afterMs} ms after A answered`);
    expect(page.status).toBe(200);
    // The staff session made on A works on B: sessions live in the database.
    expect((await editor.get('/admin/articles', b.url)).status).toBe(200);
  });

  it('shows a comment approved through A on B’s cached article page within one second', async () => {
    await publishThroughA('Harbour wall repairs begin', 'harbour-wall');
    const text = `The east quay needed this for years (${Date.now()}).`;
    const posted = await postComment(b.url, 'harbour-wall', { ...reader(), comment: text });
    expect(posted.status).toBe(303);
    expect(posted.location).toContain('unapproved='); // held: a first comment waits for approval
    const cached = await cachedOnB('/harbour-wall/');
    expect(cached).not.toContain(text);

    const approved = await editor.post(`/admin/comments/${posted.id}/approve`, {});
    expect(approved.status).toBe(303);
    const { afterMs } = await waitFor(
      'the approved comment on B',
      async () => ((await get(b.url, '/harbour-wall/')).text.includes(text) ? true : undefined),
      { withinMs: 1_000, everyMs: 10 },
    );
    console.log(`[scale-out] approved comment on B's page ${afterMs} ms after A answered`);
  });

  it('applies a settings change made on A at B, to pages and to rules', async () => {
    await cachedOnB('/');
    const title = `The Quayside Courier ${Date.now()}`;
    const saved = await admin.post('/admin/settings', { 'site.title': title });
    expect(saved.status, saved.text.slice(0, 300)).toBe(303);
    await waitFor(
      'the new title on B',
      async () => ((await get(b.url, '/')).text.includes(title) ? true : undefined),
      { withinMs: 1_000, everyMs: 10 },
    );
    // A rule, not a page: B must stop remembering the old comment rules. Held comments go to B
    // while first comments are held; once A turns that off, B approves the next one at once.
    const held = await postComment(b.url, 'harbour-wall', { ...reader(), comment: 'Held first.' });
    expect(held.location).toContain('unapproved=');
    expect((await admin.post('/admin/settings', { 'comments.first_comment_held': 'false' })).status).toBe(
      303,
    );
    await waitFor(
      'B approving first comments',
      async () => {
        const next = await postComment(b.url, 'harbour-wall', {
          ...reader(),
          comment: `Straight through ${Date.now()}.`,
        });
        return next.status === 303 && !next.location.includes('unapproved=') ? true : undefined;
      },
      { withinMs: 1_000, everyMs: 50 },
    );
    expect((await admin.post('/admin/settings', { 'comments.first_comment_held': 'true' })).status).toBe(303);
  });

  it('holds the comment flood limit hit through A at B, counted in Redis', async () => {
    expect((await admin.post('/admin/settings', { 'comments.flood_seconds': '60' })).status).toBe(303);
    const who = reader();
    const first = await postComment(a.url, 'harbour-wall', { ...who, comment: 'First, through A.' });
    expect(first.status).toBe(303);
    const second = await postComment(b.url, 'harbour-wall', { ...who, comment: 'Second, through B.' });
    expect(second.status).toBe(429);
    // Another reader from the same address (all tests post from 127.0.0.1) is held back too.
    const neighbour = await postComment(b.url, 'harbour-wall', { ...reader(), comment: 'Same IP.' });
    expect(neighbour.status).toBe(429);
    // The window lives in Redis under this publication's prefix, keyed by a hash of the email.
    const key = await redisKeyOf('claim', `comment-email:${who.email}`);
    expect(await redis.pttl(key)).toBeGreaterThan(50_000);
    expect(await redis.get(key)).not.toContain('@');

    // Turned off on A, the limit is off on B at once (B forgets its remembered settings).
    expect((await admin.post('/admin/settings', { 'comments.flood_seconds': '0' })).status).toBe(303);
    await waitFor(
      'B letting the reader post again',
      async () => {
        const again = await postComment(b.url, 'harbour-wall', { ...who, comment: `Again ${Date.now()}.` });
        return again.status === 303 ? true : undefined;
      },
      { withinMs: 1_000, everyMs: 50 },
    );
  });

  it('shares the sign-in throttle: failures at A lock the account at B', async () => {
    const target = await staffSignedIn(database, env, b.url, 'author');
    const attempt = (base: string, password: string) =>
      fetch(new URL('/admin/sign-in', base), {
        method: 'POST',
        body: new URLSearchParams({ email: target.email, password }),
        redirect: 'manual',
      }).then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      });
    for (let i = 0; i < 5; i++) expect(await attempt(a.url, `wrong password ${i}`)).toBe(401);
    // The right password, at the other process, is refused: the account is throttled everywhere.
    expect(await attempt(b.url, 'does not matter')).toBe(429);
    const key = await redisKeyOf('window', `email:${target.email}`);
    expect(await redis.zcard(key)).toBe(5);
  });

  it('publishes a scheduled article exactly once with both processes running', async () => {
    await cachedOnB('/');
    // The site's time zone is UTC (the default), so "Publish at" is UTC wall-clock time.
    const due = new Date(Date.now() + 3_000).toISOString().slice(0, 19);
    const saved = await editor.post(
      '/admin/articles',
      articleForm({
        title: 'Lighthouse reopens to visitors',
        slug: 'lighthouse-reopens',
        body: 'The lighthouse reopens after its restoration.',
        authors: editor.authorSlug,
        publish_at: due,
        action: 'schedule',
      }),
    );
    expect(saved.status, saved.text.slice(0, 500)).toBe(303);
    expect(saved.location).toContain('saved=scheduled');
    expect((await get(b.url, '/lighthouse-reopens/')).status).toBe(404);

    await waitFor(
      'the scheduled article on B’s front page',
      async () => ((await get(b.url, '/')).text.includes('Lighthouse reopens') ? true : undefined),
      { withinMs: 20_000, everyMs: 50 },
    );
    // Both schedulers kept ticking every 250 ms after it was due; give them a few more turns.
    await new Promise((resolve) => setTimeout(resolve, 10 * SCHEDULER_MS));
    const [byA = 0, byB = 0] = [a, b].map(
      (p) => p.output().match(/Published 1 scheduled article\./g)?.length ?? 0,
    );
    expect(byA + byB, `published by A ${byA}×, by B ${byB}×`).toBe(1);
    const [row] = await database.query<{ status: string }>(
      "select status from articles where slug = 'lighthouse-reopens'",
    );
    expect(row?.status).toBe('published');
  });

  it('keeps B serving and loses no 303’d comment when A is SIGKILLed under load', async () => {
    // Many posts from one address: the flood limit is off (set so at the start, and again by the flood test).
    const reads = { ok: 0, failed: [] as string[] };
    let reading = true;
    const readLoop = (async () => {
      while (reading) {
        for (const path of ['/', '/harbour-wall/', '/ferry-timetable/']) {
          const page = await get(b.url, path).catch((error: unknown) => ({ status: 0, text: String(error) }));
          if (page.status === 200) reads.ok += 1;
          else reads.failed.push(`${path} ${page.status}`);
        }
      }
    })();
    const server = a;
    const [atA, atB] = await Promise.all([
      postBurst({
        baseUrl: a.url,
        slug: 'harbour-wall',
        clients: 8,
        maxPerClient: 60,
        threshold: 80,
        maxMs: 20_000,
        onThreshold: () => server.child.kill('SIGKILL'),
      }),
      postBurst({
        baseUrl: b.url,
        slug: 'harbour-wall',
        clients: 4,
        maxPerClient: 40,
        threshold: Number.MAX_SAFE_INTEGER,
        maxMs: 120_000,
        onThreshold: () => {},
      }),
    ]);
    reading = false;
    await readLoop;
    expect((await a.exited).signal).toBe('SIGKILL');
    console.log(
      `[scale-out kill] A answered ${atA.answered.length} (then ${atA.failed} failed), B answered ${atB.answered.length}; B reads ok ${reads.ok}`,
    );

    // A really died mid-burst; B answered every post and every read.
    expect(atA.answered.length).toBeGreaterThan(0);
    expect(atA.failed).toBeGreaterThan(0);
    expect(Object.fromEntries(atA.otherStatuses)).toEqual({});
    expect(atB.failed).toBe(0);
    expect(Object.fromEntries(atB.otherStatuses)).toEqual({});
    expect(atB.answered.length).toBe(4 * 40);
    expect(reads.failed).toEqual([]);
    expect(reads.ok).toBeGreaterThan(0);

    // Every comment either process answered 303 is stored, as posted.
    const stored = await database.query<{ id: number; body: string; author_email: string }>(
      'select id, body, author_email from comments',
    );
    const byId = new Map(stored.map((row) => [row.id, row]));
    const lost = [...atA.answered, ...atB.answered].filter((answered) => {
      const row = byId.get(answered.id);
      return row?.body !== answered.body || row.author_email !== answered.email;
    });
    expect(lost).toEqual([]);

    // And B goes on serving.
    expect((await get(b.url, '/healthz')).status).toBe(200);
    expect(
      (await postComment(b.url, 'harbour-wall', { ...reader(), comment: 'After A went down.' })).status,
    ).toBe(303);
  }, 180_000);
});
