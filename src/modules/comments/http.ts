// The web face of comments: posting and feeds, the moderation queue, and the comments section that the
// article page embeds. The domain (service, moderation rules, flood guard) is index.ts.
export { commentRoutes } from './routes.public.ts';
export { commentAdminRoutes } from './routes.admin.tsx';
export { CommentsSection, emptyCommentForm, type CommentFormState } from './views/comments-section.tsx';
