// Helpers for the browser tests: Debian's Chromium driven by playwright-core.
// playwright-core never downloads a browser, so the tests use the system one at CHROMIUM_PATH.
import fs, { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server.tsx';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';
import { createApp, createServices, type Services } from '../../src/app.tsx';
import type { NewUserInput } from '../../src/modules/accounts/index.ts';
import { createFileStorage } from '../../src/platform/storage.ts';
import { TEST_PASSWORD_COST } from '../build-test-app.ts';
import { openTestDatabase, type TestDatabase, type TestDialect } from '../databases.ts';

/** Where Debian's `chromium` package puts the browser. CHROMIUM_PATH in the environment overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Flags for running as root on a machine with no network. Without the background-networking
 * flags Chromium keeps trying to reach Google's hosts, and those connections are refused.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumSkipReason(): string | undefined {
  if (!existsSync(CHROMIUM_PATH)) {
    return `${CHROMIUM_PATH} does not exist; install it with "apt-get install chromium" (.ci/run does)`;
  }
  return undefined;
}

/** True when CI is running us: there a missing browser is a failure, not a skip. */
export const isCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

const skipReason = chromiumSkipReason();

/**
 * `describe` for browser tests. On a developer's machine without Chromium the suite is skipped with a
 * warning; under CI it runs, and launchChromium() fails it with the reason.
 */
export const describeBrowser = describe.skipIf(skipReason !== undefined && !isCi);

if (skipReason && !isCi) console.warn(`Skipping the browser tests: ${skipReason}`);

/** Starts headless Chromium. Throws with a readable reason when the browser is missing. */
export async function launchChromium(): Promise<Browser> {
  const reason = chromiumSkipReason();
  if (reason) throw new Error(`Cannot run the browser tests: ${reason}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Starts a real server with the sample publication on a new SQLite file, on a free loopback port.
 * `env` adds to or overrides the defaults (e.g. NODE_ENV=production).
 */
export async function startSampleServer(
  name: string,
  env: Record<string, string> = {},
): Promise<{ server: RunningServer; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dateline-${name}-`));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${path.join(dir, `${name}.sqlite`)}`,
    NODE_ENV: 'test',
    DATELINE_DATA_DIR: dir,
    ...env,
  });
  return { server: await startServer(config, { seed: true, log: () => {} }), dir };
}

/** A newsroom served on a free loopback port, on a test database, with Chromium ready to drive it. */
export interface BrowserNewsroom {
  database: TestDatabase;
  services: Services;
  app: FastifyInstance;
  /** The server's address, e.g. http://127.0.0.1:41234 (no trailing slash). */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Builds the whole app as production does on `dialect`, adds `people` (with their roles), listens on a
 * free loopback port and launches Chromium: what every newsroom journey starts from.
 */
export async function startBrowserNewsroom(
  dialect: TestDialect,
  people: NewUserInput[],
  options: { wireAllowPrivateHosts?: boolean } = {},
): Promise<BrowserNewsroom> {
  const database = await openTestDatabase(dialect);
  // Uploads go to a folder of this run's own, removed on close.
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-newsroom-'));
  const services = await createServices({
    database,
    passwordCost: TEST_PASSWORD_COST,
    storage: createFileStorage({ root: uploadsDir }),
    // A journey's feeds are served on loopback, which the Wire screen refuses by default.
    ...(options.wireAllowPrivateHosts && { wireAllowPrivateHosts: true }),
  });
  for (const person of people) await services.accounts.addUser(person);
  const app = await createApp({
    config: { isProduction: true, logLevel: 'silent', publicUrl: 'http://127.0.0.1' },
    database,
    services,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launchChromium();
  return {
    database,
    services,
    app,
    base,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await database.close();
      fs.rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}
