import { inject } from 'vitest';

/** The test tiers, named as vitest.config.ts names its projects. */
export type Tier = 'unit' | 'integration' | 'browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The tier (Vitest project) of the running test file. */
    tier: Tier;
  }
}

/**
 * Fails a test in the unit tier that reaches for what the tier promises not to use, so that a file
 * named `*.unit.test.ts` cannot quietly open a database or a browser and slow the tier down.
 */
export function refuseInUnitTier(what: string): void {
  // Scripts (npm run db:types) open test databases outside Vitest, where there is no tier to ask.
  if (!process.env.VITEST) return;
  if (inject('tier') === 'unit')
    throw new Error(`A unit test may not ${what}: rename the file from *.unit.test.ts to *.test.ts.`);
}
