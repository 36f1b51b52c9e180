// The thread that reads fetched feeds (see reader.ts): decoding and parsing up to 10 MB of
// untrusted XML or JSON, and sanitising every item's body, can take a noticeable time, and the
// poller runs inside the server, where that time would hold up every reader.
import { serveThreadJobs } from '../../platform/threads-worker.ts';
import { readFeedBytes } from './read.ts';
import type { ReadJob } from './reader.ts';

serveThreadJobs((job: ReadJob) =>
  readFeedBytes(job.bytes, job.contentType, job.url, new Date(job.fetchedAt)),
);
