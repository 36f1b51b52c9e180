// A burst of comment posts from many concurrent clients, with a hook that fires once a given number of
// answers has come back (the durability test kills the server there, with requests still in flight).

/** One comment the server answered with 303: it promised the comment is stored. */
export interface AnsweredComment {
  id: number;
  body: string;
  email: string;
  location: string;
}

/** What a burst saw. */
export interface BurstResult {
  /** Posts sent (fetch called). */
  sent: number;
  /** Posts answered 303, with the id the Location named. */
  answered: AnsweredComment[];
  /** Answers other than 303, by status: none are expected. */
  otherStatuses: Map<number, number>;
  /** 303 answers whose Location named no comment id: none are expected. */
  badLocations: string[];
  /** Posts that got no answer (the connection failed), with the first few messages. */
  failed: number;
  /** Of those, the ones that failed before `onThreshold` ran: none are expected. */
  failedBeforeThreshold: number;
  failureSamples: string[];
  /** Posts still waiting for an answer at the moment `onThreshold` ran. */
  inFlightAtThreshold: number;
  /** Answers received when `onThreshold` ran, or undefined if it never did. */
  answeredAtThreshold: number | undefined;
  /** How long the burst took until every client had stopped. */
  elapsedMs: number;
}

/** The comment id a 303's Location names: `/slug/?unapproved=ID&moderation-hash=H#comment-ID` or `/slug/#comment-ID`. */
export function commentIdFromLocation(location: string): number | undefined {
  const match = /#comment-([1-9]\d*)$/.exec(location);
  return match?.[1] ? Number(match[1]) : undefined;
}

/**
 * Posts comments from `clients` concurrent loops until each loop has sent `maxPerClient` posts or met a
 * connection error. Once `threshold` answers have arrived, or `maxMs` has passed, `onThreshold` runs once.
 * Every post has a unique body and email, so neither the duplicate rule nor the flood rule's email check
 * can refuse it.
 */
export async function postBurst(args: {
  baseUrl: string;
  slug: string;
  clients: number;
  maxPerClient: number;
  threshold: number;
  maxMs: number;
  onThreshold(): void;
  requestTimeoutMs?: number;
}): Promise<BurstResult> {
  const { baseUrl, slug, clients, maxPerClient, threshold } = args;
  const run = `${process.pid}-${Date.now().toString(36)}`;
  const target = new URL(`/${slug}/comments`, baseUrl).href;
  const result: BurstResult = {
    sent: 0,
    answered: [],
    otherStatuses: new Map(),
    badLocations: [],
    failed: 0,
    failedBeforeThreshold: 0,
    failureSamples: [],
    inFlightAtThreshold: 0,
    answeredAtThreshold: undefined,
    elapsedMs: 0,
  };
  let inFlight = 0;
  let answers = 0;
  let fired = false;
  const fire = () => {
    if (fired) return;
    fired = true;
    result.inFlightAtThreshold = inFlight;
    result.answeredAtThreshold = result.answered.length;
    args.onThreshold();
  };
  const timer = setTimeout(fire, args.maxMs);
  const started = Date.now();

  async function client(c: number): Promise<void> {
    for (let i = 0; i < maxPerClient; i++) {
      const body = `Burst comment ${i} from client ${c} of run ${run}: the quay wall looks solid.`;
      const email = `burst.${c}.${i}.${run}@example.net`;
      const form = new URLSearchParams({
        comment: body,
        author: `Reader ${c}`,
        email,
        url: '',
        comment_parent: '0',
      });
      result.sent++;
      inFlight++;
      let response: Response;
      try {
        response = await fetch(target, {
          method: 'POST',
          body: form,
          redirect: 'manual',
          signal: AbortSignal.timeout(args.requestTimeoutMs ?? 10_000),
        });
      } catch (error) {
        inFlight--;
        result.failed++;
        if (!fired) result.failedBeforeThreshold++;
        if (result.failureSamples.length < 3) result.failureSamples.push(describeError(error));
        return; // the server is gone: this client stops
      }
      inFlight--;
      answers++;
      if (response.status === 303) {
        const location = response.headers.get('location') ?? '';
        const id = commentIdFromLocation(location);
        if (id === undefined) result.badLocations.push(location);
        else result.answered.push({ id, body, email, location });
      } else {
        result.otherStatuses.set(response.status, (result.otherStatuses.get(response.status) ?? 0) + 1);
      }
      // Free the connection; after the kill the body may never arrive, which changes nothing.
      await response.arrayBuffer().catch(() => undefined);
      if (answers >= threshold) fire();
    }
  }

  try {
    await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  } finally {
    clearTimeout(timer);
  }
  result.elapsedMs = Date.now() - started;
  return result;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
  return code ? `${error.message} (${code})` : error.message;
}
