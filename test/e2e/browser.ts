// Helpers for the browser tests: Debian's Chromium driven by playwright-core.
// playwright-core never downloads a browser, so the tests use the system one at CHROMIUM_PATH.
import fs, { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server.tsx';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

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
