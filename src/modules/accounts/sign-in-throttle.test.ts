// The sign-in throttle under concurrency: an attempt is counted before its password is checked, so a
// burst cannot run more checks than the limit, and the checks running at once are capped.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PASSWORD_COST, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { formBody } from '../../../test/staff.ts';
import { loadSigner } from '../../platform/secrets.ts';
import { AppError } from '../../platform/errors.ts';
import { createAccountService, SIGN_IN_LIMITS, type AccountService } from './service.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const password = 'the right password, at last';

describe.each(DIALECTS)('the sign-in throttle on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    await t.services.accounts.addUser({ email: 'desk@example.com', name: 'Desk', role: 'editor', password });
  });

  const signIn = (pw: string, ip = '203.0.113.7') =>
    t.app.inject({
      method: 'POST',
      url: '/admin/sign-in',
      headers: form,
      payload: formBody({ email: 'desk@example.com', password: pw }),
      remoteAddress: ip,
    });

  /** Another process of the same publication: its own in-process caps, the same database. */
  async function anotherProcess(): Promise<AccountService> {
    return createAccountService({
      db: t.database.db,
      clock: t.clock,
      ipSigner: await loadSigner(t.database.db, 'ip-hash'),
      passwordCost: TEST_PASSWORD_COST,
      // No in-process cap to hide behind: only the shared reservation limits these.
      concurrency: { perAccount: 1000, perIp: 1000, total: 1000 },
    });
  }

  it('checks at most five of forty simultaneous guesses, and answers the rest 429 at once', async () => {
    const before = t.services.accounts.passwordChecks().started;
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(`guess number ${i}`, `203.0.113.${i % 4}`)),
    );
    const checks = t.services.accounts.passwordChecks().started - before;
    expect(checks).toBeGreaterThan(0);
    expect(checks).toBeLessThanOrEqual(SIGN_IN_LIMITS.perAccount);
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(checks);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - checks);
    expect(t.services.accounts.passwordChecks().running).toBe(0);
  });

  it('counts every attempt before checking it, across processes: five checks, then refusals', async () => {
    const [one, two] = [await anotherProcess(), await anotherProcess()];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? one : two).signIn({ email: 'desk@example.com', password: `guess ${i}`, ip: '198.51.100.1' }),
      ),
    );
    const checks = one.passwordChecks().started + two.passwordChecks().started;
    expect(checks).toBe(SIGN_IN_LIMITS.perAccount);
    const codes = outcomes.map((o) =>
      o.status === 'rejected' && o.reason instanceof AppError ? o.reason.code : 'ok',
    );
    expect(codes.filter((c) => c === 'SIGN_IN_FAILED')).toHaveLength(SIGN_IN_LIMITS.perAccount);
    expect(codes.filter((c) => c === 'SIGN_IN_THROTTLED')).toHaveLength(40 - SIGN_IN_LIMITS.perAccount);
  });

  it('does not let the right password in once a burst has reached the limit', async () => {
    const service = await anotherProcess();
    const attempt = (pw: string) =>
      service.signIn({ email: 'desk@example.com', password: pw, ip: '198.51.100.2' });
    const burst = [...Array.from({ length: 14 }, (_, i) => attempt(`wrong ${i}`)), attempt(password)];
    const outcomes = await Promise.allSettled(burst);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(0);
    const last = outcomes.at(-1);
    expect(last?.status === 'rejected' && (last.reason as AppError).code).toBe('SIGN_IN_THROTTLED');
    // Over HTTP too, and from another address: the account itself is closed for the window.
    expect((await signIn(password, '192.0.2.99')).statusCode).toBe(429);
    t.clock.advance((SIGN_IN_LIMITS.windowMinutes + 1) * 60_000);
    expect((await signIn(password)).statusCode).toBe(303);
  });

  it('does not count a successful sign-in as a failure', async () => {
    // More successes from one address than the IP's failure limit, with failures in between.
    for (let i = 0; i < SIGN_IN_LIMITS.perIp + 2; i += 1) {
      if (i % 5 === 0) expect((await signIn('not it')).statusCode).toBe(401);
      expect((await signIn(password)).statusCode, `sign-in ${i}`).toBe(303);
    }
    const rows = await t.database.db.selectFrom('sign_in_attempts').select('key').execute();
    expect(rows.filter((r) => r.key.startsWith('email:'))).toHaveLength(0);
  });

  it('refuses a stored hash whose scrypt cost is beyond the limits: a failed sign-in, not a 500', async () => {
    const salt = Buffer.alloc(16, 1).toString('base64url');
    const key = Buffer.alloc(64, 2).toString('base64url');
    for (const [n, r, p] of [
      [2 ** 30, 8, 1],
      [2 ** 20, 8, 1],
      [2 ** 16, 1024, 1],
      [2 ** 16, 8, 1_000_000],
      [1000, 8, 1],
      [2 ** 16, 0, 1],
      [2 ** 53, 8, 1],
    ]) {
      await t.database.db
        .updateTable('users')
        .set({ password_hash: `scrypt$${n}$${r}$${p}$${salt}$${key}` })
        .where('email', '=', 'desk@example.com')
        .execute();
      const started = Date.now();
      const response = await signIn(password, `192.0.2.${n! % 250}`);
      expect(response.statusCode, `N=${n} r=${r} p=${p}`).toBe(401);
      expect(Date.now() - started).toBeLessThan(2_000);
      await t.database.db.deleteFrom('sign_in_attempts').execute();
    }
  });
});
