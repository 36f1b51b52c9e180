// The processes the benchmark runs: Dateline (`dateline serve` from the production build, in production
// mode, logging off) and nginx, both on loopback ports, both children of the benchmark, both stopped by
// their own process id.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One GET (or POST) on a fresh connection, with a timeout. */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error(`timeout on ${url}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Polls until `url` answers 200 (or anything, with `anyStatus`), every few milliseconds; returns the moment
 * it did (performance.now()).
 */
async function firstOk(
  url: string,
  deadline: number,
  child: ChildProcess,
  anyStatus = false,
): Promise<number> {
  for (let attempt = 0; performance.now() < deadline; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const answer = await request(url, { timeoutMs: 5_000 });
      if (answer.status === 200 || anyStatus) return performance.now();
    } catch {
      // Not listening yet.
    }
    await sleep(attempt < 200 ? 5 : 25);
  }
  throw new Error(`${url} did not answer 200 in time`);
}

/** Resident and peak memory of a process, in MB, from /proc. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: Math.round(kb('VmRSS') / 102.4) / 10, hwmMb: Math.round(kb('VmHWM') / 102.4) / 10 };
  } catch {
    return undefined;
  }
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, signal);
  const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
  if (timedOut && child.exitCode === null && child.signalCode === null) {
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
}

/** A running Dateline server. */
export interface DatelineServer {
  name: string;
  pid: number;
  port: number;
  base: string;
  /** Milliseconds from spawn to "Dateline is serving", to the first 200 on /healthz and then on /. */
  startup: { servingMs: number | undefined; healthzMs: number; frontMs: number };
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `dateline serve` in production mode on a SQLite file and waits for it to answer. Logging is
 * off (LOG_LEVEL=silent): Fastify's per-request log lines are not what is measured.
 */
export async function startDateline(options: {
  name: string;
  file: string;
  pageCache: boolean;
  env?: Record<string, string>;
  /** Node's arguments: `[<build>/cli.js, 'serve']` for the production build, or tsx and src/cli.ts. */
  nodeArgs: string[];
}): Promise<DatelineServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${options.file}`,
    ...options.env,
  };
  delete env.PUBLIC_URL;
  if (options.pageCache) delete env.DATELINE_PAGE_CACHE;
  else env.DATELINE_PAGE_CACHE = 'off';
  const t0 = performance.now();
  const child = spawn(process.execPath, options.nodeArgs, {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let servingAt: number | undefined;
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    if (servingAt === undefined && (output + text).includes('Dateline is serving'))
      servingAt = performance.now();
    // Keep the head and the tail, not everything a long run logs.
    output =
      output.length < 20_000
        ? output + text
        : output.slice(0, 10_000) + '\n…\n' + (output + text).slice(-10_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  if (child.pid === undefined) throw new Error('could not start the server');
  const server: DatelineServer = {
    name: options.name,
    pid: child.pid,
    port,
    base,
    startup: { servingMs: undefined, healthzMs: 0, frontMs: 0 },
    output: () => output,
    stop: () => stopChild(child),
  };
  try {
    const deadline = t0 + 120_000;
    const healthz = await firstOk(`${base}/healthz`, deadline, child);
    const front = await firstOk(`${base}/`, deadline, child);
    server.startup = {
      servingMs: servingAt === undefined ? undefined : Math.round(servingAt - t0),
      healthzMs: Math.round(healthz - t0),
      frontMs: Math.round(front - t0),
    };
  } catch (error) {
    await server.stop();
    throw new Error(`${options.name}: ${(error as Error).message}\n${output}`);
  }
  return server;
}

/** The node arguments that run `dateline` from source under tsx, as `npm start` and bin/dateline.js do. */
export const FROM_SOURCE = ['--import', 'tsx', 'src/cli.ts'];

/** Runs a `dateline` command (`cli`: the node arguments before the command) against a SQLite file. */
export function runDatelineCommand(
  file: string,
  args: string[],
  cli: string[] = FROM_SOURCE,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...cli, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(output.trim())
        : reject(new Error(`dateline ${args.join(' ')} exited ${code}: ${output}`)),
    );
  });
}

/** A running nginx. */
export interface Nginx {
  pid: number;
  port: number;
  base: string;
  stop(): Promise<void>;
}

/**
 * Starts nginx in the foreground with the benchmark's config (bench/nginx.conf.template), serving `root`.
 * Its files (config, pid, error log, temp folders) live in `prefix`.
 */
export async function startNginx(options: { prefix: string; root: string }): Promise<Nginx> {
  const port = await freePort();
  const template = fs.readFileSync(path.join(REPO_ROOT, 'bench', 'nginx.conf.template'), 'utf8');
  const config = template
    .replaceAll('{{PREFIX}}', options.prefix)
    .replaceAll('{{ROOT}}', options.root)
    .replaceAll('{{PORT}}', String(port));
  const file = path.join(options.prefix, 'nginx.conf');
  fs.writeFileSync(file, config);
  // nginx's workers drop to an unprivileged user when started as root: let them read the files.
  for (const dir of [options.prefix, options.root]) fs.chmodSync(dir, 0o755);
  const child = spawn(
    'nginx',
    ['-c', file, '-p', options.prefix, '-e', path.join(options.prefix, 'error.log')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const spawned = await new Promise<boolean>((resolve) => {
    child.once('spawn', () => resolve(true));
    child.once('error', () => resolve(false));
  });
  if (!spawned || child.pid === undefined) throw new Error('nginx could not be started: is it installed?');
  const base = `http://127.0.0.1:${port}`;
  try {
    // The root has no index.html: any answer means nginx is up.
    await firstOk(`${base}/`, performance.now() + 15_000, child, true);
  } catch (error) {
    await stopChild(child, 'SIGQUIT');
    const log = fs.existsSync(path.join(options.prefix, 'error.log'))
      ? fs.readFileSync(path.join(options.prefix, 'error.log'), 'utf8')
      : '';
    throw new Error(`nginx did not start: ${(error as Error).message}\n${output}\n${log}`);
  }
  return { pid: child.pid, port, base, stop: () => stopChild(child, 'SIGQUIT') };
}

/** A running reference server (scripts/bench/fastify-bytes.ts). */
export interface ReferenceServer {
  pid: number;
  base: string;
  stop(): Promise<void>;
}

/** Starts bare Fastify serving `file`'s bytes from memory for every GET. */
export async function startFastifyBytes(file: string): Promise<ReferenceServer> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'bench', 'fastify-bytes.ts'), file, String(port)],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  if (child.pid === undefined) throw new Error('could not start the reference Fastify server');
  const base = `http://127.0.0.1:${port}`;
  try {
    await firstOk(`${base}/`, performance.now() + 60_000, child);
  } catch (error) {
    await stopChild(child);
    throw new Error(`the reference Fastify server did not start: ${(error as Error).message}\n${output}`);
  }
  return { pid: child.pid, base, stop: () => stopChild(child) };
}
