// `dateline serve --workers N`: N server processes on one machine, sharing one port through node:cluster.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config.ts';
import { createServices } from './app.tsx';
import {
  announceOwnerLink,
  closeOnSignals,
  describeTarget,
  openMigratedDatabase,
  startServer,
} from './server.tsx';

/** The most workers `--workers` accepts. */
export const MAX_WORKERS = 64;

/** A worker that lived less than this before dying counts as a crash loop: the next restart waits longer. */
const STEADY_MS = 30_000;
/** How long stopping workers get to finish their requests before they are killed. */
const STOP_GRACE_MS = 10_000;

/** The message a worker sends its primary once it listens. */
interface ListeningMessage {
  dateline: 'listening';
  url: string;
}

function isListening(message: unknown): message is ListeningMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as ListeningMessage).dateline === 'listening' &&
    typeof (message as ListeningMessage).url === 'string'
  );
}

/** How long to wait before starting a worker again, after `crashes` quick deaths in a row. */
export function restartDelayMs(crashes: number): number {
  return Math.min(30_000, 250 * 2 ** Math.min(Math.max(crashes, 1), 8));
}

/**
 * Serves the publication until a signal stops it. With one worker this is a single process, exactly
 * as before. With more, this process becomes the primary: it migrates the database once, forks the
 * workers (each a whole server, all accepting connections on the same port), starts again any
 * worker that dies, waiting longer each time one dies young, and stops them all on SIGTERM or SIGINT.
 *
 * Several workers need PostgreSQL. On SQLite one process serves: better-sqlite3 already runs every
 * query on the main thread, and the in-process scheduler and page cache assume one process.
 */
export async function serve(config: Config, options: { workers: number; log: (line: string) => void }) {
  const { workers, log } = options;
  if (cluster.isWorker) return runWorker(config, log);
  if (workers === 1) {
    closeOnSignals(await startServer(config, { seed: false, log }));
    return;
  }
  if (config.database.dialect === 'sqlite') {
    throw new Error(
      `--workers ${workers} needs PostgreSQL: on SQLite one process serves. Set DATABASE_URL=postgres://… or leave out --workers.`,
    );
  }
  return runPrimary(config, workers, log);
}

async function runWorker(config: Config, log: (line: string) => void): Promise<void> {
  const id = cluster.worker?.id ?? 0;
  const server = await startServer(config, {
    seed: false,
    migrate: false,
    announce: false,
    log: (line) => log(`[worker ${id}] ${line}`),
  });
  closeOnSignals(server);
  process.send?.({ dateline: 'listening', url: server.url } satisfies ListeningMessage);
  // The primary is gone (killed, or crashed): a worker must not live on without it.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

async function runPrimary(config: Config, workers: number, log: (line: string) => void): Promise<void> {
  // Once, before any worker starts: migrations, and the owner link (each new link voids the last).
  const ownerLines: string[] = [];
  const database = await openMigratedDatabase(config);
  try {
    await announceOwnerLink(await createServices({ database }), config, (line) => ownerLines.push(line));
  } finally {
    await database.close();
  }

  const live = new Set<Worker>();
  const listening = new Set<number>();
  let isStopping = false;
  let hasAnnounced = false;
  let crashes = 0;

  const fork = () => {
    const worker = cluster.fork();
    const startedAt = Date.now();
    live.add(worker);
    worker.on('message', (message: unknown) => {
      if (!isListening(message)) return;
      listening.add(worker.id);
      if (!hasAnnounced && listening.size >= workers) {
        hasAnnounced = true;
        log(`Dateline is serving ${message.url} (${describeTarget(config)}; ${workers} workers)`);
        for (const line of ownerLines) log(line);
      }
    });
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      listening.delete(worker.id);
      if (isStopping) {
        if (live.size === 0) process.exit(0);
        return;
      }
      crashes = Date.now() - startedAt < STEADY_MS ? crashes + 1 : 1;
      const delay = restartDelayMs(crashes);
      const how = signal ? `was killed (${signal})` : `exited (code ${code})`;
      log(`Worker ${worker.id} ${how}; starting another in ${delay} ms.`);
      setTimeout(() => {
        if (!isStopping) fork();
      }, delay);
    });
  };

  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log(`Received ${signal}, stopping ${live.size} workers.`);
    if (live.size === 0) process.exit(0);
    for (const worker of live) worker.process.kill('SIGTERM');
    // Workers that do not finish in time are killed; the exit handler then ends the primary.
    setTimeout(() => {
      for (const worker of live) worker.process.kill('SIGKILL');
    }, STOP_GRACE_MS).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  for (let i = 0; i < workers; i++) fork();
}
