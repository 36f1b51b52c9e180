export { ensureTags, type TagRef } from './repository.ts';
export { createTagService, type TagService } from './service.ts';
