// The curated front page: the newsroom's lead story, pinned stories (each may expire) and the
// section rows below them. It sits above articles and sections, whose services it reads through.
export {
  createFrontPageService,
  FRONT_PAGE_LIMITS,
  type ChosenArticle,
  type ComposedFrontPage,
  type Curation,
  type CurationInput,
  type FrontPageService,
} from './service.ts';
