// The wire desk's domain face: sources, polite fetching, items. See docs/architecture.md, "The wire desk".
export {
  createWireService,
  WIRE_TERMS,
  type FetchReport,
  type WireItem,
  type WireService,
  type WireSource,
  type WireTerms,
} from './service.ts';
export { createFeedReader, type FeedReader } from './reader.ts';
export { startWirePoller, WIRE_POLL_INTERVAL_MS, type WirePoller } from './poller.ts';
export { readFeedDate, readRfc3339, readRfc822 } from './dates.ts';
export type { DeskActor, DeskItem, DeskStory } from './desk.ts';
export { creditsOf, type Credit, type DraftInput, type SaveDraft } from './drafts.ts';
export { isInternalAddress } from './address-check.ts';
export { createWireGrouper, type WireGrouper } from './grouping/index.ts';
