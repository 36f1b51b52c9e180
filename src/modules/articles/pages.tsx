import { renderDocument } from '../../platform/render/html.ts';
import type { SiteMenuSource } from '../../platform/render/layout.tsx';
import { areCommentsOpen, type CommentService } from '../comments/index.ts';
import { emptyCommentForm, type CommentFormState } from '../comments/http.ts';
import { toSiteInfo, type SettingsService } from '../settings/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { cacheTags, tagsForArticles } from '../page-cache/index.ts';
import type { ArticleService } from './service.ts';
import { ArticlePage } from './views/article-page.tsx';

/** What can vary an article page beyond its article. */
export interface ArticlePageOptions {
  /** The comment form's state: a rejected post's values and errors, or a notice. */
  form?: CommentFormState;
  /** The signed `?unapproved=&moderation-hash=` pair from a comment redirect. */
  preview?: { id: string; hash: string };
  /** `?replytocom=`: the comment a reader is replying to without script. */
  replyTo?: string;
}

/** A rendered article page, and whether it shows something meant for one reader only. */
export interface RenderedArticle {
  html: string;
  /** What the page shows, for the page cache. */
  tags: string[];
  /** When the article last changed. */
  updatedAt: string;
  /** True when the page shows a held comment to its writer: never cache it where others could read it. */
  isPrivate: boolean;
  /** True when the page opens the reply form under one of its comments (`?replytocom=`). */
  isReplying: boolean;
}

/** Renders a whole article page; the comment routes use it to show a rejected form in place. */
export interface ArticlePages {
  /** The page, or undefined when no published article has this slug. */
  render(slug: string, options?: ArticlePageOptions): Promise<RenderedArticle | undefined>;
}

/** Builds the article page renderer. */
export function createArticlePages(deps: {
  articles: ArticleService;
  comments: CommentService;
  settings: SettingsService;
  /** The header and footer menus, for the layout. */
  menus: SiteMenuSource;
  clock: Clock;
  commentScriptPath: string;
  publicUrl: string;
}): ArticlePages {
  return {
    async render(slug, options = {}) {
      const [article, settings, menus] = await Promise.all([
        deps.articles.getPublished(slug),
        deps.settings.all(),
        deps.menus.resolved(),
      ]);
      if (!article) return undefined;
      const [comments, preview] = await Promise.all([
        deps.comments.listApproved(article.id),
        options.preview
          ? deps.comments.findPreview({ articleId: article.id, ...options.preview })
          : undefined,
      ]);
      const replyTo = options.replyTo ? comments.find((c) => String(c.id) === options.replyTo) : undefined;
      const isOpen = areCommentsOpen(
        {
          commentsOpen: article.commentsOpen,
          closeAfterDays: article.commentsCloseAfterDays,
          publishedAt: article.publishedAt,
        },
        settings['comments.close_after_days'],
        deps.clock.now(),
      );
      const html = renderDocument(
        <ArticlePage
          site={toSiteInfo(settings, deps.publicUrl, menus)}
          article={article}
          comments={comments}
          commentsOpen={isOpen}
          preview={preview}
          replyTo={replyTo}
          form={options.form ?? emptyCommentForm}
          maxDepth={settings['comments.max_depth']}
          commentScriptPath={deps.commentScriptPath}
        />,
      );
      return {
        html,
        isPrivate: preview !== undefined,
        isReplying: replyTo !== undefined,
        tags: [cacheTags.settings, ...tagsForArticles([article])],
        updatedAt: article.updatedAt,
      };
    },
  };
}
