// While the site is served, the due sources are fetched on their schedule. Every tick asks which
// sources are due and claims each with one conditional UPDATE (repository.ts, claimSource), so with
// many processes each poll happens exactly once. No advisory lock (platform/jobs.ts' runExclusive)
// is held around it: that would keep a PostgreSQL transaction open for as long as the slowest feed
// takes, and the per-source claim already makes the work go to exactly one process.
import type { WireService } from './service.ts';

/** How often the poller looks for due sources; each source's own schedule is 10 minutes or more. */
export const WIRE_POLL_INTERVAL_MS = 60_000;

export interface WirePoller {
  /** One tick now (skipped while one runs in this process); for start-up and tests. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startWirePoller(args: {
  wire: Pick<WireService, 'pollDue'>;
  intervalMs?: number;
  onError: (error: unknown) => void;
}): WirePoller {
  let running: Promise<void> | undefined;
  const runNow = () => {
    running ??= args.wire
      .pollDue()
      .then(
        () => undefined,
        (error: unknown) => args.onError(error),
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void runNow(), args.intervalMs ?? WIRE_POLL_INTERVAL_MS);
  timer.unref();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
