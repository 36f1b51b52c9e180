import type { Clock } from '../../platform/clock.ts';
import { createGroupCommit, lockKeys, transact, type Db } from '../../platform/db/database.ts';
import type { CommentStatus } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import type { Signer } from '../../platform/secrets.ts';
import { readId } from '../../platform/validation.ts';
import type { Settings } from '../settings/index.ts';
import { databaseFloodGuard, type CommentFloodGuard } from './flood.ts';
import { decideStatus, type ModerationDecision } from './moderation.ts';
import * as repo from './repository.ts';
import { areCommentsOpen, PREVIEW_LIFETIME_MS } from './rules.ts';
import { checkCommentForm, COMMENT_LIMITS, type CommentFormValues } from './schemas.ts';

/** Who sent a comment, as the HTTP layer saw them. The IP is kept only as a keyed hash. */
export interface CommentOrigin {
  ip: string;
  userAgent: string;
}

/** A stored comment, as posting reports it. */
export interface PostedComment {
  id: number;
  articleId: number;
  status: CommentStatus;
  reason: ModerationDecision['reason'];
  /** For a comment that is not approved: the signed query that shows it to its writer for a while. */
  preview?: { unapproved: string; hash: string };
}

/**
 * The moderation actions, as WordPress names them. Restore takes a comment out of spam or trash and
 * puts it back where it was: approved if it was approved, otherwise pending.
 */
export type ModerationAction = 'approve' | 'spam' | 'trash' | 'restore';

const actionStatus: Record<ModerationAction, CommentStatus> = {
  approve: 'approved',
  spam: 'spam',
  trash: 'trash',
  restore: 'pending',
};

/** Comment use cases. */
export interface CommentService {
  /**
   * Checks and stores a reader's comment in one transaction, applying the rules in order: article
   * state, fields, duplicate, flood, then the moderation rules that decide the status.
   */
  postComment(args: { slug: string; form: CommentFormValues; origin: CommentOrigin }): Promise<PostedComment>;
  /** Approved comments of an article, oldest first, without private fields. */
  listApproved(articleId: number): Promise<repo.PublicComment[]>;
  /** A held comment for its writer, when the signed link is valid and fresh; otherwise undefined. */
  findPreview(args: { articleId: number; id: string; hash: string }): Promise<repo.PublicComment | undefined>;
  /** Approved comment counts for several articles. */
  countApproved(articleIds: readonly number[]): Promise<Map<number, number>>;
  /** Moderates comments; returns the ids that changed. */
  moderate(ids: readonly number[], action: ModerationAction): Promise<number[]>;
  /** One page of a moderation queue (all statuses when none is given), with every queue's count. */
  moderationQueue(args: {
    status?: CommentStatus;
    email?: string;
    page: number;
    perPage: number;
  }): Promise<ModerationQueue>;
  /** One comment as the edit screen shows it, private fields included, or undefined. */
  findForEditing(id: number): Promise<ModerationItem | undefined>;
  /** Rewrites a comment's name, email, website and text, checked as a reader's form is. */
  editComment(id: number, form: CommentEditValues): Promise<void>;
  /**
   * Replies as one of the publication's authors, approved at once: the one staff-reply use case, for
   * the newsroom and the `dateline comments reply` command alike, so both keep the same rules. The
   * text has a reader's length limit. A reply to a comment that is not approved yet approves it too
   * (WordPress's "Approve and Reply"): a reply must not show under a comment readers cannot see.
   */
  replyAsStaff(args: { parentId: number; author: StaffReplyAuthor; body: string }): Promise<PostedComment>;
  /** Comments for moderators, private fields included. */
  listForModeration(args: {
    status?: CommentStatus;
    email?: string;
    limit?: number;
  }): ReturnType<typeof repo.listForModeration>;
  /** Removes a person's personal data (name, email, website, IP hash, user agent) from all their comments. */
  eraseByEmail(email: string): Promise<number>;
  /** The newest approved comments for a feed, site-wide or for one article. */
  latestApproved(args: { articleId?: number; limit: number }): ReturnType<typeof repo.listLatestApproved>;
  /** A published article's feed identity, or undefined. */
  findArticleForFeed(slug: string): Promise<{ id: number; slug: string; title: string } | undefined>;
  /** Stores a comment exactly as given, for imports and the sample publication. */
  importComment(values: Omit<repo.CommentWrite, 'ip_hash' | 'user_agent'>): Promise<number>;
}

