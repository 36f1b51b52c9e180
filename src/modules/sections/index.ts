// Sections: the publication's desks (News › Politics), nested one level, every article in one. They
// sit below articles in the domain graph: articles import this file, never the reverse.
export { sectionPaths, type Section, type SectionRef } from './repository.ts';
export {
  createSectionService,
  defaultSectionSlug,
  inTreeOrder,
  resolveSection,
  sectionsOf,
  type SectionInput,
  type SectionService,
} from './service.ts';
