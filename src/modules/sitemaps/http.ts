export { sitemapFiles, sitemapRoutes, URLS_PER_SITEMAP } from './routes.public.ts';
