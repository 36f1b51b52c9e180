// Builds small WXR exports for tests, item by item, so that each test says exactly what its export
// holds. The content is The Harbour Gazette's, a fictional paper written for Dateline.

export interface PostSpec {
  id: number;
  title: string;
  slug: string;
  status?: string;
  type?: string;
  date?: string;
  content?: string;
  excerpt?: string;
  creator?: string;
  password?: string;
  parent?: number;
  categories?: string[];
  tags?: string[];
  meta?: Record<string, string | string[]>;
  comments?: CommentSpec[];
  attachmentUrl?: string;
  link?: string;
  commentStatus?: string;
}

export interface CommentSpec {
  id: number;
  parent?: number;
  author?: string;
  email?: string;
  ip?: string;
  url?: string;
  date?: string;
  approved?: string;
  type?: string;
  userId?: number;
  content: string;
}

export const SITE = 'https://harbourgazette.example';

/** Text in CDATA, with every `]]>` split across two sections, as WordPress writes it. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function comment(c: CommentSpec): string {
  return `<wp:comment>
  <wp:comment_id>${c.id}</wp:comment_id>
  <wp:comment_author>${cdata(c.author ?? 'A reader')}</wp:comment_author>
  <wp:comment_author_email>${cdata(c.email ?? 'reader@mail.example')}</wp:comment_author_email>
  <wp:comment_author_url>${c.url ?? ''}</wp:comment_author_url>
  <wp:comment_author_IP>${c.ip ?? '192.0.2.10'}</wp:comment_author_IP>
  <wp:comment_date>${c.date ?? '2026-03-02 09:00:00'}</wp:comment_date>
  <wp:comment_date_gmt>${c.date ?? '2026-03-02 09:00:00'}</wp:comment_date_gmt>
  <wp:comment_content>${cdata(c.content)}</wp:comment_content>
  <wp:comment_approved>${c.approved ?? '1'}</wp:comment_approved>
  <wp:comment_type>${c.type ?? 'comment'}</wp:comment_type>
  <wp:comment_parent>${c.parent ?? 0}</wp:comment_parent>
  <wp:comment_user_id>${c.userId ?? 0}</wp:comment_user_id>
</wp:comment>`;
}

function item(p: PostSpec): string {
  const date = p.date ?? '2026-03-01 08:00:00';
  const meta = Object.entries(p.meta ?? {}).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map(
      (v) =>
        `<wp:postmeta><wp:meta_key>${cdata(key)}</wp:meta_key><wp:meta_value>${cdata(v)}</wp:meta_value></wp:postmeta>`,
    ),
  );
  const terms = [
    ...(p.categories ?? []).map((c) => `<category domain="category" nicename="${c}">${cdata(c)}</category>`),
    ...(p.tags ?? []).map((t) => `<category domain="post_tag" nicename="${t}">${cdata(t)}</category>`),
  ];
  return `<item>
  <title>${cdata(p.title)}</title>
  <link>${p.link ?? `${SITE}/${date.slice(0, 4)}/${date.slice(5, 7)}/${p.slug}/`}</link>
  <guid isPermaLink="false">${SITE}/?p=${p.id}</guid>
  <dc:creator>${cdata(p.creator ?? 'mbrennan')}</dc:creator>
  <content:encoded>${cdata(p.content ?? '')}</content:encoded>
  <excerpt:encoded>${cdata(p.excerpt ?? '')}</excerpt:encoded>
  <wp:post_id>${p.id}</wp:post_id>
  <wp:post_date>${date}</wp:post_date>
  <wp:post_date_gmt>${p.status === 'draft' ? '0000-00-00 00:00:00' : date}</wp:post_date_gmt>
  <wp:post_modified>${date}</wp:post_modified>
  <wp:post_modified_gmt>${date}</wp:post_modified_gmt>
  <wp:comment_status>${p.commentStatus ?? 'open'}</wp:comment_status>
  <wp:post_name>${cdata(p.slug)}</wp:post_name>
  <wp:status>${p.status ?? 'publish'}</wp:status>
  <wp:post_parent>${p.parent ?? 0}</wp:post_parent>
  <wp:menu_order>0</wp:menu_order>
  <wp:post_type>${p.type ?? 'post'}</wp:post_type>
  <wp:post_password>${cdata(p.password ?? '')}</wp:post_password>
  <wp:is_sticky>0</wp:is_sticky>
  ${p.attachmentUrl ? `<wp:attachment_url>${p.attachmentUrl}</wp:attachment_url>` : ''}
  ${terms.join('\n  ')}
  ${meta.join('\n  ')}
  ${(p.comments ?? []).map(comment).join('\n')}
</item>`;
}

export interface ExportSpec {
  version?: '1.0' | '1.1' | '1.2';
  authors?: { id: number; login: string; email: string; name: string }[];
  categories?: { id: number; slug: string; name: string; parent?: string; description?: string }[];
  tags?: { id: number; slug: string; name: string }[];
  items: PostSpec[];
}

export const GAZETTE_AUTHORS = [
  { id: 3, login: 'mbrennan', email: 'maeve@harbourgazette.example', name: 'Maeve Brennan' },
  { id: 7, login: 'tokafor', email: 'tunde@harbourgazette.example', name: 'Tunde Okafor' },
  { id: 9, login: 'idle', email: 'idle@harbourgazette.example', name: 'Iris Idle' },
];

/** A whole WXR document. */
export function buildWxr(spec: ExportSpec): string {
  const v = spec.version ?? '1.2';
  const authors = (spec.authors ?? GAZETTE_AUTHORS).map(
    (a) =>
      `<wp:author><wp:author_id>${a.id}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(a.email)}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name><wp:author_first_name></wp:author_first_name><wp:author_last_name></wp:author_last_name></wp:author>`,
  );
  const categories = (spec.categories ?? []).map(
    (c) =>
      `<wp:category><wp:term_id>${c.id}</wp:term_id><wp:category_nicename>${cdata(c.slug)}</wp:category_nicename><wp:category_parent>${cdata(c.parent ?? '')}</wp:category_parent><wp:cat_name>${cdata(c.name)}</wp:cat_name><wp:category_description>${cdata(c.description ?? '')}</wp:category_description></wp:category>`,
  );
  const tags = (spec.tags ?? []).map(
    (t) =>
      `<wp:tag><wp:term_id>${t.id}</wp:term_id><wp:tag_slug>${cdata(t.slug)}</wp:tag_slug><wp:tag_name>${cdata(t.name)}</wp:tag_name></wp:tag>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/${v}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/${v}/">
<channel>
  <title>The Harbour Gazette</title>
  <link>${SITE}</link>
  <description>News from the quay</description>
  <wp:wxr_version>${v}</wp:wxr_version>
  <wp:base_site_url>${SITE}</wp:base_site_url>
  <wp:base_blog_url>${SITE}</wp:base_blog_url>
  ${authors.join('\n  ')}
  ${categories.join('\n  ')}
  ${tags.join('\n  ')}
  ${spec.items.map(item).join('\n')}
</channel>
</rss>
`;
}
