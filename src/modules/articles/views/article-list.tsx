import { formatDate } from '../../../platform/render/html.ts';
import { authorPath } from '../../authors/index.ts';
import type { ArticleSummary } from '../service.ts';
import { ListPicture } from './list-picture.tsx';

/** "By A and B", each name linked to the author's page. */
export function Byline({ authors }: { authors: ArticleSummary['authors'] }) {
  if (authors.length === 0) return null;
  return (
    <span class="byline-names">
      By{' '}
      {authors.map((a, i) => (
        <>
          {i > 0 && (i === authors.length - 1 ? ' and ' : ', ')}
          <a href={authorPath(a)} rel="author">
            {a.name}
          </a>
        </>
      ))}
    </span>
  );
}

/** The tags of an article, each linked to its page. */
export function TagLinks({ tags }: { tags: ArticleSummary['tags'] }) {
  if (tags.length === 0) return null;
  return (
    <ul class="tags" aria-label="Tags">
      {tags.map((t) => (
        <li>
          <a href={`/tag/${t.slug}/`} rel="tag">
            {t.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * A list of articles: picture, headline, standfirst, byline, date, tags and comment count. `lead` marks
 * the first item as the page's lead story (the front page's newest), which the theme sets larger and
 * whose picture loads first; every other picture loads as the reader scrolls to it.
 */
export function ArticleList({
  items,
  timezone,
  headingLevel = 2,
  layout = 'stack',
  lead = false,
}: {
  items: ArticleSummary[];
  timezone: string;
  headingLevel?: 2 | 3;
  /** 'grid' lays the items out in columns on wide screens (the front page); 'stack' keeps one column. */
  layout?: 'stack' | 'grid';
  lead?: boolean;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ol class={layout === 'grid' ? 'article-list article-grid' : 'article-list'}>
      {items.map((a, i) => (
        <li class={lead && i === 0 ? 'lead' : undefined}>
          <article>
            <ListPicture
              image={a.featuredImage}
              layout={layout}
              {...(lead && i === 0 && { priority: 'lead' as const })}
            />
            <Heading class="headline">
              <a href={`/${a.slug}/`}>{a.title}</a>
            </Heading>
            {a.standfirst && <p class="standfirst-small">{a.standfirst}</p>}
            <p class="meta">
              <Byline authors={a.authors} /> ·{' '}
              <time datetime={a.publishedAt}>{formatDate(a.publishedAt, timezone)}</time>
              {a.commentCount > 0 && (
                <>
                  {' '}
                  ·{' '}
                  <a href={`/${a.slug}/#comments`}>
                    {a.commentCount === 1 ? '1 comment' : `${a.commentCount} comments`}
                  </a>
                </>
              )}
            </p>
            <TagLinks tags={a.tags} />
          </article>
        </li>
      ))}
    </ol>
  );
}
