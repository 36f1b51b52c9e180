// Standing pages (About, Contact, a corrections policy): title, slug, Markdown body, one level of
// nesting, drafts and revisions; no byline, date, comments or feed entry. Pages sit below articles
// in the domain graph: the article save path imports `isTopLevelPageSlug` from here, and pages read
// nothing of articles' domain. Named `pages` for the domain; articles/pages.tsx is articles' own
// page renderer and unrelated.
export {
  createPageService,
  isTopLevelPageSlug,
  type Page,
  type PageActor,
  type PageRevision,
  type PageService,
} from './service.ts';
export {
  CORRECTIONS_POLICY_SLUG,
  correctionsPolicyPath,
  PAGE_LIMITS,
  PAGE_STATUSES,
  pagePath,
  RESERVED_SLUGS,
  VISIBLE_PAGE_STATUS,
  type PageInput,
  type PageStatus,
} from './rules.ts';
