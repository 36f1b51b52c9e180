// npm run db:types          writes src/platform/db/schema.generated.ts from freshly migrated databases
// npm run db:types:check    fails when the file or SQLite's schema has drifted from the migrations
// PostgreSQL is PGlite in-process, or the server TEST_DATABASE_URL names; SQLite is in memory.
import fs from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { GENERATED_FILE, describeSchema, readSchema, renderTypes } from '../test/db-types.ts';

const isCheck = process.argv.includes('--check');
const relative = path.relative(process.cwd(), GENERATED_FILE);

const postgres = await readSchema('postgres');
const sqlite = await readSchema('sqlite');
let failed = false;

const expected = describeSchema(postgres, 'postgres');
const actual = describeSchema(sqlite, 'sqlite');
if (!isDeepStrictEqual(expected, actual)) {
  failed = true;
  console.error('SQLite and PostgreSQL disagree after migrating (PostgreSQL first, then SQLite):');
  for (const key of [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()) {
    if (expected[key] !== actual[key])
      console.error(
        `  ${key}\n    postgres: ${expected[key] ?? '(none)'}\n    sqlite:   ${actual[key] ?? '(none)'}`,
      );
  }
}

const generated = await renderTypes(postgres);
if (isCheck) {
  const committed = await fs.readFile(GENERATED_FILE, 'utf8').catch(() => '');
  if (committed !== generated) {
    failed = true;
    console.error(createTwoFilesPatch(relative, `${relative} (from the migrations)`, committed, generated));
    console.error(`${relative} is out of date: run npm run db:types and commit it.`);
  } else {
    console.log(`${relative} matches the migrations.`);
  }
} else {
  await fs.writeFile(GENERATED_FILE, generated);
  console.log(`Wrote ${relative}.`);
}
process.exitCode = failed ? 1 : 0;
