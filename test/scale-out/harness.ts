// The scale-out tests' harness: a fresh PostgreSQL database per test file, Dateline server processes
// started on it (each its own `dateline serve` child, on a port of its own, sharing Redis), the
// `dateline` command run against the same database, and a member of staff acting over HTTP.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Redis } from 'ioredis';
import { runCli } from '../../src/cli.ts';
import { ROOT } from '../durability/server-process.ts';

const postgresUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const isCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

/**
 * Why the scale-out tests cannot run here, or undefined when they can. On CI a missing server is a
 * failure, not a skip: CI provides both (.ci/run exports TEST_DATABASE_URL and REDIS_URL).
 */
export function scaleOutSkipReason(): string | undefined {
  const missing = [
    ...(postgresUrl
      ? []
      : ['TEST_DATABASE_URL (a real PostgreSQL, e.g. postgres://root@127.0.0.1:5432/test)']),
    ...(redisUrl ? [] : ['REDIS_URL (e.g. redis://127.0.0.1:6379)']),
  ];
  if (missing.length === 0) return undefined;
  const reason = `the scale-out tests need ${missing.join(' and ')}: separate server processes cannot share the in-process PGlite`;
  if (isCi) throw new Error(`CI is set but ${reason}`);
  console.warn(`Skipping: ${reason}.`);
  return reason;
}

/** The REDIS_URL the tests use; call only when scaleOutSkipReason() is undefined. */
export function testRedisUrl(): string {
  if (!redisUrl) throw new Error('REDIS_URL is not set');
  return redisUrl;
}

/** A database the server processes share, and how to remove it. */
export interface SharedDatabase {
  url: string;
  /** Runs SQL on it from the test (for checks only; the tests act through HTTP and the CLI). */
  query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on TEST_DATABASE_URL's server, for one test file. */
export async function freshDatabase(label: string): Promise<SharedDatabase> {
  const name = `dateline_${label}_${randomBytes(5).toString('hex')}`;
  await asAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(postgresUrl as string);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.href, max: 2 });
  return {
    url: url.href,
    async query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
      return (await pool.query<T>(text, values)).rows;
    },
    async drop() {
      await pool.end();
      await asAdmin(async (client) => {
        // pg's pool.end() resolves once it has asked its clients to close, not once they have: a backend
        // terminated while its client is still closing reaches this process as an uncaught FATAL 57P01.
        // So wait (up to 5 s) for this process's connections to go, and only then end what is left.
        const others = async () =>
          Number(
            (
              await client.query<{ n: string }>(
                'select count(*) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
                [name],
              )
            ).rows[0]?.n ?? 0,
          );
        for (let waited = 0; waited < 5_000 && (await others()) > 0; waited += 50) await sleep(50);
        await client.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [name],
        );
        await client.query(`drop database if exists ${name}`);
      });
    },
  };
}

/** The environment every process of the publication under test shares. */
export function sharedEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: testRedisUrl(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Runs `dateline ARGS` in this process with the shared environment; throws with its output on failure. */
export async function dateline(env: Record<string, string>, args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { ...env, NODE_ENV: 'test' },
  });
  if (code !== 0) throw new Error(`dateline ${args.join(' ')} exited ${code}: ${err.join('\n')}`);
  return out.join('\n');
}

