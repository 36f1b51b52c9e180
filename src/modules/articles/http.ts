// The web face of articles: reader pages, newsroom routes, and the article list that author and tag
// pages embed. The domain (services, rules, types) is index.ts.
export { createArticlePages, type ArticlePages } from './pages.tsx';
export { articleRoutes } from './routes.public.tsx';
export { articleAdminRoutes, type ArticleAdminOptions } from './routes.admin.tsx';
export { ArticleList, Byline, TagLinks } from './views/article-list.tsx';
