// Runs the topic finder off the event loop: the registry's aliases and the draft's text go to a
// thread (platform/threads.ts) under a time limit, and the suggestions come back.
import { AppError } from '../../platform/errors.ts';
import { createThreadPool } from '../../platform/threads.ts';
import { findTopics, type FoundTopic } from './extract.ts';
import type { AliasRow } from './repository.ts';
import { TokenTrie } from './trie.ts';

/** One draft to read, with the registry as it stands (a few hundred kilobytes at most). */
export interface FindJob {
  text: string;
  aliases: AliasRow[];
}

/** Reads a draft for topics. */
export type FindTopics = (job: FindJob) => Promise<FoundTopic[]>;

/** A trie of the registry's aliases. */
export function trieOf(aliases: readonly AliasRow[]): TokenTrie {
  const trie = new TokenTrie();
  for (const row of aliases)
    trie.add(row.normalised.split(' '), {
      topicId: row.topicId,
      name: row.name,
      kind: row.kind,
      tagSlug: row.tagSlug,
    });
  return trie;
}

/** On the caller's thread: the command line and tests, where nothing else waits. */
export const findInProcess: FindTopics = async (job) => findTopics(job.text, trieOf(job.aliases));

/** Seconds one draft may take: a 30,000-word body takes a fraction of one. */
const FIND_TIME_LIMIT_MS = 5_000;

/** A thread that reads drafts, started on first use; closed with the app. */
export function startTopicFinder(): { find: FindTopics; close(): Promise<void> } {
  const pool = createThreadPool<FindJob, FoundTopic[]>({
    name: 'topic suggestions',
    entry: {
      ts: new URL('./find-worker.ts', import.meta.url),
      // In the bundle (scripts/build.ts) the worker is dist/topics-find-worker.js.
      js: new URL('./topics-find-worker.js', import.meta.url),
    },
    threads: 1,
    timeLimitMs: FIND_TIME_LIMIT_MS,
    maxWaiting: 8,
    heapMb: 128,
    tooSlow: (cause) => new AppError('SUGGESTIONS_TOO_SLOW', { cause }),
  });
  return { find: (job) => pool.run(job), close: () => pool.close() };
}
