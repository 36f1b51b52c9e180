import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// Tests run in three tiers (Vitest projects); `npm test` runs them all, `vitest run --project NAME` one.
// A file's name says its tier, so a new test file needs no entry here:
// - `*.unit.test.ts(x)`: unit. No database, no app, no child process, no browser, no network: pure rules
//   and single pieces (a bare Fastify instance or a temporary folder is fine). openTestDatabase refuses
//   to run in this tier (test/tier.ts), so a misnamed file fails instead of slowing the tier down.
// - `*.e2e.test.ts(x)`: browser. Starts the server and drives Chromium.
// - any other `*.test.ts(x)`: integration, the default. Opens a database (every dialect of DIALECTS),
//   builds the app, or starts processes (test/durability, test/scale-out). Being the default, a test that
//   nobody thought to classify lands where nothing is assumed about it; rename it to `.unit.test` only
//   once it needs none of the above.
// scripts/ holds the benchmark's own tests (its WordPress export generator).
const roots = ['src/**/', 'test/**/', 'scripts/**/'];
const files = (suffix: string) => roots.map((root) => `${root}*${suffix}.{ts,tsx}`);

export default defineConfig({
  test: {
    // Inherited by every project (`extends: true`): the network stays blocked in all tiers.
    setupFiles: ['test/setup/block-network.ts'],
    // The newsroom's story editor is bundled for the browser before any test loads the assets.
    globalSetup: ['test/setup/editor-bundle.ts'],
    // PGlite takes seconds to start cold and the browser test starts Chromium.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: files('.unit.test'),
          // Threads cost about a third less CPU than forks here, and nothing in this tier needs a
          // process of its own. Vitest's default leaves one core to its main process, which has little
          // to do for files this small: on 2 cores, 2 workers took a fifth less time than 1.
          pool: 'threads',
          maxWorkers: availableParallelism(),
          // A worker count of its own needs a group of its own: the unit tier runs first, so its failures show first.
          sequence: { groupOrder: 0 },
          provide: { tier: 'unit' },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: files('.test'),
          exclude: [...configDefaults.exclude, '**/*.unit.test.*', '**/*.e2e.test.*'],
          sequence: { groupOrder: 1 },
          provide: { tier: 'integration' },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: files('.e2e.test'),
          sequence: { groupOrder: 1 },
          provide: { tier: 'browser' },
        },
      },
    ],
  },
});
