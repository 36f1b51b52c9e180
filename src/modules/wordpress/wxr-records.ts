/**
 * What a WXR export holds, as records, and how each element's text fills them. The streaming reader is
 * in wxr.ts.
 */

/** The WXR version, read from the export namespace's URI (http://wordpress.org/export/1.2/). */
export type WxrVersion = '1.0' | '1.1' | '1.2';

/** The channel's own facts; yielded once, before any other record. */
export interface WxrSite {
  kind: 'site';
  version: WxrVersion;
  title: string;
  link: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
}

/** A `wp:author`: WordPress exports only these fields, and only authors who have posts. */
export interface WxrAuthor {
  kind: 'author';
  id: number | null;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
  line: number;
}

/** A `wp:category`, `wp:tag` or `wp:term`; parents are named by slug and come before their children. */
export interface WxrTerm {
  kind: 'category' | 'tag' | 'term';
  id: number | null;
  /** 'category', 'post_tag', or the term's `wp:term_taxonomy`. */
  taxonomy: string;
  slug: string;
  name: string;
  parentSlug: string;
  description: string;
  line: number;
}

/** A postmeta or commentmeta pair; the value is kept exactly (often PHP-serialized). */
export interface WxrMeta {
  key: string;
  value: string;
}

export interface WxrComment {
  id: number;
  author: string;
  email: string;
  url: string;
  ip: string;
  date: string;
  dateGmt: string;
  content: string;
  /** '1', '0', 'trash' or 'post-trashed' (WordPress never exports spam). */
  approved: string;
  /** '' or 'comment', 'pingback', 'trackback', … */
  type: string;
  parent: number;
  userId: number;
  meta: WxrMeta[];
}

/**
 * An item's `<category domain nicename>`. WXR 1.0's domain "tag" reads as "post_tag", and a category
 * without a domain as "category"; one without a nicename is dropped when the same name has one.
 */
export interface WxrItemTerm {
  domain: string;
  slug: string;
  name: string;
}

/** A post, page, attachment, menu item or custom post. Content and excerpt are exactly as written. */
export interface WxrItem {
  kind: 'item';
  line: number;
  title: string;
  link: string;
  guid: string;
  /** The author's login. */
  creator: string;
  content: string;
  excerpt: string;
  postId: number;
  postDate: string;
  postDateGmt: string;
  modified: string;
  modifiedGmt: string;
  commentStatus: string;
  postName: string;
  status: string;
  postParent: number;
  menuOrder: number;
  postType: string;
  /** In plain text, as WordPress stores it. */
  password: string;
  isSticky: boolean;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: WxrMeta[];
  comments: WxrComment[];
}

export type WxrRecord = WxrSite | WxrAuthor | WxrTerm | WxrItem;

/** Puts an element's text into a record. */
export type Setter<T> = (target: T, value: string) => void;

const trim = (value: string) => value.trim();
const toIntOrNull = (value: string) => (/^\s*-?\d+\s*$/.test(value) ? Number(value) : null);
const toInt = (value: string) => toIntOrNull(value) ?? 0;

