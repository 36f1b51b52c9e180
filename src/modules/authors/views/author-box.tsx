import { initials } from '../../../platform/render/html.ts';
import type { PublicAuthor } from '../repository.ts';

/** The author's picture, or their initials where there is none. Always the same size, so nothing shifts. */
export function Avatar({ author, size = 64 }: { author: PublicAuthor; size?: number }) {
  return author.avatar_url ? (
    <img class="avatar" src={author.avatar_url} alt="" width={size} height={size} loading="lazy" />
  ) : (
    <span class="avatar" aria-hidden="true">
      {initials(author.name)}
    </span>
  );
}

/** The path of an author's page. */
export function authorPath(author: { slug: string }): string {
  return `/author/${author.slug}/`;
}

/** "About <author>" with bio, avatar and a link to all their articles. */
export function AuthorBox({ author }: { author: PublicAuthor }) {
  return (
    <aside class="author-box" aria-label={`About ${author.name}`}>
      <Avatar author={author} />
      <div>
        <h2>About {author.name}</h2>
        <p>{author.bio}</p>
        <p class="author-link">
          <a href={authorPath(author)}>View all posts by {author.name} →</a>
        </p>
      </div>
    </aside>
  );
}
