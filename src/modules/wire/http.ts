// The web face of the wire desk: the newsroom's Wire screen (stories, feed health, sources, drafts).
export { wireAdminRoutes, type WireAdminOptions } from './routes.admin.tsx';
