// The page cache's rules: which tags a page lists, and which tags each domain event drops. The cache
// itself (storage, validators, compression) is platform/http/page-cache.ts; see README.md here.
export { cacheTags, invalidationFor, tagsForArticles } from './cache-tags.ts';
