export {
  createArticleService,
  type ArticleService,
  type ArticleSummary,
  type ArticleDetail,
  type ArticlePage,
} from './service.ts';
export { isVisibleArticle, isVisibleRow, visibleArticleSql, VISIBLE_STATUS } from './visibility.ts';
export { ArticleInputSchema, type ArticleInput } from './schemas.ts';
export { parseArticleFile, ArticleFileError } from './front-matter.ts';
export { newsArticle, publisherOf } from './structured-data.ts';
export { fromLocalInput, toLocalInput } from './local-time.ts';
export type { DeskFlowUseCases, DeskNote, EditConflict } from './desk-flow.ts';
export type { NewsroomUseCases, EditorState, DeskItem, RevisionSummary } from './newsroom.ts';
export { createNewsroomBudget, NEWSROOM_LIMITS, NEWSROOM_WINDOW_MS, type NewsroomBudget } from './budget.ts';
export { ARTICLE_BODY_MAX_CHARS, isSourceUrl } from './editor-form.ts';
export { featuredImagesOf, type FeaturedImage } from './featured-image.ts';
