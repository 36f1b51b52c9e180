export { buildAtom, buildJsonFeed, buildRss } from './build.ts';
