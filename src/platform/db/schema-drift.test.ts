// CI's guard on the database types: schema.generated.ts must be what the migrations produce on
// PostgreSQL, and SQLite must agree with PostgreSQL column by column. On failure, run npm run db:types.
import fs from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseMetadata } from 'kysely-codegen';
import { GENERATED_FILE, describeSchema, readSchema, renderTypes } from '../../../test/db-types.ts';
import { POSTGRES_KIND } from '../../../test/databases.ts';

describe(`database types against the migrations (SQLite and ${POSTGRES_KIND})`, () => {
  let postgres: DatabaseMetadata;
  let sqlite: DatabaseMetadata;

  beforeAll(async () => {
    [postgres, sqlite] = await Promise.all([readSchema('postgres'), readSchema('sqlite')]);
  });

  it('has every table, column, type, nullability, default and allowed value the same on SQLite', () => {
    expect(describeSchema(sqlite, 'sqlite')).toEqual(describeSchema(postgres, 'postgres'));
  });

  it('has schema.generated.ts as the migrations make it (else run npm run db:types)', async () => {
    const committed = await fs.readFile(GENERATED_FILE, 'utf8');
    expect(committed).toBe(await renderTypes(postgres));
  });
});
