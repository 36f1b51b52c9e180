export {
  createSearchService,
  type PageHit,
  type SearchHit,
  type SearchResult,
  type SearchService,
} from './service.ts';
export { type SnippetPart } from './snippet.ts';
