import type { WindowCounter } from '../../platform/counters.ts';
import type { SignInThrottle } from './service.ts';

/**
 * The scale-out sign-in throttle: failures are counted in Redis, which every process shares and
 * which forgets them by itself. Should Redis fail, the database throttle counts instead, so that
 * staff can still sign in (with the failures Redis held forgotten until it is back).
 */
export function sharedThrottle(deps: {
  counter: WindowCounter;
  fallback: SignInThrottle;
  onError(error: unknown): void;
}): SignInThrottle {
  const { counter, fallback } = deps;
  const orFallback = async <T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> => {
    try {
      return await shared();
    } catch (error) {
      deps.onError(error);
      return local();
    }
  };
  return {
    count: (key, windowMs) =>
      orFallback(
        () => counter.count(key, windowMs),
        () => fallback.count(key, windowMs),
      ),
    record: (keys) =>
      orFallback(
        () => counter.record(keys),
        () => fallback.record(keys),
      ),
    clear: (key) =>
      orFallback(
        () => counter.clear(key),
        () => fallback.clear(key),
      ),
  };
}
