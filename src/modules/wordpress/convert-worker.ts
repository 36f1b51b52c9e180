// The thread that converts imported posts (see converter.ts): block and shortcode parsing, automatic
// paragraphs and sanitize-html can take seconds on a hostile body, and the Import screen runs inside
// the server, where those seconds would hold up every reader.
import { serveThreadJobs, threadData } from '../../platform/threads-worker.ts';
import { convertContent } from './content.ts';
import { resolverOf, type MediaSnapshot } from './media.ts';
import type { ConvertJob } from './converter.ts';

const { media, siteUrl } = threadData<{ media: MediaSnapshot; siteUrl: string }>();
const resolver = resolverOf(media);

serveThreadJobs((job: ConvertJob) =>
  convertContent(job.raw, { postId: job.postId, media: resolver, siteUrl }),
);