/** A `dateline serve` child process. */
export interface DatelineProcess {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** Its base URL, with a trailing slash. */
  readonly url: string;
  output(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills it (SIGKILL unless told) if it still runs, and waits for it to go. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Spawns `node --import tsx src/cli.ts serve ARGS` with `env` on a free port (PORT=0) and waits for
 * the line "Dateline is serving URL".
 */
export async function startDateline(
  env: Record<string, string>,
  options: { args?: string[]; timeoutMs?: number } = {},
): Promise<DatelineProcess> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', ...(options.args ?? [])], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (output += chunk));
  child.stderr.on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dateline serve did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const look = () => {
      const match = /Dateline is serving (http:\/\/\S+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', look);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`dateline serve exited (code ${code}, signal ${signal}) before serving:\n${output}`));
    });
  });
  return {
    child,
    url,
    output: () => output,
    exited,
    async stop(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Polls `check` every `everyMs` until it returns a value other than undefined, or fails after `withinMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { withinMs = 10_000, everyMs = 25 } = {},
): Promise<{ value: T; afterMs: number }> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return { value, afterMs: Date.now() - started };
    if (Date.now() - started > withinMs) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A GET that returns status, headers and text. */
export async function get(base: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, base), { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Posts a reader's comment as a browser form would; returns the status and Location. */
export async function postComment(
  base: string,
  slug: string,
  form: { author: string; email: string; comment: string },
  headers: Record<string, string> = {},
) {
  const response = await fetch(new URL(`/${slug}/comments`, base), {
    method: 'POST',
    body: new URLSearchParams({ ...form, url: '', comment_parent: '0' }),
    headers,
    redirect: 'manual',
  });
  await response.arrayBuffer();
  const location = response.headers.get('location') ?? '';
  const id = /#comment-([1-9]\d*)$/.exec(location)?.[1];
  return { status: response.status, location, id: id === undefined ? undefined : Number(id) };
}

/** A member of staff signed in to one process through the real sign-in form. */
export interface Staff {
  /** The process they signed in to; the session works on every process. */
  base: string;
  cookie: string;
  csrfToken: string;
  /** GET an admin page as them. */
  get(path: string, base?: string): Promise<{ status: number; text: string; location: string | null }>;
  /** POST a form as them, with the CSRF token; redirects are not followed. */
  post(
    path: string,
    form: Record<string, string>,
    base?: string,
  ): Promise<{ status: number; text: string; location: string | null }>;
}

/** Adds a staff account with the CLI (`dateline user add --password`) and signs it in at `base`. */
export async function staffSignedIn(
  database: SharedDatabase,
  env: Record<string, string>,
  base: string,
  role: 'editor' | 'admin' | 'author',
): Promise<Staff & { email: string; authorSlug: string }> {
  const tag = randomBytes(4).toString('hex');
  const email = `${role}.${tag}@example.com`;
  const password = `scale out ${tag} passphrase`;
  const name = `Staff ${role} ${tag}`;
  await dateline(env, [
    'user',
    'add',
    '--email',
    email,
    '--name',
    name,
    '--role',
    role,
    '--password',
    password,
  ]);
  const signIn = await fetch(new URL('/admin/sign-in', base), {
    method: 'POST',
    body: new URLSearchParams({ email, password }),
    redirect: 'manual',
  });
  await signIn.arrayBuffer();
  const token = /dateline_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
  if (signIn.status !== 303 || !token) throw new Error(`sign-in answered ${signIn.status} without a session`);
  const cookie = `dateline_session=${token}`;
  const request = async (method: 'GET' | 'POST', path: string, at: string, body?: URLSearchParams) => {
    const response = await fetch(new URL(path, at), {
      method,
      headers: { cookie, accept: 'text/html' },
      ...(body && { body }),
      redirect: 'manual',
    });
    return {
      status: response.status,
      text: await response.text(),
      location: response.headers.get('location'),
    };
  };
  const welcome = await request('GET', '/admin/articles/new', base);
  const csrfToken = /name="_csrf" value="([^"]+)"/.exec(welcome.text)?.[1];
  if (!csrfToken) throw new Error(`no CSRF token on /admin/articles/new (${welcome.status})`);
  // The byline slug: every member of staff gets an author profile.
  const [profile] = await database.query<{ slug: string }>(
    'select a.slug from users u join authors a on a.id = u.author_id where u.email = $1',
    [email],
  );
  if (!profile) throw new Error(`${email} has no author profile`);
  const authorSlug = profile.slug;
  return {
    base,
    email,
    authorSlug,
    cookie,
    csrfToken,
    get: (path, at = base) => request('GET', path, at),
    post: (path, form, at = base) =>
      request('POST', path, at, new URLSearchParams({ _csrf: csrfToken, ...form })),
  };
}

/** The editor's form with every field, as a browser sends it; `values` overrides. */
export function articleForm(values: Record<string, string>): Record<string, string> {
  return {
    title: '',
    slug: '',
    standfirst: '',
    body: '',
    tags: '',
    authors: '',
    source_name: '',
    source_url: '',
    publish_at: '',
    update_note: '',
    featured_image_id: '',
    featured_image_alt: '',
    version: '',
    action: 'save',
    ...values,
  };
}

/** A Redis client for checks, and a way to close it. */
export function checkRedis(): Redis {
  return new Redis(testRedisUrl(), { lazyConnect: false, maxRetriesPerRequest: 1 });
}
