import { describe, expect, it } from 'vitest';
import { createMemoryWindowCounter } from './counters.ts';

describe('the in-memory window counter', () => {
  const at = { now: () => new Date('2026-12-05T10:00:00Z') };

  it('reserves all keys or none, up to each limit, and a release gives back exactly its own events', async () => {
    const counter = createMemoryWindowCounter({ clock: at, keepMs: 60_000 });
    const limits = (ip: string) => [
      { key: 'account', limit: 3 },
      { key: ip, limit: 2 },
    ];
    const claims = await Promise.all(
      ['a', 'a', 'a', 'b', 'b'].map((ip) => counter.reserve(limits(ip), 60_000)),
    );
    // a, a, then a third a is over its IP limit and takes nothing; b fills the account.
    expect(claims.map(Boolean)).toEqual([true, true, false, true, false]);
    expect(await counter.count('account', 60_000)).toBe(3);
    expect(await counter.count('a', 60_000)).toBe(2);
    expect(await counter.count('b', 60_000)).toBe(1);
    await claims[0]!.release();
    expect(await counter.count('account', 60_000)).toBe(2);
    expect(await counter.count('a', 60_000)).toBe(1);
    expect(await counter.reserve(limits('c'), 60_000)).toBeDefined();
    expect(await counter.reserve(limits('c'), 60_000)).toBeUndefined();
  });
});
