// Helpers for the durability tests: a Dateline server in a child process of its own, so that SIGKILL
// really kills it, and the `dateline` command run in this process against the same DATABASE_URL.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli.ts';

/** The repository root: the child runs `src/cli.ts` from here, with tsx from node_modules. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `dateline ARGS` in this process against DATABASE_URL; throws with its output when it fails. */
export async function dateline(databaseUrl: string, args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
  });
  if (code !== 0) throw new Error(`dateline ${args.join(' ')} exited ${code}: ${err.join('\n')}`);
  return out.join('\n');
}

/** A published article to comment on, and its author. */
export interface Publication {
  slug: string;
  title: string;
}

/** Writes an author and one published article with the CLI, as an operator would before `dateline serve`. */
export async function writePublication(databaseUrl: string, dir: string): Promise<Publication> {
  const publication = { slug: 'harbour-wall-repairs', title: 'Harbour wall repairs start next week' };
  await dateline(databaseUrl, [
    'author',
    'add',
    '--name',
    'Tomas Okafor',
    '--slug',
    'tomas-okafor',
    '--bio',
    'Transport and harbour reporter.',
  ]);
  const file = path.join(dir, 'article.md');
  fs.writeFileSync(
    file,
    [
      '---',
      `title: '${publication.title}'`,
      `slug: ${publication.slug}`,
      'authors: [tomas-okafor]',
      'status: published',
      // An hour ago, so that the article is visible at once whatever the clock says.
      `published_at: ${new Date(Date.now() - 3_600_000).toISOString()}`,
      '---',
      '',
      'Work on the east quay wall begins on Monday, the harbour authority said.',
      '',
    ].join('\n'),
  );
  await dateline(databaseUrl, ['article', 'add', file]);
  // A burst comes from one IP: without this the flood rule refuses all but the first comment.
  await dateline(databaseUrl, ['settings', 'set', 'comments.flood_seconds', '0']);
  return publication;
}

/** A `dateline serve` child process. */
export interface ServerProcess {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** The base URL it printed, with a trailing slash. */
  readonly url: string;
  /** Everything it wrote to stdout and stderr so far, for failure messages. */
  output(): string;
  /** Resolves with the exit code and signal once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns `node --import tsx src/cli.ts serve` (node itself, no wrapper, so the signal reaches the
 * server) and waits for "Dateline is serving URL". PORT=0 lets the server pick a free port.
 */
export async function startServerProcess(databaseUrl: string, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      const match = /Dateline is serving (http:\/\/\S+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}, signal ${signal}) before serving:\n${output}`));
    });
  });
  return { child, url, output: () => output, exited };
}

/** Kills the process if it is still running and waits for it to go. */
export async function stopServerProcess(server: ServerProcess | undefined): Promise<void> {
  if (!server) return;
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await server.exited;
}
