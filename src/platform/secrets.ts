import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from './db/database.ts';

/** A keyed hash with a per-installation secret, for IPs and signed links. */
export interface Signer {
  /** HMAC-SHA256 of the value, as base64url. */
  sign(value: string): string;
  /** Compares in constant time. */
  verify(value: string, signature: string): boolean;
}

/**
 * Loads the named secret, creating it on first use. Every process of one publication reads the same
 * row, so a link signed by one process verifies in another.
 */
export async function loadSigner(db: Db, name: string): Promise<Signer> {
  const fresh = randomBytes(32).toString('base64url');
  await db
    .insertInto('secrets')
    .values({ name, value: fresh })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('secrets')
    .where('name', '=', name)
    .select('value')
    .executeTakeFirstOrThrow();
  const key = Buffer.from(row.value, 'base64url');
  const sign = (value: string) => createHmac('sha256', key).update(value).digest('base64url');
  return {
    sign,
    verify(value, signature) {
      const expected = Buffer.from(sign(value));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
