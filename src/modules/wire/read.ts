// A fetched body to a read feed, or the editor's sentence for why it is none: decode.ts, then parse.ts.
import { decodeFeed } from './decode.ts';
import { FeedProblem, parseFeedDocument, type ParsedFeed } from './parse.ts';

/** A feed, read; or the reason it could not be, for the source's last error. */
export type ReadResult = { ok: true; feed: ParsedFeed; encoding: string } | { ok: false; problem: string };

export function readFeedBytes(
  bytes: Uint8Array,
  contentType: string | null,
  url: string,
  fetchedAt: Date,
): ReadResult {
  const { text, encoding } = decodeFeed(bytes, contentType);
  try {
    return { ok: true, feed: parseFeedDocument(text, url, fetchedAt), encoding };
  } catch (error) {
    if (error instanceof FeedProblem) return { ok: false, problem: error.message };
    throw error;
  }
}
