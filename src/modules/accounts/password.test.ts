import { describe, expect, it } from 'vitest';
import { createCheckGate } from './check-gate.ts';
import { hashPassword, isAllowedCost, verifyPassword } from './password.ts';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from './password-rules.ts';

const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashes', () => {
  it('verifies a hash it made, and not another password', async () => {
    const hash = await hashPassword('a perfectly fine password', cheap);
    expect(await verifyPassword('a perfectly fine password', hash)).toBe(true);
    expect(await verifyPassword('a perfectly fine passwore', hash)).toBe(false);
  });

  it('never runs scrypt beyond its limits, whatever a stored hash asks', async () => {
    const hash = await hashPassword('pw that matches', cheap);
    const [, , , , salt, key] = hash.split('$');
    const withCost = (n: string, r: string, p: string) => `scrypt$${n}$${r}$${p}$${salt}$${key}`;
    expect(await verifyPassword('pw that matches', withCost('1024', '8', '1'))).toBe(true);
    for (const [n, r, p] of [
      ['1073741824', '8', '1'],
      ['262144', '8', '1'],
      ['1024', '17', '1'],
      ['1024', '8', '17'],
      ['65536', '16', '16'],
      ['1536', '8', '1'],
      ['1024', '0', '1'],
      ['1e3', '8', '1'],
      ['-1024', '8', '1'],
      ['9007199254740993', '8', '1'],
    ] as const) {
      const started = Date.now();
      expect(await verifyPassword('pw that matches', withCost(n, r, p)), `${n} ${r} ${p}`).toBe(false);
      expect(Date.now() - started).toBeLessThan(500);
    }
    expect(await verifyPassword('pw that matches', `${hash}$extra`)).toBe(false);
    expect(await verifyPassword('pw that matches', 'bcrypt$2b$10$whatever')).toBe(false);
    expect(isAllowedCost({ N: 2 ** 16, r: 8, p: 2 })).toBe(true);
    await expect(hashPassword('x', { N: 2 ** 30, r: 8, p: 1 })).rejects.toThrow();
  });
});

describe('new password rules', () => {
  it(`asks for at least ${MIN_PASSWORD_LENGTH} characters`, async () => {
    expect(await newPasswordProblem('eleven char')).toMatch(/at least 12 characters/);
    expect(await newPasswordProblem('twelve chars')).toBeUndefined();
    expect(await newPasswordProblem('x'.repeat(201))).toMatch(/at most 200/);
    expect(await newPasswordProblem(undefined)).toBe('is required');
  });

  it('refuses the common passwords attackers try first, in any case', async () => {
    for (const common of ['leavemealone', 'LeaveMeAlone', 'QWERTY123456', '1qaz2wsx3edc'])
      expect(await newPasswordProblem(common), common).toMatch(/common passwords/);
    expect(await newPasswordProblem('leave me alone, please')).toBeUndefined();
  });
});

describe('the check gate', () => {
  it('caps checks at once per account, per IP and in all, and frees places when they end', () => {
    const gate = createCheckGate({ perAccount: 2, perIp: 3, total: 4 });
    const a1 = gate.tryEnter('a', 'ip1');
    const a2 = gate.tryEnter('a', 'ip2');
    expect(a1 && a2).toBeTruthy();
    expect(gate.tryEnter('a', 'ip3')).toBeUndefined();
    expect(gate.tryEnter('b', 'ip1')).toBeDefined();
    expect(gate.tryEnter('c', 'ip1')).toBeDefined();
    // ip1 holds three now.
    expect(gate.tryEnter('d', 'ip1')).toBeUndefined();
    expect(gate.running()).toBe(4);
    expect(gate.tryEnter('e', 'ip9')).toBeUndefined();
    a1!();
    a1!();
    expect(gate.running()).toBe(3);
    expect(gate.tryEnter('a', 'ip3')).toBeDefined();
  });
});
