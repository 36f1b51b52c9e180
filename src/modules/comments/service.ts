import type { Clock } from '../../platform/clock.ts';
import { transact, type Db } from '../../platform/db/database.ts';
import type { CommentStatus } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import type { Signer } from '../../platform/secrets.ts';
import * as repo from './repository.ts';
import { checkCommentForm, type CommentFormValues } from './schemas.ts';

/** Who sent a comment, as the HTTP layer saw them. Kept only as a salted hash. */
export interface CommentOrigin {
  ip: string;
  userAgent: string;
}

/** Comment use cases. */
export interface CommentService {
  /**
   * Checks and stores a reader's comment in one transaction. Throws NOT_FOUND for an unknown or
   * unpublished article, COMMENT_CLOSED, or VALIDATION_FAILED with one message per field.
   */
  postComment(args: {
    slug: string;
    form: CommentFormValues;
    origin: CommentOrigin;
  }): Promise<{ id: number; status: CommentStatus; articleId: number }>;
  /** Approved comments of an article, oldest first, without private fields. */
  listApproved(articleId: number): Promise<repo.PublicComment[]>;
  /** Approved comment counts for several articles. */
  countApproved(articleIds: readonly number[]): Promise<Map<number, number>>;
  /** Stores a comment exactly as given, for imports and the sample publication. */
  importComment(values: Omit<repo.CommentWrite, 'ip_hash' | 'user_agent'>): Promise<number>;
}

/** Builds the comment service. `ipSigner` hashes IPs with the installation's secret. */
export function createCommentService(deps: {
  db: Db;
  clock: Clock;
  events: Events;
  ipSigner: Signer;
}): CommentService {
  const { db, clock, events } = deps;
  return {
    async postComment({ slug, form, origin }) {
      const now = clock.now().toISOString();
      const checked = checkCommentForm(form);
      const result = await transact(db, async (trx) => {
        const article = await repo.findCommentableArticle(trx, slug, now);
        if (!article) throw notFound();
        if (article.comments_open !== 1) throw new AppError('COMMENT_CLOSED');
        if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.fields });
        const input = checked.input;
        let parentId = input.parentId;
        if (parentId !== null) {
          // As WordPress does: a reply to a comment that is not approved, or on another article, becomes top level.
          const parent = await repo.findComment(trx, parentId);
          if (!parent || parent.article_id !== article.id || parent.status !== 'approved') parentId = null;
        }
        const status: CommentStatus = 'pending';
        const id = await repo.insertComment(trx, {
          article_id: article.id,
          parent_id: parentId,
          author_name: input.authorName,
          author_email: input.authorEmail,
          author_url: input.authorUrl,
          body: input.body,
          status,
          ip_hash: origin.ip ? deps.ipSigner.sign(`ip:${origin.ip}`) : null,
          user_agent: origin.userAgent.slice(0, 254) || null,
          created_at: now,
        });
        return { id, status, articleId: article.id };
      });
      events.emit('commentCreated', {
        commentId: result.id,
        articleId: result.articleId,
        status: result.status,
      });
      return result;
    },
    listApproved: (articleId) => repo.listApproved(db, articleId),
    countApproved: (ids) => repo.countApproved(db, ids),
    async importComment(values) {
      const id = await repo.insertComment(db, { ...values, ip_hash: null, user_agent: null });
      events.emit('commentCreated', { commentId: id, articleId: values.article_id, status: values.status });
      return id;
    },
  };
}
