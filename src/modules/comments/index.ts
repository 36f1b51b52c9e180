export {
  createCommentService,
  type CommentService,
  type CommentOrigin,
  type ModerationAction,
  type PostedComment,
} from './service.ts';
export { databaseFloodGuard, sharedFloodGuard, type CommentFloodGuard } from './flood.ts';
export { areCommentsOpen } from './rules.ts';
export { decideStatus, countLinks } from './moderation.ts';
export type { PublicComment } from './repository.ts';
export { checkCommentForm, readCommentForm, isEmail, isWebUrl, COMMENT_LIMITS } from './schemas.ts';
