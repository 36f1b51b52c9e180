import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import {
  deleteRedirect,
  deleteRedirectsTo,
  deleteSelfRedirect,
  findRedirect,
  listRedirects,
  pageOfRedirects,
  repointRedirects,
  upsertRedirect,
  type Redirect,
} from './repository.ts';

/** The statuses a redirect may answer: moved for good, moved for now, gone. */
export type RedirectStatus = 301 | 302 | 410;
export const REDIRECT_STATUSES: readonly RedirectStatus[] = [301, 302, 410];

/** Whether `value` is a status a redirect may answer. */
export function isRedirectStatus(value: unknown): value is RedirectStatus {
  return value === 301 || value === 302 || value === 410;
}

/** How many hops a chain may have when a target is resolved; the table never holds chains. */
const MAX_HOPS = 20;
const MAX_LENGTH = 2000;

// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f]/;
/** Half of a surrogate pair on its own: text no URL can carry. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why `path` cannot be a redirect's end, or undefined when it can: an on-site absolute path only.
 * No scheme, no `//host` (a protocol-relative URL is another site), no backslash (browsers read
 * `/\host` as `//host`), no control characters or spaces, no `..` segments.
 */
export function sitePathProblem(path: string): string | undefined {
  if (path.length === 0 || path.length > MAX_LENGTH) return 'must be 1 to 2000 characters';
  if (/^[a-z][a-z0-9+.-]*:/i.test(path))
    return "is another site's address: mark the redirect external to send readers there";
  if (!path.startsWith('/')) return 'must be a path on this site, starting with /';
  if (path.startsWith('//')) return 'must be a path on this site, not another address';
  if (path.includes('\\')) return 'must not contain a backslash';
  if (CONTROL_OR_SPACE.test(path)) return 'must not contain spaces or control characters';
  if (LONE_SURROGATE.test(path)) return 'is not well-formed text';
  if (
    path
      .split(/[?#]/)[0]!
      .split('/')
      .some((segment) => segment === '..' || segment === '.')
  )
    return 'must not contain . or .. segments';
  return undefined;
}

/**
 * Why `url` cannot be an external redirect's end, or undefined when it can: an absolute http or
 * https URL with a host, no user name or password (`https://bank.example@evil.example/` reads as
 * one site and goes to another), no backslash, spaces or control characters.
 */
export function externalUrlProblem(url: string): string | undefined {
  if (url.length === 0 || url.length > MAX_LENGTH) return 'must be 1 to 2000 characters';
  if (CONTROL_OR_SPACE.test(url)) return 'must not contain spaces or control characters';
  if (LONE_SURROGATE.test(url)) return 'is not well-formed text';
  if (url.includes('\\')) return 'must not contain a backslash';
  if (!/^https?:\/\/[^/?#]/i.test(url)) return 'must be an absolute http:// or https:// address';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a valid address';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return 'must be an absolute http:// or https:// address';
  if (parsed.username !== '' || parsed.password !== '') return 'must not contain a user name or password';
  if (parsed.hostname === '') return 'must name a host';
  return undefined;
}

/**
 * The query parameters that named a page on a WordPress site (`/?p=123`, `/?page_id=45`, …), in the
 * order WordPress reads them: when an address carries several, the first one here wins.
 */
export const OLD_QUERY_KEYS = ['p', 'page_id', 'attachment_id', 'cat', 'author'] as const;

/**
 * An old WordPress query address as the redirects table stores it: `/?<key>=<id>`, one of
 * OLD_QUERY_KEYS, the id in digits without leading zeros (at most 20: WordPress's ids are 64-bit).
 */
const OLD_QUERY_ADDRESS = /^\/\?(?:p|page_id|attachment_id|cat|author)=[1-9]\d{0,19}$/;

/**
 * The stored form of the old WordPress address a query string names, or undefined: `p=5&utm_source=x`
 * gives `/?p=5`. Other parameters are ignored; of OLD_QUERY_KEYS the first with an id wins, and a key
 * without one (`p=abc`) is passed over, as WordPress reads it as no id. A repeated key counts by its last
 * value, as PHP reads it. Leading zeros are dropped (`p=05` is post 5 to WordPress too).
 */
export function oldQueryAddress(query: string): string | undefined {
  if (query === '' || query.length > 2000) return undefined;
  const params = new URLSearchParams(query);
  for (const key of OLD_QUERY_KEYS) {
    const id = params
      .getAll(key)
      .at(-1)
      ?.replace(/^0+(?=\d)/, '');
    if (id !== undefined && /^[1-9]\d{0,19}$/.test(id)) return `/?${key}=${id}`;
  }
  return undefined;
}

/** Why `path` cannot be a redirect's source, or undefined. */
export function sourcePathProblem(path: string): string | undefined {
  // Only an end can be another site; a source is always one of this site's paths.
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return 'must be a path on this site, starting with /';
  const problem = sitePathProblem(path);
  if (problem) return problem;
  // The one source with a query: a WordPress site's own addresses, which the importer writes.
  if (OLD_QUERY_ADDRESS.test(path)) return undefined;
  if (/[?#]/.test(path))
    return 'must be a path without ? or #, or an old WordPress address such as /?p=123 (p, page_id, attachment_id, cat or author)';
  if (path.startsWith('/admin/') || path === '/admin' || path.startsWith('/api/'))
    return 'must not be a newsroom or API address';
  return undefined;
}

/** What one redirect is to be, as a person or a file gives it. */
export interface RedirectInput {
  from: string;
  /** An on-site path, an http(s) URL when `external`, or empty for a 410. */
  to: string;
  status?: RedirectStatus;
  /** The person said this redirect goes to another site. */
  external?: boolean;
}

/**
 * A path or URL as a request would carry it: browsers send `/café/` as `/caf%C3%A9/`, so what is
 * typed is stored that way, and a Location header never holds a character it cannot. An external
 * URL is written as the URL parser writes it (a host's letters as punycode). Text that is not
 * well-formed (a lone surrogate) is left for the checks to refuse.
 */
function asSent(value: string, isUrl: boolean): string {
  if (LONE_SURROGATE.test(value)) return value;
  if (isUrl && externalUrlProblem(value) === undefined) return new URL(value).href;
  return value.replace(/\P{ASCII}/gu, (c) => encodeURIComponent(c));
}

/** The input as it will be stored: trimmed, non-ASCII characters percent-encoded. */
export function normalisedInput<T extends RedirectInput>(input: T): T {
  return {
    ...input,
    from: asSent(input.from.trim(), false),
    to: asSent(input.to.trim(), input.external === true),
  };
}

/** The field problems of an input, before the table is looked at. */
export function redirectInputProblems(input: RedirectInput): FieldErrors {
  const fields: FieldErrors = {};
  const status = input.status ?? 301;
  const from = sourcePathProblem(input.from);
  if (from) fields.from = from;
  if (!isRedirectStatus(status)) fields.status = 'must be 301, 302 or 410';
  else if (status === 410) {
    if (input.to !== '') fields.to = 'must be empty: a 410 Gone sends readers nowhere';
    if (input.external) fields.external = 'does not apply to a 410 Gone';
  } else if (input.external) {
    const to = externalUrlProblem(input.to);
    if (to) fields.to = to;
  } else {
    const to = sitePathProblem(input.to);
    if (to) fields.to = to;
  }
  return fields;
}

/**
 * Where `path` ends after following the table: an on-site path, or a URL. A 410 row is not
 * followed (the path answers Gone itself); an external row ends the chain at its URL.
 */
async function resolve(db: Db, path: string): Promise<{ to: string; isExternal: boolean }> {
  let current = path;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const next = await findRedirect(db, current);
    if (!next || next.status === 410) return { to: current, isExternal: false };
    if (next.is_external === 1) return { to: next.to_path, isExternal: true };
    current = next.to_path;
  }
  return { to: current, isExternal: false };
}

/** Adds (or replaces) one redirect in the caller's transaction; see `redirects.add`. */
async function addRedirect(db: Db, given: RedirectInput & { at: string }) {
  const input = normalisedInput(given);
  const fields = redirectInputProblems(input);
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  const status = input.status ?? 301;
  if (status === 410) {
    // Whatever ended here keeps ending here, and now answers Gone.
    await upsertRedirect(db, { from_path: input.from, to_path: '', status, is_external: 0 }, input.at);
    return { from: input.from, to: '', status, external: false };
  }
  const target = input.external ? { to: input.to, isExternal: true } : await resolve(db, input.to);
  if (!target.isExternal && target.to === input.from)
    throw new AppError('VALIDATION_FAILED', { fields: { to: 'leads back to the same address' } });
  await repointRedirects(db, input.from, target.to, target.isExternal);
  // Anything that now points at itself was a loop through `from`: only the row from the new end can.
  if (!target.isExternal) await deleteSelfRedirect(db, target.to);
  await upsertRedirect(
    db,
    { from_path: input.from, to_path: target.to, status, is_external: target.isExternal ? 1 : 0 },
    input.at,
  );
  return { from: input.from, to: target.to, status, external: target.isExternal };
}

/**
 * Redirect use cases on the caller's transaction (or the database), so that a tag merge, an
 * article's new slug or a section's move writes its redirects in the same transaction as its change.
 */
export const redirects = {
  /**
   * Adds (or replaces) `from → to`. Chains and loops collapse on write: a `to` that is itself
   * redirected is followed to its end, every redirect that ended at `from` now ends there too, and a
   * redirect that would point at itself is dropped. A 410 is never followed: what points at it
   * answers Gone through it. Throws VALIDATION_FAILED for a malformed or off-site path (unless
   * `external`), or a redirect to itself.
   */
  add: addRedirect,
  /**
   * A page moved from `from` to `to` (both on-site paths): the new address is live, so any redirect
   * from it goes (a slug changed back must not loop), and the old one redirects (301) to it. For
   * articles, tags, sections and pages alike.
   */
  async movedPath(db: Db, args: { from: string; to: string; at: string }) {
    await deleteRedirect(db, args.to);
    if (args.from === args.to) return;
    await addRedirect(db, { from: args.from, to: args.to, at: args.at });
  },
  /** The redirect from `path`, if any. */
  lookup: (db: Db, path: string): Promise<Redirect | undefined> => findRedirect(db, path),
  /**
   * Deletes the redirect from `path`; true when there was one. Call it too when a live page takes an
   * address that used to redirect (a tag renamed back): the page answers now.
   */
  remove: (db: Db, path: string) => deleteRedirect(db, path),
  /** Deletes every redirect that ends at `path`: what was there is gone, and they would lead to a 404. */
  removeTo: (db: Db, path: string) => deleteRedirectsTo(db, path),
  list: (db: Db) => listRedirects(db),
};

/** Who changes redirects: a member of staff, or null for the command line. */
export type RedirectActor = { id: number; name: string } | null;

/** One row of a file to import, with the line it started on. */
export interface RedirectImportRow extends RedirectInput {
  line: number;
}

/** The redirects screen's and the command line's use cases: each one transaction, each audited. */
export interface RedirectService {
  page(args: { page: number; perPage: number }): ReturnType<typeof pageOfRedirects>;
  list(): Promise<Redirect[]>;
  /** Adds or replaces a redirect. VALIDATION_FAILED. */
  create(args: RedirectInput & { actor: RedirectActor }): ReturnType<typeof addRedirect>;
  /** Deletes the redirect from `from`. NOT_FOUND when there is none. */
  remove(args: { from: string; actor: RedirectActor }): Promise<void>;
  /**
   * Adds every row in order, in one transaction, or none: VALIDATION_FAILED with a field per bad
   * row, named `line N`.
   */
  importRows(args: { rows: readonly RedirectImportRow[]; actor: RedirectActor }): Promise<number>;
}

function describe(fields: FieldErrors): string {
  return Object.entries(fields)
    .map(([field, problem]) => `${field} ${problem}`)
    .join('; ');
}

/** Builds the redirect service. */
export function createRedirectService(deps: { db: Db; clock: Clock }): RedirectService {
  const { db, clock } = deps;
  const now = () => clock.now().toISOString();
  return {
    page: (args) => pageOfRedirects(db, args),
    list: () => listRedirects(db),
    create({ actor, ...input }) {
      const at = now();
      return transact(db, async (trx) => {
        const added = await addRedirect(trx, { ...input, at });
        await recordAudit(trx, {
          actor,
          action: 'redirect.add',
          subject: `redirect:${added.from}`,
          detail: { to: added.to, status: added.status, external: added.external },
          at,
        });
        return added;
      });
    },
    async remove({ from, actor }) {
      const at = now();
      await transact(db, async (trx) => {
        const existing = await findRedirect(trx, from);
        if (!existing) throw new AppError('NOT_FOUND', { message: `no redirect goes from ${from}` });
        await deleteRedirect(trx, from);
        await recordAudit(trx, {
          actor,
          action: 'redirect.delete',
          subject: `redirect:${from}`,
          detail: { to: existing.to_path, status: existing.status },
          at,
        });
      });
    },
    async importRows({ rows, actor }) {
      // Every row is checked on its own first, so that one answer names every bad line.
      const fields: FieldErrors = {};
      const seen = new Map<string, number>();
      for (const row of rows.map(normalisedInput)) {
        const problems = redirectInputProblems(row);
        const earlier = seen.get(row.from);
        if (earlier !== undefined) problems.from ??= `is also on line ${earlier}`;
        seen.set(row.from, row.line);
        if (Object.keys(problems).length > 0) fields[`line ${row.line}`] = describe(problems);
      }
      if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
      const at = now();
      return transact(db, async (trx) => {
        for (const row of rows) {
          try {
            await addRedirect(trx, { ...row, at });
          } catch (error) {
            if (!(error instanceof AppError) || !error.fields) throw error;
            fields[`line ${row.line}`] = describe(error.fields);
          }
        }
        // Thrown inside the transaction: nothing of the file stays.
        if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
        await recordAudit(trx, {
          actor,
          action: 'redirect.import',
          subject: 'redirects',
          detail: { count: rows.length },
          at,
        });
        return rows.length;
      });
    },
  };
}
