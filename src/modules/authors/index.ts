export { createAuthorService, type AuthorService } from './service.ts';
export { authorPath } from './paths.ts';
export { ensureAuthorProfile, findAuthorIds, listAuthors, type PublicAuthor } from './repository.ts';
export { AuthorInputSchema, type AuthorInput } from './schemas.ts';
export { checkProfile, isAvatarAddress, isWebAddress, type ProfileForm } from './profile.ts';
