import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Dates are stored as fixed-width ISO 8601 UTC text ("2026-11-26T14:25:57.000Z") on both dialects,
// so that ordering, comparison and the values read back are identical on SQLite and PostgreSQL.
// Booleans are stored as 0/1 integers for the same reason.

/** The status an article moves through; the newsroom issue adds the editor that moves it. */
export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'unpublished';
/** The status a comment's moderation rules give it. */
export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';

export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
  avatar_url: string | null;
  website: string | null;
  /** Private: never rendered on a public page, feed or API answer. */
  email: string | null;
  created_at: string;
  updated_at: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  standfirst: string;
  body_markdown: string;
  /** Rendered once, when the article is saved, never per request. */
  body_html: string;
  status: ArticleStatus;
  published_at: string | null;
  updated_at: string;
  created_at: string;
  source_name: string | null;
  source_url: string | null;
  /** 1 open, 0 closed; the per-site "close after N days" rule applies on top. */
  comments_open: Generated<number>;
  /** Overrides the site's comments.close_after_days for this article; null uses the site's. */
  comments_close_after_days: number | null;
  /** The staff account that created the article: "own" for contributors and authors. */
  created_by: number | null;
  /** "Updated <date>: <note>" under the headline; null shows none. */
  update_note: string | null;
  update_noted_at: string | null;
  /** An upload's id; null shows none. */
  featured_image_id: number | null;
  featured_image_alt: string | null;
}

export interface ArticleAuthorsTable {
  article_id: number;
  author_id: number;
  /** 0 is the first byline. */
  position: number;
  /** The article's published_at while it is published, else null: kept by triggers (migration 0012), never written. */
  listed_at: ColumnType<string | null, never, never>;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: number;
  /** The article's published_at while it is published, else null: kept by triggers (migration 0012), never written. */
  listed_at: ColumnType<string | null, never, never>;
}

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  /** Private: never rendered on a public page, feed or API answer. */
  author_email: string;
  author_url: string | null;
  body: string;
  status: CommentStatus;
  /** A salted hash, never the address itself. */
  ip_hash: string | null;
  user_agent: string | null;
  created_at: string;
  /** Set when one of the publication's authors wrote the comment as staff; marks the reply on the page. */
  author_id: number | null;
  /** The status a spammed or trashed comment had before, so that Restore puts it back there. */
  status_before: CommentStatus | null;
}

/** Per-installation random keys (link signing, IP hashing). Never shown; `dateline export` carries them. */
export interface SecretsTable {
  name: string;
  value: string;
}

/** Page-cache invalidations, for the other processes of one publication to apply. */
export interface CacheInvalidationsTable {
  id: Generated<number>;
  /** The process that made the change; it has applied the tags already. */
  origin: string;
  /** JSON array of cache tags. */
  tags: string;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
}

/** A newsroom role, as in WordPress: each includes the one before. */
export type Role = 'contributor' | 'author' | 'editor' | 'admin';

/** A staff account. Private: nothing here reaches a public page. */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  /** scrypt, "scrypt$N$r$p$salt$hash"; null until set through the invitation link. */
  password_hash: string | null;
  author_id: number | null;
  created_at: string;
  updated_at: string;
  /** Set while an admin has disabled the account: it cannot sign in and has no sessions. */
  disabled_at: string | null;
}

/** A signed-in browser. The cookie holds a token; only its SHA-256 is stored. */
export interface SessionsTable {
  id_hash: string;
  user_id: number;
  /** Sent back in every admin form; a request without it changes nothing. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
  /** The last request seen, to within a minute: the idle timeout counts from here. Null only before 0013. */
  last_seen_at: string | null;
}

/** One-time links: the owner's first sign-up and invitations. Only the token's hash is stored. */
export interface AccountLinksTable {
  token_hash: string;
  user_id: number | null;
  purpose: 'owner' | 'invitation';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Failed sign-ins, counted per account and per IP (hashed) to throttle guessing. */
export interface SignInAttemptsTable {
  id: Generated<number>;
  key: string;
  created_at: string;
}

/** Every save of an article keeps one. */
export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  user_id: number | null;
  kind: Generated<'save' | 'autosave'>;
  /** JSON of the editable fields. */
  snapshot: string;
  created_at: string;
}

/** An uploaded image and its resized copies. */
export interface UploadsTable {
  id: Generated<number>;
  storage_key: string;
  mime_type: string;
  width: number;
  height: number;
  /** JSON array of { width, height, key, mime }. */
  variants: string;
  user_id: number | null;
  created_at: string;
}

/** Who published, unpublished or deleted what, and who changed which setting. */
export interface AuditLogTable {
  id: Generated<number>;
  user_id: number | null;
  user_name: string;
  action: string;
  subject: string;
  /** JSON. */
  detail: Generated<string>;
  created_at: string;
}

/** The whole schema, as Kysely sees it. */
export interface Database {
  authors: AuthorsTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  tags: TagsTable;
  article_tags: ArticleTagsTable;
  comments: CommentsTable;
  settings: SettingsTable;
  secrets: SecretsTable;
  cache_invalidations: CacheInvalidationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  account_links: AccountLinksTable;
  sign_in_attempts: SignInAttemptsTable;
  article_revisions: ArticleRevisionsTable;
  uploads: UploadsTable;
  audit_log: AuditLogTable;
}

export type AuthorRow = Selectable<AuthorsTable>;
export type NewAuthor = Insertable<AuthorsTable>;
export type AuthorUpdate = Updateable<AuthorsTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type TagRow = Selectable<TagsTable>;
export type CommentRow = Selectable<CommentsTable>;
export type NewComment = Insertable<CommentsTable>;
export type UserRow = Selectable<UsersTable>;
