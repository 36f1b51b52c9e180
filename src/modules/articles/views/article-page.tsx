import { raw } from 'hono/html';
import { formatDate } from '../../../platform/render/html.ts';
import { Layout, type SiteInfo } from '../../../platform/render/layout.tsx';
import { ResponsiveImage } from '../../uploads/http.ts';
import type { PublicComment } from '../../comments/index.ts';
import { CommentsSection, type CommentFormState } from '../../comments/http.ts';
import type { FeaturedImage } from '../featured-image.ts';
import type { ArticleDetail } from '../service.ts';
import { breadcrumbList } from '../../../platform/render/breadcrumbs.ts';
import { correctionsPolicyPath } from '../../pages/index.ts';
import { sectionPaths } from '../../sections/index.ts';
import { articleHead, newsArticle } from '../structured-data.ts';
import { Byline, TagLinks } from './article-list.tsx';
import { AuthorBox } from './author-box.tsx';

/** Everything an article page shows. */
export interface ArticlePageProps {
  site: SiteInfo;
  article: ArticleDetail;
  comments: PublicComment[];
  form: CommentFormState;
  maxDepth: number;
  /** Whether the form is shown: the article's switch and the site's close-after-days together. */
  commentsOpen: boolean;
  preview?: PublicComment | undefined;
  replyTo?: PublicComment | undefined;
  commentScriptPath: string;
  /**
   * Set when the page is a preview (the newsroom's, or a private link's): the banner's words. The page
   * is then kept out of search engines and shows no comments.
   */
  previewBanner?: string | undefined;
}

// The article column is at most about 46rem wide; phones use the screen's width.
const ARTICLE_IMAGE_SIZES = '(min-width: 48rem) 46rem, 100vw';

/** The article's picture, at the top of the page: loaded at once, sized by the browser. */
function FeaturedPicture({ image }: { image: FeaturedImage }) {
  return (
    <figure class="featured-image">
      <ResponsiveImage upload={image.upload} alt={image.alt} sizes={ARTICLE_IMAGE_SIZES} loading="eager" />
    </figure>
  );
}

/** The article page: headline, standfirst, byline, body, tags, source, author boxes, comments and form. */
export function ArticlePage({
  site,
  article,
  comments,
  form,
  maxDepth,
  commentsOpen,
  preview,
  replyTo,
  commentScriptPath,
  previewBanner,
}: ArticlePageProps) {
  const isUpdated = article.updatedAt > article.publishedAt;
  // The primary section is the kicker and the breadcrumbs' middle (News › Politics); an article
  // without one (none can be saved so, but a row may predate sections) falls back to its first tag.
  const section = article.section;
  const firstTag = article.tags[0];
  const kicker = section
    ? { name: section.name, path: sectionPaths(section.slug).page }
    : firstTag
      ? { name: firstTag.name, path: `/tag/${firstTag.slug}/` }
      : undefined;
  const trail = [
    { name: site.title, path: '/' },
    ...(section?.parent ? [{ name: section.parent.name, path: sectionPaths(section.parent.slug).page }] : []),
    ...(kicker ? [kicker] : []),
    { name: article.title, path: `/${article.slug}/` },
  ];
  const og: [string, string][] = [
    ['article:published_time', article.publishedAt],
    ['article:modified_time', article.updatedAt],
    ...article.authors.map((a): [string, string] => [
      'article:author',
      `${site.publicUrl}/author/${a.slug}/`,
    ]),
    ...article.tags.map((t): [string, string] => ['article:tag', t.name]),
  ];
  return (
    <Layout
      site={site}
      {...articleHead(article)}
      og={{ type: 'article', extra: og }}
      jsonLd={[newsArticle(site, article), breadcrumbList(site.publicUrl, trail)]}
      noindex={previewBanner !== undefined}
    >
      {previewBanner !== undefined && (
        <p class="preview-banner" role="note">
          <strong>Preview</strong> {previewBanner}
        </p>
      )}
      <article class="article">
        <header class="article-header">
          {kicker && (
            <p class="kicker">
              {section?.parent && (
                <>
                  <a href={sectionPaths(section.parent.slug).page}>{section.parent.name}</a> ›{' '}
                </>
              )}
              <a href={kicker.path}>{kicker.name}</a>
            </p>
          )}
          <h1>{article.title}</h1>
          {article.standfirst && <p class="standfirst">{article.standfirst}</p>}
          <p class="byline">
            <Byline authors={article.authors} /> ·{' '}
            <time datetime={article.publishedAt}>{formatDate(article.publishedAt, site.timezone)}</time>
            {isUpdated && (
              <>
                {' '}
                · Updated{' '}
                <time datetime={article.updatedAt}>{formatDate(article.updatedAt, site.timezone)}</time>
              </>
            )}
          </p>
          {article.updateNote && (
            <p class="update-note">
              <strong>
                Updated{' '}
                <time datetime={article.updateNote.at}>
                  {formatDate(article.updateNote.at, site.timezone)}
                </time>
                :
              </strong>{' '}
              {article.updateNote.text}{' '}
              <a href={correctionsPolicyPath} class="corrections-policy">
                How we correct mistakes
              </a>
            </p>
          )}
        </header>
        {article.featuredImage && <FeaturedPicture image={article.featuredImage} />}
        {/* body_html is the body as sanitised and rendered when the article was saved. */}
        <div class="article-body">{raw(article.bodyHtml)}</div>
        {article.sources.length > 0 && (
          <p class="source">
            Original Source:{' '}
            {article.sources.map((source, i) => (
              <>
                {i > 0 && ', '}
                {source.url ? (
                  <a href={source.url} rel="noopener">
                    {source.name}
                  </a>
                ) : (
                  source.name
                )}
              </>
            ))}
          </p>
        )}
        <TagLinks tags={article.tags} />
        <p class="print-only">
          This article: <span class="print-url">{`${site.publicUrl}/${article.slug}/`}</span>
        </p>
        {article.authors.map((author) => (
          <AuthorBox author={author} />
        ))}
      </article>
      {previewBanner === undefined && (
        <CommentsSection
          slug={article.slug}
          comments={comments}
          isOpen={commentsOpen}
          form={form}
          maxDepth={maxDepth}
          timezone={site.timezone}
          staffAuthorIds={article.authors.map((a) => a.id)}
          preview={preview}
          replyTo={replyTo}
          scriptPath={commentScriptPath}
        />
      )}
    </Layout>
  );
}
