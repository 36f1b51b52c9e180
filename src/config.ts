import path from 'node:path';
import { parsePurgeHeaders } from './platform/cdn-purge.ts';
import type { DatabaseTarget } from './platform/db/database.ts';

export type { DatabaseTarget };

/** The checked, frozen configuration that every part of Dateline reads. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseTarget;
  /** The folder for the SQLite file and, later, uploads. */
  readonly dataDir: string;
  /** The folder uploads are kept in: DATELINE_UPLOADS_DIR, else `<dataDir>/uploads`. Processes that serve one publication share it. */
  readonly uploadsDir: string;
  /**
   * The private folder the newsroom's Import screen keeps uploaded WordPress exports and their
   * pictures in until they are imported: `<dataDir>/imports`. Never inside the uploads folder, which
   * is served to readers.
   */
  readonly importsDir: string;
  readonly isProduction: boolean;
  /** The absolute URL readers reach the site at, without a trailing slash. */
  readonly publicUrl: string;
  readonly logLevel: string;
  /** The in-memory page cache: DATELINE_PAGE_CACHE=off turns it off; DATELINE_PAGE_CACHE_BYTES sizes it. */
  readonly pageCache: { readonly isEnabled: boolean; readonly maxBytes: number };
  /**
   * REDIS_URL (redis:// or rediss://): when set, cache invalidations are broadcast to every process at
   * once and the comment flood limit and sign-in throttle are counted in Redis. Undefined without it.
   */
  readonly redisUrl: string | undefined;
  /**
   * TRUST_PROXY: the proxies whose X-Forwarded-For names the client (e.g. `loopback` or
   * `10.0.0.0/8,127.0.0.1`); false trusts none, so the socket's address is the client's.
   */
  readonly trustProxy: string | false;
  /** How often the scheduled-publishing job looks for due articles: DATELINE_SCHEDULER_INTERVAL_MS. */
  readonly schedulerIntervalMs: number;
  /**
   * CDN_PURGE_URL (and CDN_PURGE_HEADERS): where to POST `Surrogate-Key: tags` when a change makes
   * pages stale, so that a CDN drops them at once. Undefined without it.
   */
  readonly cdnPurge: { readonly url: string; readonly headers: Readonly<Record<string, string>> } | undefined;
  /**
   * DATELINE_WIRE_ALLOW_PRIVATE_HOSTS=on lets the newsroom's wire desk follow feeds on this server or a
   * private network (an intranet feed). Off by default: an editor's form must not probe the server's
   * own network.
   */
  readonly wireAllowPrivateHosts: boolean;
}

/** A configuration mistake, reported with the variable's name so that the operator can fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses DATABASE_URL: `sqlite:<path>`, `postgres://…`, `postgresql://…`, or empty for the default file. */
export function parseDatabaseUrl(raw: string | undefined, dataDir: string): DatabaseTarget {
  if (raw === undefined || raw.trim() === '') {
    return { dialect: 'sqlite', file: path.join(dataDir, 'dateline.sqlite') };
  }
  const value = raw.trim();
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    return { dialect: 'postgres', url: value };
  }
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '')
      throw new ConfigError('DATABASE_URL=sqlite: needs a file path, e.g. sqlite:./data/site.sqlite');
    return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  throw new ConfigError(
    `DATABASE_URL must start with sqlite:, postgres:// or postgresql:// (got "${value.slice(0, 40)}")`,
  );
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${raw}")`);
  }
  return port;
}

function parseBytes(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 64 * 1024 * 1024;
  const bytes = Number(raw);
  if (!Number.isInteger(bytes) || bytes < 0) {
    throw new ConfigError(`DATELINE_PAGE_CACHE_BYTES must be a whole number of bytes (got "${raw}")`);
  }
  return bytes;
}

/** Checks REDIS_URL: empty means no Redis. */
export function parseRedisUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `REDIS_URL must be a URL such as redis://127.0.0.1:6379 (got "${value.slice(0, 40)}")`,
    );
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new ConfigError(`REDIS_URL must start with redis:// or rediss:// (got "${value.slice(0, 40)}")`);
  return value;
}

function parseCdnPurge(env: NodeJS.ProcessEnv): Config['cdnPurge'] {
  const raw = env.CDN_PURGE_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`CDN_PURGE_URL must be an absolute http(s) URL (got "${raw.slice(0, 60)}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError(`CDN_PURGE_URL must be an absolute http(s) URL (got "${raw.slice(0, 60)}")`);
  const headers = parsePurgeHeaders(env.CDN_PURGE_HEADERS);
  if (!headers)
    throw new ConfigError('CDN_PURGE_HEADERS must be "Name: value" pairs separated by ";" or newlines');
  return Object.freeze({ url: url.href, headers: Object.freeze(headers) });
}

function parseSchedulerInterval(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 15_000;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100 || ms > 3_600_000) {
    throw new ConfigError(
      `DATELINE_SCHEDULER_INTERVAL_MS must be a whole number from 100 to 3600000 (got "${raw}")`,
    );
  }
  return ms;
}

/** Whether `child` is `parent` or lies inside it. */
function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * `<dataDir>/imports`, or `<dataDir>/.imports` when the uploads folder holds the data folder's
 * `imports` (DATELINE_UPLOADS_DIR set to the data folder or above it): a segment starting with a
 * dot is never a storage key, so no file in it can be served at /uploads/.
 */
export function importsDirFor(dataDir: string, uploadsDir: string): string {
  const wanted = path.join(dataDir, 'imports');
  return isInside(wanted, uploadsDir) ? path.join(dataDir, '.imports') : wanted;
}

/** Reads the environment once, at start, and fails fast with a message that names the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATELINE_DATA_DIR ?? 'data');
  const port = parsePort(env.PORT);
  const host = env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1';
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const publicUrl = (env.PUBLIC_URL ?? `http://${shownHost}:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute URL (got "${publicUrl}")`);
  }
  const uploadsDir = path.resolve(env.DATELINE_UPLOADS_DIR || path.join(dataDir, 'uploads'));
  return Object.freeze({
    port,
    host,
    dataDir,
    uploadsDir,
    importsDir: importsDirFor(dataDir, uploadsDir),
    database: parseDatabaseUrl(env.DATABASE_URL, dataDir),
    isProduction: env.NODE_ENV === 'production',
    publicUrl,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    pageCache: Object.freeze({
      isEnabled: !['off', 'false', '0', 'no'].includes((env.DATELINE_PAGE_CACHE ?? 'on').toLowerCase()),
      maxBytes: parseBytes(env.DATELINE_PAGE_CACHE_BYTES),
    }),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    trustProxy: env.TRUST_PROXY && env.TRUST_PROXY.trim() !== '' ? env.TRUST_PROXY.trim() : false,
    schedulerIntervalMs: parseSchedulerInterval(env.DATELINE_SCHEDULER_INTERVAL_MS),
    cdnPurge: parseCdnPurge(env),
    wireAllowPrivateHosts: ['on', 'true', '1', 'yes'].includes(
      (env.DATELINE_WIRE_ALLOW_PRIVATE_HOSTS ?? '').trim().toLowerCase(),
    ),
  });
}
