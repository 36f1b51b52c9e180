import { Layout, type SiteInfo } from '../../../platform/render/layout.tsx';
import { Pagination } from '../../../platform/render/pagination.tsx';
import type { ArticlePage } from '../../articles/index.ts';
import { ArticleList } from '../../articles/index.ts';
import type { PublicAuthor } from '../repository.ts';
import { Avatar, authorPath } from './author-box.tsx';

/** An author's page: who they are, then their articles, newest first. */
export function AuthorPage({
  site,
  author,
  list,
}: {
  site: SiteInfo;
  author: PublicAuthor;
  list: ArticlePage;
}) {
  return (
    <Layout
      site={site}
      title={list.page > 1 ? `${author.name}, page ${list.page}` : author.name}
      description={author.bio || undefined}
    >
      <header class="author-header author-box">
        <Avatar author={author} />
        <div>
          <h1>{author.name}</h1>
          <p>{author.bio}</p>
          {author.website && (
            <p>
              <a href={author.website} rel="me noopener">
                Website
              </a>
            </p>
          )}
        </div>
      </header>
      <h2>Articles by {author.name}</h2>
      {list.items.length === 0 ? (
        <p>No articles yet.</p>
      ) : (
        <ArticleList items={list.items} timezone={site.timezone} headingLevel={3} />
      )}
      <Pagination base={authorPath(author)} page={list.page} totalPages={list.totalPages} />
    </Layout>
  );
}
