import { renderDocument } from '../../platform/render/html.ts';
import { emptyCommentForm, type CommentFormState, type CommentService } from '../comments/index.ts';
import { toSiteInfo, type SettingsService } from '../settings/index.ts';
import type { ArticleService } from './service.ts';
import { ArticlePage } from './views/article-page.tsx';

/** Renders a whole article page; the comment routes use it to show a rejected form in place. */
export interface ArticlePages {
  /** The page's HTML, or undefined when no published article has this slug. */
  render(slug: string, form?: CommentFormState): Promise<string | undefined>;
}

/** Builds the article page renderer. */
export function createArticlePages(deps: {
  articles: ArticleService;
  comments: CommentService;
  settings: SettingsService;
}): ArticlePages {
  return {
    async render(slug, form = emptyCommentForm) {
      const [article, settings] = await Promise.all([deps.articles.getPublished(slug), deps.settings.all()]);
      if (!article) return undefined;
      const comments = await deps.comments.listApproved(article.id);
      return renderDocument(
        <ArticlePage
          site={toSiteInfo(settings)}
          article={article}
          comments={comments}
          form={form}
          maxDepth={settings['comments.max_depth']}
        />,
      );
    },
  };
}
