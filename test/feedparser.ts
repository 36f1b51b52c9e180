// Feeds are checked by a real feed reader, not by the code that writes them: Python's feedparser,
// from Debian's python3-feedparser, run with the system Python (the one on PATH may not see it).
import { execFileSync, spawnSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';

const script = `
import sys, json, feedparser
def text(v):
    return v if isinstance(v, str) else None
def summarize(d):
    return {
      "bozo": bool(d.bozo),
      "bozo_exception": str(d.get("bozo_exception", "")),
      "version": d.version,
      "feed": {"title": d.feed.get("title"), "link": d.feed.get("link"), "language": d.feed.get("language")},
      "entries": [
        {
          "title": e.get("title"),
          "title_type": (e.get("title_detail") or {}).get("type"),
          "link": e.get("link"),
          "id": e.get("id"),
          "author": e.get("author"),
          "authors": [a.get("name") for a in e.get("authors", [])],
          "published": e.get("published"),
          "updated": e.get("updated"),
          "summary": e.get("summary"),
          "content": [c.get("value") for c in e.get("content", [])],
          "tags": [t.get("term") for t in e.get("tags", [])],
        }
        for e in d.entries
      ],
    }
def read(doc):
    # feedparser itself can raise on some markup; that is a feed no reader can use, not a crash here.
    try:
        return summarize(feedparser.parse(doc.encode("utf-8")))
    except Exception as error:
        return {"bozo": True, "bozo_exception": "feedparser raised " + repr(error), "version": "", "feed": {}, "entries": []}
if sys.argv[1:] == ["many"]:
    print(json.dumps([read(doc) for doc in json.loads(sys.stdin.buffer.read())]))
else:
    print(json.dumps(summarize(feedparser.parse(sys.stdin.buffer.read()))))
`;

/** One entry as feedparser read it. */
export interface ParsedEntry {
  title: string | null;
  /** How feedparser read the title: "text/plain", or "text/html" when declared or guessed so. */
  title_type: string | null;
  link: string | null;
  id: string | null;
  author: string | null;
  authors: (string | null)[];
  published: string | null;
  updated: string | null;
  summary: string | null;
  content: string[];
  tags: string[];
}

/** A feed as feedparser read it. */
export interface ParsedFeed {
  bozo: boolean;
  bozo_exception: string;
  version: string;
  feed: { title: string | null; link: string | null; language: string | null };
  entries: ParsedEntry[];
}

/** Why feeds cannot be parsed here, or undefined when they can. */
export function feedparserMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import feedparser'], { encoding: 'utf8' });
  return probe.status === 0
    ? undefined
    : `${PYTHON} cannot import feedparser; install python3-feedparser (.ci/run does)`;
}

/** Parses a feed with feedparser. */
export function parseFeed(xml: string): ParsedFeed {
  const output = execFileSync(PYTHON, ['-c', script], {
    input: xml,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output) as ParsedFeed;
}

/** Parses many feeds with one feedparser process, which saves its start-up per feed. */
export function parseFeeds(xmls: readonly string[]): ParsedFeed[] {
  const output = execFileSync(PYTHON, ['-c', script, 'many'], {
    input: JSON.stringify(xmls),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(output) as ParsedFeed[];
}
