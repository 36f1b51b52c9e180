import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt from node:crypto at one of OWASP's minimum settings (N=2^16, r=8, p=2): 64 MiB and about a
// tenth of a second per hash, so that a sign-in never doubles the server's memory. The parameters
// are stored with each hash so that they can be raised later.
/** scrypt's cost parameters. */
export interface PasswordCost {
  N: number;
  r: number;
  p: number;
}
export const DEFAULT_PASSWORD_COST: PasswordCost = { N: 2 ** 16, r: 8, p: 2 };
const COST = DEFAULT_PASSWORD_COST;
const KEY_LENGTH = 64;

/**
 * The most a stored hash may ask of us. A hash is data (an import, a restored backup, a tampered
 * row): an N of 2^30 in one made every sign-in to that account fail with a 500 after trying to
 * allocate 128 GiB. Room is left to raise the default twice over; anything beyond is refused as a
 * failed verification, before scrypt runs.
 */
export const PASSWORD_COST_LIMITS = {
  minN: 2 ** 10,
  maxN: 2 ** 17,
  maxR: 16,
  maxP: 16,
  /** 128·N·r bytes: scrypt's memory. */
  maxMemory: 128 * 1024 * 1024,
  /** N·r·p: scrypt's time, here four times the default. */
  maxWork: 4 * COST.N * COST.r * COST.p,
} as const;

/** Whether scrypt may run with `cost`: every parameter a positive power of two or small integer within the limits. */
export function isAllowedCost({ N, r, p }: PasswordCost): boolean {
  const l = PASSWORD_COST_LIMITS;
  if (![N, r, p].every((v) => Number.isSafeInteger(v) && v >= 1)) return false;
  const isPowerOfTwo = (N & (N - 1)) === 0;
  return (
    isPowerOfTwo &&
    N >= l.minN &&
    N <= l.maxN &&
    r <= l.maxR &&
    p <= l.maxP &&
    128 * N * r <= l.maxMemory &&
    N * r * p <= l.maxWork
  );
}

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

const maxmem = (o: { N: number; r: number }) => 128 * o.N * o.r * 2;

/** "scrypt$N$r$p$salt$key", salt and key in base64url. */
export async function hashPassword(password: string, cost = COST): Promise<string> {
  if (!isAllowedCost(cost)) throw new Error('scrypt cost outside PASSWORD_COST_LIMITS');
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { ...cost, maxmem: maxmem(cost) });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const DIGITS = /^[1-9]\d{0,9}$/;

/** A stored hash read into its parts, or the reason it is not one this version will run. */
function readStoredHash(
  stored: string,
): { cost: PasswordCost; salt: Buffer; key: Buffer } | { problem: string } {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key || rest.length > 0)
    return { problem: 'is not a hash written as scrypt$N$r$p$salt$key' };
  if (![n, r, p].every((v) => v !== undefined && DIGITS.test(v)))
    return { problem: 'has scrypt parameters that are not whole numbers' };
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!isAllowedCost(cost)) {
    const l = PASSWORD_COST_LIMITS;
    return {
      problem: `asks scrypt for N=${n}, r=${r}, p=${p}, beyond what Dateline runs (N a power of two from ${l.minN} to ${l.maxN}, r and p at most ${l.maxR} and ${l.maxP}, at most ${l.maxMemory / 1024 / 1024} MiB and ${l.maxWork} N·r·p)`,
    };
  }
  const expected = Buffer.from(key, 'base64url');
  const saltBytes = Buffer.from(salt, 'base64url');
  if (expected.length !== KEY_LENGTH || saltBytes.length < 8 || saltBytes.length > 64)
    return { problem: 'has a salt or key of the wrong length' };
  return { cost, salt: saltBytes, key: expected };
}

/**
 * Why a stored hash could never match any password here (malformed, or a cost outside
 * PASSWORD_COST_LIMITS), or undefined for a hash verifyPassword would run. For data from outside,
 * such as an import.
 */
export function storedHashProblem(stored: string): string | undefined {
  const read = readStoredHash(stored);
  return 'problem' in read ? read.problem : undefined;
}

/**
 * Whether `password` matches `stored`, compared in constant time. A malformed hash, or one whose
 * cost is outside PASSWORD_COST_LIMITS, never matches, and costs nothing to refuse.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const read = readStoredHash(stored);
  if ('problem' in read) return false;
  const { cost, salt: saltBytes, key: expected } = read;
  try {
    const actual = await scrypt(password, saltBytes, { ...cost, maxmem: maxmem(cost) });
    return timingSafeEqual(actual, expected);
  } catch {
    // Within the limits scrypt should not fail; if the machine cannot spare the memory, it is a
    // failed sign-in rather than a 500.
    return false;
  }
}
