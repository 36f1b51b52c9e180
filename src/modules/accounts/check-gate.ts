// How many password checks may run at once in this process. scrypt costs about a tenth of a second
// of CPU and 64 MiB each, on libuv's thread pool of four, which file reads and compression share:
// a burst of guesses must be refused at the door, not queued behind one another.

/** The most checks running at once: per account, per IP, and in this process altogether. */
export interface CheckConcurrency {
  perAccount: number;
  perIp: number;
  total: number;
}

/** A counting semaphore per key, entered without waiting: full means refused. */
export interface CheckGate {
  /**
   * Takes a place for one check on this account and IP, or returns undefined when any of the
   * three is full. Call the returned function exactly once when the check is over.
   */
  tryEnter(account: string, ip: string): (() => void) | undefined;
  /** Checks running now. */
  running(): number;
}

/** Builds a gate. Keys are forgotten when their last check ends, so memory follows what runs. */
export function createCheckGate(limits: CheckConcurrency): CheckGate {
  const accounts = new Map<string, number>();
  const ips = new Map<string, number>();
  let total = 0;
  const leave = (map: Map<string, number>, key: string) => {
    const n = (map.get(key) ?? 1) - 1;
    if (n <= 0) map.delete(key);
    else map.set(key, n);
  };
  return {
    tryEnter(account, ip) {
      if (
        total >= limits.total ||
        (accounts.get(account) ?? 0) >= limits.perAccount ||
        (ips.get(ip) ?? 0) >= limits.perIp
      )
        return undefined;
      total += 1;
      accounts.set(account, (accounts.get(account) ?? 0) + 1);
      ips.set(ip, (ips.get(ip) ?? 0) + 1);
      let isOpen = true;
      return () => {
        if (!isOpen) return;
        isOpen = false;
        total -= 1;
        leave(accounts, account);
        leave(ips, ip);
      };
    },
    running: () => total,
  };
}