// Fields are keyed `namespace:local` ('' for none). Scalars (ids, dates, slugs, logins) are trimmed;
// free text (titles, names, content, meta values) is kept as written.
export const SITE_FIELDS: Record<string, Setter<WxrSite>> = {
  ':title': (s, v) => (s.title = v),
  ':link': (s, v) => (s.link = trim(v)),
  'wp:base_site_url': (s, v) => (s.baseSiteUrl = trim(v)),
  'wp:base_blog_url': (s, v) => (s.baseBlogUrl = trim(v)),
};
export const AUTHOR_FIELDS: Record<string, Setter<WxrAuthor>> = {
  'wp:author_id': (a, v) => (a.id = toIntOrNull(v)),
  'wp:author_login': (a, v) => (a.login = trim(v)),
  'wp:author_email': (a, v) => (a.email = trim(v)),
  'wp:author_display_name': (a, v) => (a.displayName = v),
  'wp:author_first_name': (a, v) => (a.firstName = v),
  'wp:author_last_name': (a, v) => (a.lastName = v),
};
export const TERM_FIELDS: Record<string, Setter<WxrTerm>> = {
  'wp:term_id': (t, v) => (t.id = toIntOrNull(v)),
  'wp:category_nicename': (t, v) => (t.slug = trim(v)),
  'wp:category_parent': (t, v) => (t.parentSlug = trim(v)),
  'wp:cat_name': (t, v) => (t.name = v),
  'wp:category_description': (t, v) => (t.description = v),
  'wp:tag_slug': (t, v) => (t.slug = trim(v)),
  'wp:tag_name': (t, v) => (t.name = v),
  'wp:tag_description': (t, v) => (t.description = v),
  'wp:term_taxonomy': (t, v) => (t.taxonomy = trim(v)),
  'wp:term_slug': (t, v) => (t.slug = trim(v)),
  'wp:term_parent': (t, v) => (t.parentSlug = trim(v)),
  'wp:term_name': (t, v) => (t.name = v),
  'wp:term_description': (t, v) => (t.description = v),
};
export const ITEM_FIELDS: Record<string, Setter<WxrItem>> = {
  ':title': (i, v) => (i.title = v),
  ':link': (i, v) => (i.link = trim(v)),
  ':guid': (i, v) => (i.guid = trim(v)),
  'dc:creator': (i, v) => (i.creator = trim(v)),
  'content:encoded': (i, v) => (i.content = v),
  'excerpt:encoded': (i, v) => (i.excerpt = v),
  'wp:post_id': (i, v) => (i.postId = toInt(v)),
  'wp:post_date': (i, v) => (i.postDate = trim(v)),
  'wp:post_date_gmt': (i, v) => (i.postDateGmt = trim(v)),
  'wp:post_modified': (i, v) => (i.modified = trim(v)),
  'wp:post_modified_gmt': (i, v) => (i.modifiedGmt = trim(v)),
  'wp:comment_status': (i, v) => (i.commentStatus = trim(v)),
  'wp:post_name': (i, v) => (i.postName = trim(v)),
  'wp:status': (i, v) => (i.status = trim(v)),
  'wp:post_parent': (i, v) => (i.postParent = toInt(v)),
  'wp:menu_order': (i, v) => (i.menuOrder = toInt(v)),
  'wp:post_type': (i, v) => (i.postType = trim(v)),
  'wp:post_password': (i, v) => (i.password = v),
  'wp:is_sticky': (i, v) => (i.isSticky = trim(v) === '1'),
  'wp:attachment_url': (i, v) => (i.attachmentUrl = trim(v)),
};
export const COMMENT_FIELDS: Record<string, Setter<WxrComment>> = {
  'wp:comment_id': (c, v) => (c.id = toInt(v)),
  'wp:comment_author': (c, v) => (c.author = v),
  'wp:comment_author_email': (c, v) => (c.email = trim(v)),
  'wp:comment_author_url': (c, v) => (c.url = trim(v)),
  'wp:comment_author_IP': (c, v) => (c.ip = trim(v)),
  'wp:comment_date': (c, v) => (c.date = trim(v)),
  'wp:comment_date_gmt': (c, v) => (c.dateGmt = trim(v)),
  'wp:comment_content': (c, v) => (c.content = v),
  'wp:comment_approved': (c, v) => (c.approved = trim(v)),
  'wp:comment_type': (c, v) => (c.type = trim(v)),
  'wp:comment_parent': (c, v) => (c.parent = toInt(v)),
  'wp:comment_user_id': (c, v) => (c.userId = toInt(v)),
};
export const META_FIELDS: Record<string, Setter<WxrMeta>> = {
  'wp:meta_key': (m, v) => (m.key = trim(v)),
  'wp:meta_value': (m, v) => (m.value = v),
};
export const TERM_KINDS: Record<string, [WxrTerm['kind'], string]> = {
  'wp:category': ['category', 'category'],
  'wp:tag': ['tag', 'post_tag'],
  'wp:term': ['term', ''],
};

export function newItem(line: number): WxrItem {
  return {
    kind: 'item',
    line,
    title: '',
    link: '',
    guid: '',
    creator: '',
    content: '',
    excerpt: '',
    postId: 0,
    postDate: '',
    postDateGmt: '',
    modified: '',
    modifiedGmt: '',
    commentStatus: '',
    postName: '',
    status: '',
    postParent: 0,
    menuOrder: 0,
    postType: '',
    password: '',
    isSticky: false,
    attachmentUrl: '',
    terms: [],
    meta: [],
    comments: [],
  };
}

export function newComment(): WxrComment {
  return {
    id: 0,
    author: '',
    email: '',
    url: '',
    ip: '',
    date: '',
    dateGmt: '',
    content: '',
    approved: '',
    type: '',
    parent: 0,
    userId: 0,
    meta: [],
  };
}

// WXR 1.0 writes each term twice, once without a nicename for RSS readers.
export function withoutDuplicateTerms(terms: WxrItemTerm[]): WxrItemTerm[] {
  if (!terms.some((term) => term.slug === '')) return terms;
  const named = new Set(terms.filter((term) => term.slug).map((term) => `${term.domain}\n${term.name}`));
  return terms.filter((term) => term.slug || !named.has(`${term.domain}\n${term.name}`));
}
