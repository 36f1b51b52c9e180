// A comment answered with 303 is never lost, even if the server process is killed (SIGKILL) right after.
// The server runs as a child process (`dateline serve`); 20 clients post comments concurrently; once 200
// answers are back the process is SIGKILLed with requests still in flight. It is started again on the same
// database, and every comment id that was answered 303 must be there, with the text that was posted.
// Runs on SQLite (a temporary file) and on PostgreSQL (a fresh database on the server TEST_DATABASE_URL
// names: a separate server process cannot reach the in-process PGlite the other tests use).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postBurst, type BurstResult } from './burst.ts';
import {
  dateline,
  startServerProcess,
  stopServerProcess,
  writePublication,
  type ServerProcess,
} from './server-process.ts';

const CLIENTS = 20;
/** Enough posts that the burst is still running when the threshold is reached. */
const MAX_PER_CLIENT = 60;
/** Kill once this many answers have come back. */
const KILL_AFTER_ANSWERS = 200;
/** Kill after this long even if fewer answers came back, so that the test stays bounded. */
const KILL_AFTER_MS = 15_000;

const isCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const postgresUrl = process.env.TEST_DATABASE_URL;
const skipPostgres = !postgresUrl && !isCi;
if (skipPostgres) {
  console.warn(
    'Skipping the PostgreSQL SIGKILL durability test: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) ' +
      'to run it against a real PostgreSQL server; a killed server process cannot use the in-process PGlite.',
  );
}

/** A database the child process can reach through DATABASE_URL, and how to remove it. */
interface Target {
  databaseUrl: string;
  cleanup(): Promise<void>;
}

/** One row of `dateline comments list --json`. */
interface ListedComment {
  id: number;
  status: string;
  article: string;
  email: string;
  body: string;
}

async function sqliteTarget(dir: string): Promise<Target> {
  return { databaseUrl: `sqlite:${path.join(dir, 'kill.sqlite')}`, cleanup: async () => {} };
}

/** A fresh database on the server TEST_DATABASE_URL names, dropped afterwards. */
async function postgresTarget(): Promise<Target> {
  if (!postgresUrl) {
    throw new Error(
      'CI is set but TEST_DATABASE_URL is not: the PostgreSQL SIGKILL durability test needs a real PostgreSQL server',
    );
  }
  const name = `dateline_kill_${randomBytes(6).toString('hex')}`;
  const withAdmin = async (fn: (client: pg.Client) => Promise<void>) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await fn(client);
    } finally {
      await client.end();
    }
  };
  await withAdmin(async (client) => {
    await client.query(`create database ${name}`);
  });
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.href,
    cleanup: () =>
      withAdmin(async (client) => {
        await client.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [name],
        );
        await client.query(`drop database if exists ${name}`);
      }),
  };
}

function summary(label: string, burst: BurstResult, found: number, rowsOfArticle: number): string {
  const other = [...burst.otherStatuses].map(([status, n]) => `${status}×${n}`).join(' ') || 'none';
  return [
    `[comment-kill ${label}] sent ${burst.sent} posts from ${CLIENTS} clients in ${burst.elapsedMs} ms;`,
    `killed after ${burst.answeredAtThreshold ?? '?'} 303s with ${burst.inFlightAtThreshold} posts in flight;`,
    `303s counted ${burst.answered.length}, found after restart ${found};`,
    `rows stored ${rowsOfArticle} (${rowsOfArticle - found} committed but never answered);`,
    `no answer ${burst.failed} (${burst.failureSamples[0] ?? '-'}); other statuses ${other}`,
  ].join(' ');
}

