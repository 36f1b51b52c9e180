import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createFileStorage } from '../src/platform/storage.ts';
import { createApp, createServices, type Services } from '../src/app.tsx';
import { fixedClock } from '../src/platform/clock.ts';
import { createMarkdownRenderer } from '../src/platform/render/markdown-renderer.ts';
import { openTestDatabase, type TestDatabase, type TestDialect } from './databases.ts';

/** The moment tests pretend it is, unless a test moves the clock. */
export const TEST_NOW = '2026-11-26T12:00:00.000Z';

/** The address the test app believes it is served at. */
export const TEST_PUBLIC_URL = 'http://dateline.test';

/** scrypt at a test's cost: the production cost would spend seconds per test on hashing. */
export const TEST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 };

/** A real app on a fresh database of one dialect, with a clock the test controls. */
export interface TestApp {
  app: FastifyInstance;
  services: Services;
  database: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  /** The folder this app's uploads are stored in. */
  uploadsDir: string;
  /** The private folder the Import screen keeps uploaded exports in. */
  importsDir: string;
  /** Empties the database and forgets cached settings, for the next test. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the whole app as production does, on a test database. */
export async function buildTestApp(
  dialect: TestDialect,
  options: {
    isProduction?: boolean;
    pageCache?: boolean;
    publicUrl?: string;
    /** A render time limit shorter than production's, for tests that run past it. */
    renderTimeLimitMs?: number;
    /** Believe X-Forwarded-* headers from these proxies, as TRUST_PROXY does. */
    trustProxy?: string;
    /** Let the wire desk's form follow the loopback feed server (DATELINE_WIRE_ALLOW_PRIVATE_HOSTS). */
    wireAllowPrivateHosts?: boolean;
  } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(dialect);
  const clock = fixedClock(TEST_NOW);
  // Each app gets its own upload folder, removed on close.
  const uploadsDir = mkdtempSync(path.join(tmpdir(), 'dateline-uploads-'));
  const importsDir = mkdtempSync(path.join(tmpdir(), 'dateline-imports-'));
  const services = await createServices({
    database,
    clock,
    passwordCost: TEST_PASSWORD_COST,
    storage: createFileStorage({ root: uploadsDir }),
    importsDir,
    ...(options.wireAllowPrivateHosts && { wireAllowPrivateHosts: true }),
    ...(options.renderTimeLimitMs !== undefined && {
      markdown: createMarkdownRenderer({ timeLimitMs: options.renderTimeLimitMs }),
    }),
  });
  const app = await createApp({
    config: {
      isProduction: options.isProduction ?? false,
      logLevel: 'silent',
      publicUrl: options.publicUrl ?? TEST_PUBLIC_URL,
      ...(options.trustProxy !== undefined && { trustProxy: options.trustProxy }),
      pageCache: { isEnabled: options.pageCache ?? true, maxBytes: 16 * 1024 * 1024 },
    },
    database,
    services,
  });
  await app.ready();
  return {
    app,
    services,
    database,
    clock,
    uploadsDir,
    importsDir,
    async reset() {
      // An Import screen run still going would write into the next test.
      await services.imports.idle();
      await database.reset();
      rmSync(uploadsDir, { recursive: true, force: true });
      mkdirSync(uploadsDir);
      rmSync(importsDir, { recursive: true, force: true });
      mkdirSync(importsDir);
      // Rows were deleted behind the services' backs, so no event told the page cache.
      app.pageCache.clear();
      services.settings.invalidate();
      clock.set(TEST_NOW);
    },
    async close() {
      await app.close();
      await database.close();
      rmSync(uploadsDir, { recursive: true, force: true });
      rmSync(importsDir, { recursive: true, force: true });
    },
  };
}
