/** The path of an author's page. */
export function authorPath(author: { slug: string }): string {
  return `/author/${author.slug}/`;
}
