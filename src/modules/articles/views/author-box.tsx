import { Avatar } from '../../../platform/render/avatar.tsx';
import { authorPath, type PublicAuthor } from '../../authors/index.ts';

/** "About <author>" with bio, avatar and a link to all their articles: the foot of an article page. */
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
