// What every `dateline` command is made of; cli.ts holds the table and runs them.
import type { ParseArgsConfig } from 'node:util';
import type { Config } from './config.ts';
import type { Services } from './app.tsx';
import type { DatabaseHandle } from './platform/db/database.ts';

/** A usage mistake: exit code 2 and a pointer to --help. */
export class UsageError extends Error {}

export interface Context {
  config: Config;
  out: (line: string) => void;
  /** For messages that must not mix with output on stdout (an export written there). */
  err: (line: string) => void;
  /** Opens and migrates the database, builds the services, runs `fn`, and closes. */
  withServices<T>(fn: (services: Services, database: DatabaseHandle) => Promise<T>): Promise<T>;
}

export interface Command {
  usage: string;
  summary: string;
  options?: ParseArgsConfig['options'];
  allowPositionals?: boolean;
  run(
    values: Record<string, string | boolean | undefined>,
    positionals: string[],
    ctx: Context,
  ): Promise<void>;
}

export function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}