/**
 * Whom a staff reply is written as: the signed-in user's author profile (the newsroom), or an author
 * named by slug (the command line, which has no signed-in user).
 */
export type StaffReplyAuthor = { id: number } | { slug: string };

/** A comment in the moderation screens: private fields included, for staff only. */
export type ModerationItem = Awaited<ReturnType<typeof repo.listQueuePage>>[number];

/** One page of a moderation queue. */
export interface ModerationQueue {
  comments: ModerationItem[];
  counts: Record<CommentStatus, number>;
  /** How many comments the whole filtered list holds, for paging. */
  total: number;
}

/** What a moderator typed into the edit form, verbatim. */
export interface CommentEditValues {
  author: string;
  email: string;
  url: string;
  comment: string;
}

/** What the comment service needs. The signers hash IPs and sign preview links with the installation's secrets. */
export interface CommentServiceDeps {
  db: Db;
  clock: Clock;
  events: Events;
  settings: { all(): Promise<Settings> };
  ipSigner: Signer;
  previewSigner: Signer;
  /** Finds a publication author by slug, for staff replies. */
  findAuthor(slug: string): Promise<{ id: number; name: string } | undefined>;
  /** Where the flood rule remembers recent posts: the stored comments unless Redis is shared (scale-out). */
  floodGuard?: CommentFloodGuard;
}

