import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// scripts/native-modules.mjs builds better-sqlite3 for the Node that runs it, and on Node 24.19 and later
// without ObjectWrap's cleanup hooks (nodejs/node#65446): a binary with them aborts the process at random
// when a statement is garbage-collected. This checks the binary the tests are about to use.
const root = path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
const binary = readFileSync(path.join(root, 'build', 'Release', 'better_sqlite3.node'));
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);

describe(`better-sqlite3 on Node ${process.version}`, () => {
  it('is built for this Node, and without the cleanup hooks that abort on 24.19 and later', () => {
    const hooked = binary.includes('RemoveEnvironmentCleanupHook');
    if (major === 24 && minor >= 19) expect(hooked).toBe(false);
    // Whatever the line, the binary must be one this runtime loads.
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => {
      prepare(sql: string): { get(): unknown };
      close(): void;
    };
    const db = new Database(':memory:');
    expect(db.prepare('select 41 + 1 as n').get()).toEqual({ n: 42 });
    db.close();
  });
});
