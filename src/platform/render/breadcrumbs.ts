/** One step of a breadcrumb trail: a name and a site-relative path. */
export interface Crumb {
  name: string;
  path: string;
}

/** schema.org BreadcrumbList for a trail that starts at the front page. */
export function breadcrumbList(publicUrl: string, trail: readonly Crumb[]): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: crumb.name,
      item: `${publicUrl}${crumb.path}`,
    })),
  };
}
