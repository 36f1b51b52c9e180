export { siteRoutes } from './routes.public.ts';
export { ErrorPage } from './views/error-page.tsx';
export { cacheTags, invalidationFor, tagsForArticles } from './cache-tags.ts';
