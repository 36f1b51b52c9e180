// The web face of topic suggestions: the editor's JSON endpoints.
export { topicAdminRoutes, TOPICS_NOTE } from './routes.admin.ts';
