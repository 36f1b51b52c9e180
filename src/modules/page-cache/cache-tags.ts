import type { ArticleListing, DomainEvents } from '../../platform/events.ts';

/**
 * The names of what cached pages depend on. A page lists every tag for what it shows; a change
 * drops exactly the pages that list its tag.
 */
export const cacheTags = {
  /** Every page shows the site's name and settings, and its header and footer menus. */
  settings: 'settings',
  /** An article's own content: its page, and every list or feed entry that shows it. */
  article: (id: number) => `article:${id}`,
  /** An article's approved comments: its page, comment counts in lists, its comment feed. */
  comments: (articleId: number) => `comments:${articleId}`,
  /** The site-wide comment feed. */
  allComments: 'comments',
  /** An author's name, bio and picture, wherever they show. */
  author: (id: number) => `author:${id}`,
  /** A tag's name, wherever it shows. */
  tag: (id: number) => `tag:${id}`,
  /** A section's name and place, wherever they show (article kickers and breadcrumbs). */
  section: (id: number) => `section:${id}`,
  /** Which articles the front page, the site feed and the article sitemap list. */
  frontList: 'list:front',
  /** The newsroom's choices for the front page (lead, pins, section rows): the first page only. */
  frontPage: 'front-page',
  /** Which articles an author's page and feed list. */
  authorList: (id: number) => `list:author:${id}`,
  /** Which articles a tag's page and feed list. */
  tagList: (id: number) => `list:tag:${id}`,
  /** Which articles a section's page and feeds list (its own and its child sections'). */
  sectionList: (id: number) => `list:section:${id}`,
  /** The list of sections (the section sitemap, the API's section list). */
  sections: 'sections',
  /** A standing page's own content (About, Contact): its page only. */
  page: (id: number) => `page:${id}`,
  /** Which standing pages readers may see, and where (the page sitemap, search results). */
  pages: 'pages',
  /** Anything any visible article shows (the article sitemap's dates, search results). */
  anyArticle: 'articles',
  /** The list of authors readers may see (sitemaps, the API), which follows visible articles. */
  authors: 'authors',
  /** The list of tags readers may see (sitemaps, the API), which follows visible articles. */
  tags: 'tags',
} as const;

/**
 * What a list of articles depends on: each entry's content, bylines, tags and section, and its
 * comment count where the list shows one (pages do; feeds do not).
 */
export function tagsForArticles(
  items: readonly {
    id: number;
    authors: readonly { id: number }[];
    tags: readonly { id: number }[];
    section?: { id: number; parent: { id: number } | null } | null;
  }[],
  options: { withComments?: boolean } = {},
): string[] {
  const withComments = options.withComments ?? true;
  return items.flatMap((a) => [
    cacheTags.article(a.id),
    ...(withComments ? [cacheTags.comments(a.id)] : []),
    ...a.authors.map((x) => cacheTags.author(x.id)),
    ...a.tags.map((x) => cacheTags.tag(x.id)),
    ...(a.section ? [cacheTags.section(a.section.id)] : []),
    ...(a.section?.parent ? [cacheTags.section(a.section.parent.id)] : []),
  ]);
}

function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function listTags(listing: ArticleListing): string[] {
  return [
    cacheTags.frontList,
    ...listing.authorIds.map((id) => cacheTags.authorList(id)),
    ...listing.tagIds.map((id) => cacheTags.tagList(id)),
    ...listing.sectionIds.map((id) => cacheTags.sectionList(id)),
  ];
}

/** Which lists an article's save changes: none, unless it entered, left or moved within them. */
function listChanges(before: ArticleListing | null, after: ArticleListing): string[] {
  if (!before) return after.isVisible ? [...listTags(after), cacheTags.tags, cacheTags.authors] : [];
  if (!before.isVisible && !after.isVisible) return [];
  const isSamePlace =
    before.isVisible === after.isVisible &&
    before.publishedAt === after.publishedAt &&
    sameMembers(before.authorIds, after.authorIds) &&
    sameMembers(before.tagIds, after.tagIds) &&
    sameMembers(before.sectionIds, after.sectionIds);
  if (isSamePlace) return [];
  const tagSetChanged = !sameMembers(before.tagIds, after.tagIds);
  // Which tags and authors readers may see follows their visible articles (a tag or an author with
  // none is private), so an article that shows or hides changes the tag and author lists.
  const visibilityChanged = before.isVisible !== after.isVisible;
  const bylineChanged = !sameMembers(before.authorIds, after.authorIds);
  return [
    ...new Set([
      ...(before.isVisible ? listTags(before) : []),
      ...(after.isVisible ? listTags(after) : []),
      ...(tagSetChanged || visibilityChanged ? [cacheTags.tags] : []),
      ...(bylineChanged || visibilityChanged ? [cacheTags.authors] : []),
    ]),
  ];
}

