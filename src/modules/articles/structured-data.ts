import { defaultShareImage } from '../../platform/render/assets.ts';
import type { SiteInfo } from '../../platform/render/layout.tsx';
import type { ArticleDetail } from './service.ts';
import type { ArticleSource } from './sources.ts';

/**
 * What an article page's <head> says of it, besides structured data: its title, description and
 * address (the layout adds the site's name and the share image). The editor's search and share
 * preview uses the same, with the values being typed.
 */
export function articleHead(article: Pick<ArticleDetail, 'title' | 'standfirst' | 'slug'>): {
  title: string;
  description: string | undefined;
  canonical: string;
} {
  return {
    title: article.title,
    description: article.standfirst || undefined,
    canonical: `/${article.slug}/`,
  };
}

/** The publisher as schema.org sees it. */
export function publisherOf(site: SiteInfo): object {
  return {
    '@type': 'Organization',
    name: site.title,
    url: `${site.publicUrl}/`,
    logo: { '@type': 'ImageObject', url: `${site.publicUrl}${defaultShareImage.path}` },
  };
}

/**
 * schema.org NewsArticle for an article page: what Google News and other readers of structured data
 * take from it. Each source the story is based on becomes an `isBasedOn` entry. No email is ever included.
 */
export function newsArticle(site: SiteInfo, article: ArticleDetail): object {
  const url = `${site.publicUrl}/${article.slug}/`;
  const based = article.sources.map(basedOn);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    ...(article.standfirst && { description: article.standfirst }),
    datePublished: article.publishedAt,
    dateModified: article.updatedAt > article.publishedAt ? article.updatedAt : article.publishedAt,
    author: article.authors.map((a) => ({
      '@type': 'Person',
      name: a.name,
      url: `${site.publicUrl}/author/${a.slug}/`,
    })),
    publisher: publisherOf(site),
    image: [`${site.publicUrl}${defaultShareImage.path}`],
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    inLanguage: site.language,
    // The primary section (Politics, not News › Politics: the BreadcrumbList carries the path).
    ...(article.section && { articleSection: article.section.name }),
    ...(article.tags.length > 0 && { keywords: article.tags.map((t) => t.name).join(', ') }),
    // One CreativeWork per source: a single object for one (as before), an array for several,
    // both of which schema.org reads as the property's values.
    ...(based.length > 0 && { isBasedOn: based.length === 1 ? based[0] : based }),
  };
}

/** One source as schema.org's CreativeWork: the report's address, and the outlet as its publisher. */
function basedOn(source: ArticleSource): object {
  return {
    '@type': 'CreativeWork',
    ...(source.url && { url: source.url }),
    publisher: { '@type': 'Organization', name: source.name },
  };
}