/** Builds the comment service. */
export function createCommentService(deps: CommentServiceDeps): CommentService {
  const { db, clock, events, previewSigner } = deps;
  const flood = deps.floodGuard ?? databaseFloodGuard();
  // Readers' posts share commits on SQLite (see createGroupCommit): at a thousand posts a second,
  // one commit each was most of the cost.
  const postInTransaction = createGroupCommit(db);

  const previewHash = (id: number, createdAt: string) => previewSigner.sign(`preview:${id}:${createdAt}`);

  function posted(
    id: number,
    articleId: number,
    decision: ModerationDecision,
    createdAt: string,
  ): PostedComment {
    const result: PostedComment = { id, articleId, status: decision.status, reason: decision.reason };
    // Spam gets the same signed link as a held comment: the sender cannot tell the difference.
    if (decision.status !== 'approved')
      result.preview = { unapproved: String(id), hash: previewHash(id, createdAt) };
    return result;
  }

  return {
    async postComment({ slug, form, origin }) {
      const now = clock.now();
      const nowIso = now.toISOString();
      const settings = await deps.settings.all();
      const checked = checkCommentForm(form);
      const ipHash = origin.ip ? deps.ipSigner.sign(`ip:${origin.ip}`) : null;
      let floodClaim: Awaited<ReturnType<CommentFloodGuard['claim']>>;
      const result = await postInTransaction(async (trx) => {
        const article = await repo.findCommentableArticle(trx, slug, nowIso);
        if (!article?.published_at) throw notFound();
        const isOpen = areCommentsOpen(
          {
            commentsOpen: article.comments_open === 1,
            closeAfterDays: article.comments_close_after_days,
            publishedAt: article.published_at,
          },
          settings['comments.close_after_days'],
          now,
        );
        if (!isOpen) throw new AppError('COMMENT_CLOSED');
        if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.fields });
        const input = checked.input;
        // Two posts from one reader at the same moment must not both pass the duplicate and flood
        // checks below: hold the reader's keys until this transaction ends.
        await lockKeys(trx, [
          `comment-email:${input.authorEmail}`,
          ...(ipHash ? [`comment-ip:${ipHash}`] : []),
        ]);

        // Duplicate before flood, as WordPress does, so an instant resubmission is told it is a duplicate.
        if (
          await repo.hasDuplicate(trx, { articleId: article.id, email: input.authorEmail, body: input.body })
        ) {
          throw new AppError('COMMENT_DUPLICATE');
        }
        const floodSeconds = settings['comments.flood_seconds'];
        if (floodSeconds > 0) {
          const reader = { ipHash, email: input.authorEmail };
          floodClaim = await flood.claim(trx, { reader, windowSeconds: floodSeconds, now });
          if (!floodClaim) throw new AppError('COMMENT_FLOOD');
        }

        let parentId = input.parentId;
        if (parentId !== null) {
          // As WordPress does: a reply to a comment that is not approved, or on another article, becomes top level.
          const parent = await repo.findComment(trx, parentId);
          if (!parent || parent.article_id !== article.id || parent.status !== 'approved') parentId = null;
        }

        const decision = decideStatus(
          {
            body: input.body,
            authorName: input.authorName,
            authorEmail: input.authorEmail,
            authorUrl: input.authorUrl,
            userAgent: origin.userAgent,
            isHoneypotFilled: form.honeypot.trim() !== '',
            isStaff: false,
            hasApprovedBefore: await repo.hasApprovedComment(trx, {
              name: input.authorName,
              email: input.authorEmail,
            }),
          },
          {
            maxLinks: settings['comments.max_links'],
            moderationWords: settings['comments.moderation_words'],
            blockWords: settings['comments.block_words'],
            firstCommentHeld: settings['comments.first_comment_held'],
          },
        );
        const id = await repo.insertComment(trx, {
          article_id: article.id,
          parent_id: parentId,
          author_name: input.authorName,
          author_email: input.authorEmail,
          author_url: input.authorUrl,
          body: input.body,
          status: decision.status,
          ip_hash: ipHash,
          user_agent: origin.userAgent.slice(0, 254) || null,
          created_at: nowIso,
        });
        return posted(id, article.id, decision, nowIso);
      }).catch(async (error: unknown) => {
        // Not stored after all (rolled back): the flood window must not count this post.
        await floodClaim?.release().catch(() => undefined);
        throw error;
      });
      events.emit('commentCreated', {
        commentId: result.id,
        articleId: result.articleId,
        status: result.status,
      });
      return result;
    },

    listApproved: (articleId) => repo.listApproved(db, articleId),

    async findPreview({ articleId, id, hash }) {
      const previewId = readId(id);
      if (previewId === undefined || hash.length > 100) return undefined;
      const comment = await repo.findForPreview(db, previewId);
      if (!comment || comment.article_id !== articleId) return undefined;
      if (comment.status !== 'pending' && comment.status !== 'spam') return undefined;
      if (!previewSigner.verify(`preview:${comment.id}:${comment.created_at}`, hash)) return undefined;
      if (clock.now().getTime() - new Date(comment.created_at).getTime() > PREVIEW_LIFETIME_MS)
        return undefined;
      const { status: _status, article_id: _article, ...visible } = comment;
      return visible;
    },

    countApproved: (ids) => repo.countApproved(db, ids),

    async moderate(ids, action) {
      const changed = await transact(db, async (trx) =>
        action === 'restore'
          ? repo.restoreStatus(trx, ids)
          : (await repo.setStatus(trx, ids, actionStatus[action])).map((r) => ({
              ...r,
              status: actionStatus[action],
            })),
      );
      for (const row of changed) {
        events.emit('commentStatusChanged', {
          commentId: row.id,
          articleId: row.article_id,
          status: row.status,
          previousStatus: row.previous_status,
        });
      }
      return changed.map((r) => r.id);
    },

    async moderationQueue({ status, email, page, perPage }) {
      const filter = { ...(email !== undefined && { email: email.trim().toLowerCase() }) };
      const counts = await repo.countByStatus(db, filter);
      const total = status ? counts[status] : Object.values(counts).reduce((a, b) => a + b, 0);
      const comments = await repo.listQueuePage(db, {
        ...filter,
        ...(status && { status }),
        limit: perPage,
        offset: (page - 1) * perPage,
      });
      return { comments, counts, total };
    },

    findForEditing: (id) => repo.findForEditing(db, id),

    async editComment(id, form) {
      const result = await transact(db, async (trx) => {
        const comment = await repo.findForEditing(trx, id);
        if (!comment) throw notFound();
        // A staff reply is written as an author profile and has no email; it may stay without one.
        const keepsNoEmail = comment.author_id !== null && form.email.trim() === '';
        const checked = checkCommentForm({
          ...form,
          email: keepsNoEmail ? 'staff@example.invalid' : form.email,
          comment_parent: '',
          consent: false,
          honeypot: '',
        });
        if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.fields });
        await repo.updateCommentText(trx, id, {
          author_name: checked.input.authorName,
          author_email: keepsNoEmail ? '' : checked.input.authorEmail,
          author_url: checked.input.authorUrl,
          body: checked.input.body,
        });
        return comment;
      });
      events.emit('commentEdited', {
        commentId: result.id,
        articleId: result.article_id,
        status: result.status,
      });
    },

    async replyAsStaff({ parentId, author: authorRef, body }) {
      const text = body.trim();
      if (text === '')
        throw new AppError('VALIDATION_FAILED', { fields: { comment: 'Please type a reply.' } });
      if (text.length > COMMENT_LIMITS.comment)
        throw new AppError('VALIDATION_FAILED', {
          fields: { comment: `The reply is too long: at most ${COMMENT_LIMITS.comment} characters.` },
        });
      // The author table belongs to the authors module: a slug is looked up through it, before the
      // transaction, as no write depends on it.
      const bySlug = 'slug' in authorRef ? await deps.findAuthor(authorRef.slug) : undefined;
      const nowIso = clock.now().toISOString();
      const { reply, approvedParent } = await transact(db, async (trx) => {
        const author = 'slug' in authorRef ? bySlug : await repo.findAuthorName(trx, authorRef.id);
        if (!author)
          throw new AppError('VALIDATION_FAILED', {
            fields: {
              author:
                'slug' in authorRef
                  ? `There is no author "${authorRef.slug}".`
                  : 'Your account has no author profile to reply as.',
            },
          });
        const parent = await repo.findComment(trx, parentId);
        if (!parent) throw new AppError('NOT_FOUND', { message: `There is no comment ${parentId}.` });
        const approved =
          parent.status === 'approved' ? [] : await repo.setStatus(trx, [parent.id], 'approved');
        const id = await repo.insertComment(trx, {
          article_id: parent.article_id,
          parent_id: parent.id,
          author_name: author.name,
          author_email: '',
          author_url: null,
          body: text,
          status: 'approved',
          ip_hash: null,
          user_agent: null,
          created_at: nowIso,
          author_id: author.id,
        });
        return {
          reply: posted(id, parent.article_id, { status: 'approved', reason: 'staff' }, nowIso),
          approvedParent: approved,
        };
      });
      for (const row of approvedParent)
        events.emit('commentStatusChanged', {
          commentId: row.id,
          articleId: row.article_id,
          status: 'approved',
          previousStatus: row.previous_status,
        });
      events.emit('commentCreated', {
        commentId: reply.id,
        articleId: reply.articleId,
        status: reply.status,
      });
      return reply;
    },

    listForModeration: ({ status, email, limit = 100 }) =>
      repo.listForModeration(db, {
        ...(status && { status }),
        ...(email && { email: email.trim().toLowerCase() }),
        limit,
      }),

    async eraseByEmail(email) {
      const changed = await transact(db, (trx) => repo.anonymiseByEmail(trx, email.trim().toLowerCase()));
      for (const row of changed)
        events.emit('commentStatusChanged', {
          commentId: row.id,
          articleId: row.article_id,
          status: row.previous_status,
          previousStatus: row.previous_status,
        });
      return changed.length;
    },

    latestApproved: ({ articleId, limit }) =>
      repo.listLatestApproved(db, {
        ...(articleId !== undefined && { articleId }),
        limit,
        now: clock.now().toISOString(),
      }),

    async findArticleForFeed(slug) {
      const article = await repo.findCommentableArticle(db, slug, clock.now().toISOString());
      return article && { id: article.id, slug: article.slug, title: article.title };
    },

    async importComment(values) {
      const id = await repo.insertComment(db, { ...values, ip_hash: null, user_agent: null });
      events.emit('commentCreated', { commentId: id, articleId: values.article_id, status: values.status });
      return id;
    },
  };
}