/** The cache tags a domain event invalidates. Pure, so each rule can be tested on its own. */
export function invalidationFor<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): string[] {
  switch (name) {
    case 'articleSaved': {
      const p = payload as DomainEvents['articleSaved'];
      // A draft that stays a draft changes no public page.
      if (!p.before?.isVisible && !p.after.isVisible) return [];
      // An article readers could not see may already have approved comments (unpublished, or
      // imported); once it shows, they join the site's comment feed. A new article has none.
      const commentsAppear = p.before !== null && !p.before.isVisible && p.after.isVisible;
      return [
        cacheTags.article(p.articleId),
        cacheTags.anyArticle,
        ...listChanges(p.before, p.after),
        ...(commentsAppear ? [cacheTags.allComments] : []),
      ];
    }
    case 'articleBecameVisible': {
      const p = payload as DomainEvents['articleBecameVisible'];
      return [
        cacheTags.article(p.articleId),
        cacheTags.anyArticle,
        ...listTags(p.after),
        cacheTags.tags,
        cacheTags.authors,
        cacheTags.allComments,
      ];
    }
    case 'articleDeleted':
      return [
        cacheTags.article((payload as DomainEvents['articleDeleted']).articleId),
        cacheTags.anyArticle,
        cacheTags.frontList,
      ];
    case 'authorSaved': {
      const p = payload as DomainEvents['authorSaved'];
      return [
        cacheTags.author(p.authorId),
        ...(p.created || p.slugChanged || p.listChanged ? [cacheTags.authors] : []),
      ];
    }
    case 'tagSaved':
      return [cacheTags.tag((payload as DomainEvents['tagSaved']).tagId)];
    case 'tagsChanged': {
      // A tag's name shows on every page that lists one of its articles (tag:<id>); its own page and
      // feed list its articles (list:tag:<id>); the tag sitemap and the API's tag list show which
      // tags exist and where (tags); an article that gained a tag shows it on its own page.
      const p = payload as DomainEvents['tagsChanged'];
      return [
        ...p.tagIds.flatMap((id) => [cacheTags.tag(id), cacheTags.tagList(id)]),
        ...(p.listChanged ? [cacheTags.tags] : []),
        ...p.articleIds.map((id) => cacheTags.article(id)),
        ...(p.articleIds.length > 0 ? [cacheTags.anyArticle] : []),
      ];
    }
    case 'sectionSaved': {
      // Its name shows on its articles' pages (section:<id>); its page, its parent's (old and new)
      // list its articles; the section sitemap and the API list every section. Every page's
      // header may list it (the default header is the sections; an edited one may link to it), and
      // sections change seldom, so every page goes.
      const p = payload as DomainEvents['sectionSaved'];
      return [
        cacheTags.section(p.sectionId),
        ...p.listIds.map((id) => cacheTags.sectionList(id)),
        cacheTags.sections,
        cacheTags.settings,
      ];
    }
    case 'pageSaved': {
      // A draft that stays a draft is on no public page. A page is not in any article list, feed or
      // the front page: only its own page, its children's (breadcrumbs, addresses), the page
      // sitemap and search results show it.
      const p = payload as DomainEvents['pageSaved'];
      if (!p.wasVisible && !p.isVisible) return [];
      return [...p.pageIds.map((id) => cacheTags.page(id)), cacheTags.pages];
    }
    case 'frontPageChanged':
      // Which stories lead, which are pinned and which sections show: only the first front page.
      return [cacheTags.frontPage];
    case 'commentCreated': {
      const p = payload as DomainEvents['commentCreated'];
      return p.status === 'approved' ? [cacheTags.comments(p.articleId), cacheTags.allComments] : [];
    }
    case 'commentStatusChanged': {
      const p = payload as DomainEvents['commentStatusChanged'];
      // Only a comment that is, or was, approved is on a public page.
      return p.status === 'approved' || p.previousStatus === 'approved'
        ? [cacheTags.comments(p.articleId), cacheTags.allComments]
        : [];
    }
    case 'commentEdited': {
      const p = payload as DomainEvents['commentEdited'];
      // Only an approved comment's words are on a public page.
      return p.status === 'approved' ? [cacheTags.comments(p.articleId), cacheTags.allComments] : [];
    }
    // Every page draws the menus; a change to them drops every page at once.
    case 'menusChanged':
    case 'settingsChanged':
      return [cacheTags.settings];
    default:
      return [];
  }
}
