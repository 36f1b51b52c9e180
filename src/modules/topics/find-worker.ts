// The thread that reads drafts for topic suggestions (see finder.ts): a long body is tens of
// thousands of words, and the newsroom's server answers readers on its main thread.
import { serveThreadJobs } from '../../platform/threads-worker.ts';
import { findTopics } from './extract.ts';
import { trieOf, type FindJob } from './finder.ts';

serveThreadJobs((job: FindJob) => findTopics(job.text, trieOf(job.aliases)));
