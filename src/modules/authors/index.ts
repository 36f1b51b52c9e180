export { createAuthorService, type AuthorService } from './service.ts';
export { ensureAuthorProfile, findAuthorIds, type PublicAuthor } from './repository.ts';
export { AuthorInputSchema, type AuthorInput } from './schemas.ts';
export { AuthorBox, Avatar, authorPath } from './views/author-box.tsx';
export { authorRoutes } from './routes.public.tsx';
export { authorAdminRoutes } from './routes.admin.tsx';
export { checkProfile, type ProfileForm } from './profile.ts';
