// `dateline serve --workers N`: one primary and N workers on one port. The primary migrates once and
// prints one address; a `dateline` command's change reaches every worker's page cache through Redis; a
// worker that dies is replaced while the others serve; SIGTERM stops them all. SQLite refuses workers.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import {
  dateline,
  freshDatabase,
  get,
  scaleOutSkipReason,
  sharedEnv,
  startDateline,
  waitFor,
  type DatelineProcess,
  type SharedDatabase,
} from './harness.ts';

const skip = scaleOutSkipReason();

/** The worker processes of a primary (tsx may run an esbuild child too: not a worker). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid), '-f', 'cli\\.ts serve'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

/**
 * A GET on a new connection: a kept-alive connection belongs to the worker that accepted it, and
 * dies with it, which says nothing about whether the publication still serves.
 */
function freshStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, timeout: 5_000 }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('timeout', function (this: http.ClientRequest) {
        this.destroy(new Error(`GET ${url}: no answer within 5 s`));
      })
      .on('error', reject);
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('dateline serve --workers, refused', () => {
  it('refuses several workers on SQLite, saying why', async () => {
    const result = await cli(['serve', '--workers', '2'], { DATABASE_URL: 'sqlite::memory:' });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/--workers 2 needs PostgreSQL/);
  });

  it('refuses a number of workers it cannot use', async () => {
    for (const workers of ['0', 'two', '65', '-1']) {
      const result = await cli(['serve', `--workers=${workers}`], { DATABASE_URL: 'sqlite::memory:' });
      expect(result.code, workers).toBe(2);
      expect(result.err).toMatch(/--workers must be a whole number from 1 to 64/);
    }
  });
});

describe.skipIf(skip)('dateline serve --workers 2 on PostgreSQL and Redis', () => {
  let database: SharedDatabase;
  let env: Record<string, string>;
  let primary: DatelineProcess;

  beforeAll(async () => {
    database = await freshDatabase('workers');
    env = sharedEnv(database.url);
    // No `dateline migrate` first: the primary migrates, once, before it forks.
    primary = await startDateline(env, { args: ['--workers', '2'], timeoutMs: 120_000 });
  }, 180_000);

  afterAll(async () => {
    const pid = primary?.child.pid;
    const workers = pid ? childrenOf(pid) : [];
    await primary?.stop();
    for (const worker of workers) if (isRunning(worker)) process.kill(worker, 'SIGKILL');
    await database?.drop();
  }, 60_000);

  it('serves on one port from two workers, and announces itself and the owner link once', async () => {
    await waitFor('the owner link', async () =>
      /\/admin\/welcome\//.test(primary.output()) ? true : undefined,
    );
    expect(primary.output()).toMatch(
      /Dateline is serving http:\/\/127\.0\.0\.1:\d+\/ \(PostgreSQL, Redis; 2 workers\)/,
    );
    expect(primary.output().match(/Dateline is serving/g)).toHaveLength(1);
    expect(primary.output().match(/\/admin\/welcome\//g)).toHaveLength(1);
    expect(childrenOf(primary.child.pid as number)).toHaveLength(2);
    const [migrations] = await database.query<{ count: string }>('select count(*) from kysely_migration');
    expect(Number(migrations?.count)).toBeGreaterThan(0);
    for (let i = 0; i < 6; i++) expect((await get(primary.url, '/healthz')).status).toBe(200);
  });

  it('drops every worker’s cached pages when a `dateline` command changes the settings', async () => {
    // Many requests, so that both workers have the front page cached.
    for (let i = 0; i < 10; i++) expect((await get(primary.url, '/')).status).toBe(200);
    const title = `The Estuary Times ${Date.now()}`;
    await dateline(env, ['settings', 'set', 'site.title', title]);
    await waitFor(
      'the new title everywhere',
      async () => {
        const pages = await Promise.all(Array.from({ length: 10 }, () => get(primary.url, '/')));
        return pages.every((page) => page.text.includes(title)) ? true : undefined;
      },
      { withinMs: 2_000 },
    );
  });

  it('replaces a worker that dies while the other serves, and stops them all on SIGTERM', async () => {
    const pid = primary.child.pid as number;
    const [victim, survivor] = childrenOf(pid);
    expect(victim).toBeDefined();
    process.kill(victim as number, 'SIGKILL');
    // A connection the primary handed over just before it learned of the death is lost with the
    // worker (node:cluster cannot take it back); once it knows, the survivor takes every request.
    await waitFor('the primary noticing', async () =>
      /Worker \d+ was killed \(SIGKILL\); starting another in \d+ ms\./.test(primary.output())
        ? true
        : undefined,
    );
    const healthz = new URL('/healthz', primary.url).href;
    for (let i = 0; i < 10; i++) expect(await freshStatus(healthz)).toBe(200);
    const { value: workers } = await waitFor(
      'a new worker',
      async () => {
        const now = childrenOf(pid);
        return now.length === 2 && !now.includes(victim as number) ? now : undefined;
      },
      { withinMs: 60_000, everyMs: 200 },
    );
    expect(workers).toContain(survivor);
    for (let i = 0; i < 10; i++) expect(await freshStatus(healthz)).toBe(200);

    primary.child.kill('SIGTERM');
    const exit = await primary.exited;
    expect(exit.code).toBe(0);
    for (const worker of workers) expect(isRunning(worker), `worker ${worker}`).toBe(false);
  }, 120_000);
});
