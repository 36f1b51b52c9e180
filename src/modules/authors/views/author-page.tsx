import { breadcrumbList } from '../../../platform/render/breadcrumbs.ts';
import { Layout, type SiteInfo } from '../../../platform/render/layout.tsx';
import { Pagination } from '../../../platform/render/pagination.tsx';
import type { ArticlePage } from '../../articles/index.ts';
import { ArticleList } from '../../articles/http.ts';
import type { PublicAuthor } from '../repository.ts';
import { Avatar } from '../../../platform/render/avatar.tsx';
import { authorPath } from '../paths.ts';

/** schema.org ProfilePage about the author, as a Person. No email. */
function profilePage(site: SiteInfo, author: PublicAuthor): object {
  const url = `${site.publicUrl}${authorPath(author)}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    url,
    mainEntity: {
      '@type': 'Person',
      name: author.name,
      url,
      ...(author.bio && { description: author.bio }),
      ...(author.website && { sameAs: [author.website] }),
      ...(author.avatar_url && {
        image: author.avatar_url.startsWith('/')
          ? `${site.publicUrl}${author.avatar_url}`
          : author.avatar_url,
      }),
    },
  };
}

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
  const path = authorPath(author);
  return (
    <Layout
      site={site}
      title={list.page > 1 ? `${author.name}, page ${list.page}` : author.name}
      description={author.bio || undefined}
      canonical={list.page > 1 ? `${path}page/${list.page}/` : path}
      og={{ type: 'profile' }}
      jsonLd={[
        profilePage(site, author),
        breadcrumbList(site.publicUrl, [
          { name: site.title, path: '/' },
          { name: author.name, path },
        ]),
      ]}
      feeds={[{ title: `${author.name} – RSS`, href: `${path}feed/`, type: 'application/rss+xml' }]}
    >
      <header class="page-header author-header">
        <Avatar author={author} size={96} />
        <div>
          <p class="kicker">Author</p>
          <h1>{author.name}</h1>
          <p class="page-description">{author.bio}</p>
          {author.website && (
            <p>
              <a href={author.website} rel="me noopener">
                Website
              </a>
            </p>
          )}
        </div>
      </header>
      <h2 class="section-title">Articles by {author.name}</h2>
      {list.items.length === 0 ? (
        <p>No articles yet.</p>
      ) : (
        <ArticleList items={list.items} timezone={site.timezone} headingLevel={3} />
      )}
      <Pagination base={path} page={list.page} hasNext={list.hasNext} />
    </Layout>
  );
}
