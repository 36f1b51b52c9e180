export { tagPaths, type TagRef, type VisibilityRule } from './repository.ts';
export { suggestionsFor, replaceSuggestions, tagNamesWithCommas, type TagSuggestion } from './repository.ts';
export { createTagService, resolveTags, type TagActor, type TagService } from './service.ts';