function killSuite(label: string, open: (dir: string) => Promise<Target>) {
  let dir: string;
  let target: Target | undefined;
  let first: ServerProcess | undefined;
  let second: ServerProcess | undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-kill-'));
    target = await open(dir);
  }, 60_000);

  afterAll(async () => {
    await stopServerProcess(first);
    await stopServerProcess(second);
    await target?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('keeps every comment it answered 303 when SIGKILLed mid-burst, and serves again after a restart', async () => {
    if (!target) throw new Error('no database');
    const { databaseUrl } = target;
    const t0 = Date.now();
    const publication = await writePublication(databaseUrl, dir);
    first = await startServerProcess(databaseUrl);
    const tServing = Date.now();
    const server = first;
    expect((await fetch(new URL(`/${publication.slug}/`, server.url))).status).toBe(200);

    let killed = false;
    const burst = await postBurst({
      baseUrl: server.url,
      slug: publication.slug,
      clients: CLIENTS,
      maxPerClient: MAX_PER_CLIENT,
      threshold: KILL_AFTER_ANSWERS,
      maxMs: KILL_AFTER_MS,
      onThreshold: () => {
        killed = server.child.kill('SIGKILL');
      },
    });
    const exit = await server.exited;
    const tKilled = Date.now();
    // Really killed, not closed cleanly: no chance to flush or finish anything.
    expect(killed).toBe(true);
    expect(exit.signal).toBe('SIGKILL');

    second = await startServerProcess(databaseUrl);
    const tRestarted = Date.now();
    const listed = JSON.parse(
      await dateline(databaseUrl, ['comments', 'list', '--json', '--limit', '10000']),
    ) as ListedComment[];
    const byId = new Map(listed.map((row) => [row.id, row]));
    const found = burst.answered.filter((a) => {
      const row = byId.get(a.id);
      return row?.body === a.body && row.email === a.email && row.article === publication.slug;
    });
    const lost = burst.answered
      .filter((a) => !found.includes(a))
      .map((a) => ({ id: a.id, stored: byId.get(a.id) ?? null }));
    const rowsOfArticle = listed.filter((row) => row.article === publication.slug).length;
    console.log(summary(label, burst, found.length, rowsOfArticle));

    expect(burst.answered.length).toBeGreaterThan(0);
    // The kill came mid-burst: posts were still being sent, and they got no answer.
    expect(burst.answeredAtThreshold).toBeDefined();
    expect(burst.failed).toBeGreaterThan(0);
    expect(burst.failedBeforeThreshold).toBe(0);
    expect(Object.fromEntries(burst.otherStatuses)).toEqual({});
    expect(burst.badLocations).toEqual([]);
    expect(new Set(burst.answered.map((a) => a.id)).size).toBe(burst.answered.length);
    // The promise of a 303: every one of those comments is stored, as it was posted.
    expect(lost).toEqual([]);
    expect(rowsOfArticle).toBeGreaterThanOrEqual(burst.answered.length);

    // The restarted server is healthy and serves the article.
    const restarted = second;
    expect((await fetch(new URL('/healthz', restarted.url))).status).toBe(200);
    const page = await fetch(new URL(`/${publication.slug}/`, restarted.url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(publication.title);
    // The signed links the killed server handed out still show each writer their held comment.
    for (const answered of burst.answered.slice(-3)) {
      const preview = await fetch(new URL(answered.location, restarted.url));
      expect(preview.status).toBe(200);
      const html = await preview.text();
      expect(html).toContain(`id="comment-${answered.id}"`);
      expect(html).toContain(answered.body);
    }
    // And it takes comments again.
    const after = await fetch(new URL(`/${publication.slug}/comments`, restarted.url), {
      method: 'POST',
      body: new URLSearchParams({
        comment: `Posted after the restart (${label}).`,
        author: 'Late Reader',
        email: `late.${process.pid}@example.net`,
      }),
      redirect: 'manual',
    });
    expect(after.status).toBe(303);

    console.log(
      `[comment-kill ${label}] timings: setup+start ${tServing - t0} ms, burst until exit ${tKilled - tServing} ms, ` +
        `restart ${tRestarted - tKilled} ms, total ${Date.now() - t0} ms`,
    );
  }, 120_000);
}

describe('SIGKILL mid-burst on SQLite', () => {
  killSuite('sqlite', sqliteTarget);
});

describe.skipIf(skipPostgres)('SIGKILL mid-burst on PostgreSQL (TEST_DATABASE_URL)', () => {
  killSuite('postgres', postgresTarget);
});
