// The topic registry and suggestions: the domain face. See README.md.
export {
  acceptSuggestion,
  createTopicService,
  ensureSeeded,
  MAX_DRAFT_CHARS,
  MAX_SUGGESTIONS,
  suggestTopics,
  TOPIC_KINDS,
  type Acceptance,
  type AcceptedTopic,
  type DraftText,
  type TopicService,
  type TopicSuggestion,
} from './service.ts';
export { findTopics, type FoundTopic } from './extract.ts';
export { normaliseName } from './normalise.ts';
export type { TopicKind } from './trie.ts';
