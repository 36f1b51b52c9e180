import type { WindowCounter } from '../../platform/counters.ts';
import type { SignInThrottle } from './throttle.ts';

/**
 * The scale-out sign-in throttle: attempts are counted in Redis, which every process shares and
 * which forgets them by itself; a Lua script checks and counts all keys in one step. Should Redis
 * fail, the database throttle counts instead, so that staff can still sign in (with the failures
 * Redis held forgotten until it is back).
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
    async reserve(limits, windowMs) {
      const reservation = await orFallback(
        () => counter.reserve(limits, windowMs),
        () => fallback.reserve(limits, windowMs),
      );
      if (!reservation) return undefined;
      return {
        // A release that fails leaves one failure counted: not worth failing a good sign-in for.
        release: () => reservation.release().catch((error: unknown) => deps.onError(error)),
      };
    },
    clear: (key) =>
      orFallback(
        () => counter.clear(key),
        () => fallback.clear(key),
      ),
  };
}
