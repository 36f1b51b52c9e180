import { initials } from './html.ts';

/** A person's picture, or their initials where there is none. Always the same size, so nothing shifts. */
export function Avatar({
  author,
  size = 64,
}: {
  author: { name: string; avatar_url: string | null };
  size?: number;
}) {
  return author.avatar_url ? (
    <img class="avatar" src={author.avatar_url} alt="" width={size} height={size} loading="lazy" />
  ) : (
    <span class="avatar" aria-hidden="true">
      {initials(author.name)}
    </span>
  );
}
