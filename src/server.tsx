import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { createApp, createServices, type Services } from './app.tsx';
import { openDatabase, transact, wrapDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { createFileStorage } from './platform/storage.ts';
import { isEmptyPublication, seedSamplePublication } from './modules/sample/index.ts';

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

/** Writes the sample publication into an empty database, in one transaction. Returns what it wrote, or undefined. */
export async function seedIfEmpty(database: DatabaseHandle) {
  if (!(await isEmptyPublication(database.db))) return undefined;
  return transact(database.db, async (trx) =>
    seedSamplePublication(await createServices({ database: wrapDatabase(trx) })),
  );
}

/**
 * Starts serving: migrate, optionally seed, listen. `dateline serve` never seeds; `npm start` does,
 * so that a fresh checkout shows a publication at once.
 */
export async function startServer(
  config: Config,
  options: { seed: boolean; log?: (line: string) => void },
): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const database = await openMigratedDatabase(config);
  if (options.seed) {
    const seeded = await seedIfEmpty(database);
    if (seeded)
      log(
        `Wrote the sample publication: ${seeded.articles} articles, ${seeded.authors} authors, ${seeded.comments} comments.`,
      );
  }
  const services = await createServices({ database, storage: createFileStorage({ root: config.uploadsDir }) });
  const app = await createApp({ config, database, services });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await database.close();
    throw error;
  }
  services.invalidations.start();
  const announcer = startDueAnnouncer(services);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`;
  const where = config.database.dialect === 'sqlite' ? `SQLite at ${config.database.file}` : 'PostgreSQL';
  log(`Dateline is serving ${url} (${where})`);
  // There is never a default password: until the owner uses this link, no account can sign in.
  const ownerLink = await services.accounts.ownerLinkIfNoUsers();
  if (ownerLink) {
    log(`No one can sign in yet. Create the owner account with this one-time link (valid 24 hours):`);
    log(`  ${config.publicUrl}${ownerLink}`);
  }
  return {
    app,
    database,
    url,
    async close() {
      services.invalidations.stop();
      clearInterval(announcer);
      await app.close();
      await database.close();
    },
  };
}

/**
 * Every 15 seconds, announces the published articles whose time has come, so that lists, feeds and
 * cached pages show a scheduled article within moments of its time, also across a restart.
 */
function startDueAnnouncer(services: Services): NodeJS.Timeout {
  let after = services.clock.now().toISOString();
  const timer = setInterval(() => {
    services.articles.announceDue(after).then(
      (upTo) => {
        after = upTo;
      },
      (error: unknown) => console.error('announcing due articles failed', error),
    );
  }, 15_000);
  timer.unref();
  return timer;
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
