export { createSearchService, type SearchHit, type SearchResult, type SearchService } from './service.ts';
export { type SnippetPart } from './snippet.ts';
export { searchRoutes, type SearchRoutesOptions } from './routes.public.tsx';
