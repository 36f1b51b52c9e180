import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { createApp, createServices, type Services } from './app.tsx';
import { openDatabase, transact, wrapDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { startPeriodicJob, type PeriodicJob } from './platform/jobs.ts';
import { openRedis, type RedisConnection } from './platform/redis.ts';
import { createFileStorage, type FileStorage } from './platform/storage.ts';
import { isEmptyPublication, seedSamplePublication } from './modules/sample/index.ts';
import { startWirePoller } from './modules/wire/index.ts';

/** A running Dateline server. */
export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  close(): Promise<void>;
}

/** Opens and migrates the database a config names. */
export async function openMigratedDatabase(config: Pick<Config, 'database'>): Promise<DatabaseHandle> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/**
 * Writes the sample publication into an empty database, in one transaction. Returns what it wrote, or
 * undefined. With `storage` (the upload folder) its articles get their pictures; without, none.
 */
export async function seedIfEmpty(database: DatabaseHandle, options: { storage?: FileStorage } = {}) {
  if (!(await isEmptyPublication(database.db))) return undefined;
  return transact(database.db, async (trx) => {
    const services = await createServices({
      database: wrapDatabase(trx),
      ...(options.storage && { storage: options.storage }),
    });
    const { uploads: _refused, ...withoutPictures } = services;
    return seedSamplePublication(options.storage ? services : withoutPictures);
  });
}

/**
 * Starts serving: migrate, optionally seed, listen. `dateline serve` never seeds; `npm start` does,
 * so that a fresh checkout shows a publication at once.
 */
export async function startServer(
  config: Config,
  options: {
    seed: boolean;
    log?: (line: string) => void;
    /** False in a cluster worker: the primary has migrated already. */
    migrate?: boolean;
    /** False in a cluster worker: the primary prints the address and the owner link, once. */
    announce?: boolean;
  },
): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const database =
    options.migrate === false ? await openDatabase(config.database) : await openMigratedDatabase(config);
  if (options.seed) {
    const seeded = await seedIfEmpty(database, { storage: createFileStorage({ root: config.uploadsDir }) });
    if (seeded)
      log(
        `Wrote the sample publication: ${seeded.articles} articles (${seeded.pictures} with pictures), ${seeded.authors} authors, ${seeded.comments} comments.`,
      );
  }
  let redis: RedisConnection | undefined;
  let app: FastifyInstance | undefined;
  let services: Services;
  try {
    redis = await openSharedRedis(config);
    services = await createServices({
      database,
      storage: createFileStorage({ root: config.uploadsDir }),
      importsDir: config.importsDir,
      publicUrl: config.publicUrl,
      wireAllowPrivateHosts: config.wireAllowPrivateHosts,
      ...(redis && { redis }),
      ...(config.cdnPurge && { cdnPurge: config.cdnPurge }),
    });
    app = await createApp({ config, database, services });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app?.close();
    await redis?.close();
    await database.close();
    throw error;
  }
  services.invalidations.start();
  const announcer = startDueAnnouncer({ services, database, intervalMs: config.schedulerIntervalMs, log });
  const pruner = startAccountPruning({ services, database });
  // The wire desk's feeds, each on its own schedule; each poll is claimed by exactly one process.
  const wirePoller = startWirePoller({
    wire: services.wire,
    onError: (error) => console.error('polling the wire desk’s feeds failed', error),
  });
  void wirePoller.runNow();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`;
  if (options.announce !== false) {
    log(`Dateline is serving ${url} (${describeTarget(config)})`);
    await announceOwnerLink(services, config, log);
  }
  const listening = app;
  return {
    app,
    database,
    url,
    async close() {
      services.invalidations.stop();
      announcer.stop();
      pruner.stop();
      await wirePoller.stop();
      await listening.close();
      await redis?.close();
      await database.close();
    },
  };
}

/** Opens REDIS_URL's Redis, when set; start-up fails with a clear message when it does not answer. */
export async function openSharedRedis(
  config: Pick<Config, 'redisUrl'>,
): Promise<RedisConnection | undefined> {
  if (!config.redisUrl) return undefined;
  return openRedis(config.redisUrl, {
    onError: (error) => console.error('Redis connection lost; reconnecting', error),
  });
}

/** What the server runs on, for its start-up line: "PostgreSQL, Redis". */
export function describeTarget(config: Pick<Config, 'database' | 'redisUrl'>): string {
  const where = config.database.dialect === 'sqlite' ? `SQLite at ${config.database.file}` : 'PostgreSQL';
  return config.redisUrl ? `${where}, Redis` : where;
}

/** Prints the one-time owner link on a database with no users. */
export async function announceOwnerLink(
  services: Pick<Services, 'accounts'>,
  config: Pick<Config, 'publicUrl'>,
  log: (line: string) => void,
): Promise<void> {
  // There is never a default password: until the owner uses this link, no account can sign in.
  const ownerLink = await services.accounts.ownerLinkIfNoUsers();
  if (ownerLink) {
    log(`No one can sign in yet. Create the owner account with this one-time link (valid 24 hours):`);
    log(`  ${config.publicUrl}${ownerLink}`);
  }
}

/**
 * Every `intervalMs` (15 s by default): publishes the scheduled articles whose time has come (the
 * editor's "Schedule"), then announces articles stored as published with a future time (`dateline
 * article add`) once that time comes, so that lists, feeds and cached pages show them within
 * moments, also across a restart. It runs as an exclusive job: with several processes, one at a
 * time does it, and publishDue's conditional update publishes each article exactly once. The same
 * run tells the caches when a front page pin expired, so that it drops off with no request; the
 * purge reaches the other processes through the invalidation outbox, as every purge does.
 */
function startDueAnnouncer(args: {
  services: Services;
  database: DatabaseHandle;
  intervalMs: number;
  log(line: string): void;
}): PeriodicJob {
  const { services } = args;
  let after = services.clock.now().toISOString();
  let pinsAfter = after;
  const job = startPeriodicJob({
    db: args.database.db,
    name: 'publish-due',
    intervalMs: args.intervalMs,
    run: async () => {
      const published = await services.articles.publishDue();
      // A line whenever it published something: operators see the scheduler at work, tests count runs.
      if (published > 0) args.log(`Published ${published} scheduled article${published === 1 ? '' : 's'}.`);
      after = await services.articles.announceDue(after);
      pinsAfter = await services.frontPage.announceExpired(pinsAfter);
    },
    onError: (error) => console.error('scheduled publishing failed', error),
  });
  // At once as well: articles that fell due while no server ran are published on start, not a tick later.
  void job.runNow();
  return job;
}

/** How often expired sessions and old sign-in attempts are deleted. */
const PRUNE_INTERVAL_MS = 3_600_000;

/**
 * Hourly, and once at start: deletes sessions past their end or idle timeout, and sign-in attempts
 * older than a day, so that neither table grows with time. An exclusive job, as the announcer is:
 * with several processes one does it; running it twice would be harmless, only wasted.
 */
function startAccountPruning(args: { services: Services; database: DatabaseHandle }): PeriodicJob {
  const job = startPeriodicJob({
    db: args.database.db,
    name: 'accounts-prune',
    intervalMs: PRUNE_INTERVAL_MS,
    run: () => args.services.accounts.prune(),
    onError: (error) => console.error('pruning sessions and sign-in attempts failed', error),
  });
  void job.runNow();
  return job;
}

/** Closes the server cleanly on SIGINT and SIGTERM. */
export function closeOnSignals(server: RunningServer): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`Received ${signal}, closing.`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
