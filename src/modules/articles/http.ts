// The web face of articles: reader pages, newsroom routes, and the article list and list picture that
// author, tag, section and search pages embed. The domain (services, rules, types) is index.ts.
export { createArticlePages, type ArticlePages } from './pages.tsx';
export { articleRoutes, type SlugFallback } from './routes.public.tsx';
export { articleAdminRoutes, type ArticleAdminOptions } from './routes.admin.tsx';
export { previewRoutes, previewAdminRoutes } from './routes.preview.tsx';
export { ArticleList, Byline, TagLinks } from './views/article-list.tsx';
export { ListPicture, LIST_PICTURE_SIZES } from './views/list-picture.tsx';
export { websiteJsonLd } from './views/front-page.tsx';
