// The shape of Dateline's own export format, version 1: one JSON object whose arrays hold one record per
// row. Records mirror the tables, with three changes that make the file readable and self-contained:
// bylines and tags sit in their article as ordered lists of ids, 0/1 flags are booleans, and columns
// that hold JSON text (settings, revision snapshots, upload variants, audit details) hold the JSON itself.
//
// The checks are the database's own rules (types, the allowed statuses and roles, not-null columns),
// not the editor's: an import must take every publication Dateline could have written, as it is.
import { Type, type Static, type TSchema } from 'typebox';

/** The `format` field's only value. */
export const FORMAT_NAME = 'dateline';
/** The version this Dateline writes and reads. */
export const FORMAT_VERSION = 1;

const Id = Type.Integer({ minimum: 1 });
const OptionalId = Type.Union([Id, Type.Null()]);
/** Dates are fixed-width ISO 8601 UTC text in both databases (see platform/db/schema.ts). */
const Timestamp = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$' });
const OptionalTimestamp = Type.Union([Timestamp, Type.Null()]);
const NonEmpty = Type.String({ minLength: 1 });
const OptionalText = Type.Union([Type.String(), Type.Null()]);
const Count = Type.Integer({ minimum: 0 });
const CommentStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('spam'),
  Type.Literal('trash'),
]);

function record<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object(properties, { additionalProperties: false });
}

/** The first members of the document; the arrays follow them. */
export const HeaderSchema = record({
  /** Always "dateline". */
  format: Type.Literal(FORMAT_NAME),
  /** 1: this layout. */
  version: Type.Literal(FORMAT_VERSION),
  /** When the export began; the file is a snapshot of that moment. */
  exported_at: Timestamp,
  /** A note for people who open the file; ignored on import. */
  about: Type.Optional(Type.String()),
});

/** Every stored setting, key → its value as stored (not filled in with defaults). */
export const SettingsSchema = Type.Record(Type.String({ minLength: 1 }), Type.Unknown());

/** The installation's keys (IP hashing, link signing), name → value. Sensitive. */
export const SecretsSchema = Type.Record(Type.String({ minLength: 1 }), NonEmpty);

export const AuthorRecord = record({
  id: Id,
  slug: NonEmpty,
  name: Type.String(),
  bio: Type.String(),
  avatar_url: OptionalText,
  website: OptionalText,
  email: OptionalText,
  /** An admin made the profile public before it had a published article; absent is false. */
  is_public: Type.Optional(Type.Boolean()),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const UserRecord = record({
  id: Id,
  email: NonEmpty,
  name: Type.String(),
  role: Type.Union([
    Type.Literal('contributor'),
    Type.Literal('author'),
    Type.Literal('editor'),
    Type.Literal('admin'),
  ]),
  /** scrypt's "scrypt$N$r$p$salt$hash", carried so that people sign in with their passwords; null until set. */
  password_hash: OptionalText,
  author_id: OptionalId,
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const UploadRecord = record({
  id: Id,
  /** Where the original sits in the uploads folder; the files are not in the export. */
  storage_key: NonEmpty,
  mime_type: Type.String(),
  width: Count,
  height: Count,
  variants: Type.Array(Type.Unknown()),
  user_id: OptionalId,
  created_at: Timestamp,
  /** The image's alt text, caption and title, as a WordPress attachment carried them; absent in older files: ''. */
  alt: Type.Optional(Type.String()),
  caption: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  /** The name the file was uploaded with; absent in older files: ''. */
  filename: Type.Optional(Type.String({ maxLength: 200 })),
});

export const TagRecord = record({
  id: Id,
  slug: NonEmpty,
  name: Type.String(),
  description: Type.String(),
});

export const SectionRecord = record({
  id: Id,
  slug: NonEmpty,
  name: Type.String(),
  description: Type.String(),
  /** The top-level section this one sits under; sections nest one level. */
  parent_id: OptionalId,
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const ArticleRecord = record({
  id: Id,
  slug: NonEmpty,
  title: Type.String(),
  standfirst: Type.String(),
  status: Type.Union([
    Type.Literal('draft'),
    Type.Literal('scheduled'),
    Type.Literal('published'),
    Type.Literal('unpublished'),
  ]),
  published_at: OptionalTimestamp,
  created_at: Timestamp,
  updated_at: Timestamp,
  /** Author ids, in byline order. */
  authors: Type.Array(Id),
  /** Tag ids, in the article's order. */
  tags: Type.Array(Id),
  /**
   * The outlets the story is based on, in reading order. Files written before articles had several
   * give `source_name` and `source_url` instead (or nothing): the pair imports as the one source.
   */
  sources: Type.Optional(Type.Array(record({ name: NonEmpty, url: OptionalText }))),
  source_name: Type.Optional(OptionalText),
  source_url: Type.Optional(OptionalText),
  comments_open: Type.Boolean(),
  comments_close_after_days: Type.Union([Count, Type.Null()]),
  created_by: OptionalId,
  update_note: OptionalText,
  update_noted_at: OptionalTimestamp,
  /** An upload's id. */
  featured_image_id: OptionalId,
  featured_image_alt: OptionalText,
  /** The primary section's id; absent in files written before sections, which import into the first section. */
  section_id: Type.Optional(OptionalId),
  /** When a draft was marked ready for review; absent in files written before it existed: null. */
  review_requested_at: Type.Optional(OptionalTimestamp),
  /**
   * How `body_markdown` is written: 'markdown', or 'html' (Dateline body HTML, an import's). Absent in
   * files written before body formats existed, which are all Markdown.
   */
  body_format: Type.Optional(Type.Union([Type.Literal('markdown'), Type.Literal('html')])),
  /** The body's source, in `body_format`. */
  body_markdown: Type.String(),
  /** Written as rendered at the last save, for people reading the file; import renders it again from the source. */
  body_html: Type.String(),
});

export const CommentRecord = record({
  id: Id,
  article_id: Id,
  parent_id: OptionalId,
  status: CommentStatus,
  /** What a spammed or trashed comment was before, for Restore. */
  status_before: Type.Union([CommentStatus, Type.Null()]),
  author_name: Type.String(),
  /** Private, as in the database. */
  author_email: Type.String(),
  author_url: OptionalText,
  /** Set for a staff reply. */
  author_id: OptionalId,
  /** Salted with the `ip-hash` secret, which travels in `secrets`. */
  ip_hash: OptionalText,
  user_agent: OptionalText,
  created_at: Timestamp,
  body: Type.String(),
});

export const RevisionRecord = record({
  id: Id,
  article_id: Id,
  user_id: OptionalId,
  kind: Type.Union([Type.Literal('save'), Type.Literal('autosave')]),
  created_at: Timestamp,
  snapshot: Type.Unknown(),
});

export const AuditRecord = record({
  id: Id,
  user_id: OptionalId,
  user_name: Type.String(),
  action: Type.String(),
  subject: Type.String(),
  detail: Type.Unknown(),
  created_at: Timestamp,
});

/** A tag name a contributor typed that no tag has yet, pending on its article until an editor decides. */
export const TagSuggestionRecord = record({
  article_id: Id,
  /** The tag's slug it would have; with `article_id`, unique. */
  slug: NonEmpty,
  name: Type.String(),
  /** A user's id; null once that account is gone. */
  suggested_by: OptionalId,
  created_at: Timestamp,
});

/** An old address that answers with a redirect where it would be a 404 (a moved article, a merged tag). */
export const RedirectRecord = record({
  id: Id,
  /** An on-site path without query or fragment; unique. */
  from_path: NonEmpty,
  /**
   * An on-site path, an absolute http(s) URL when `is_external`, or empty for a 410 Gone. Both ends are
   * held to the redirects module's rules on import.
   */
  to_path: Type.String({ maxLength: 2000 }),
  status: Type.Union([Type.Literal(301), Type.Literal(302), Type.Literal(410)]),
  /** Someone asked for another site's address on purpose. Absent in files written before it existed. */
  is_external: Type.Optional(Type.Boolean()),
  created_at: Timestamp,
});

export type AuthorRecord = Static<typeof AuthorRecord>;
export type UserRecord = Static<typeof UserRecord>;
export type UploadRecord = Static<typeof UploadRecord>;
export type TagRecord = Static<typeof TagRecord>;
export type SectionRecord = Static<typeof SectionRecord>;
export type ArticleRecord = Static<typeof ArticleRecord>;
export type CommentRecord = Static<typeof CommentRecord>;
export type RevisionRecord = Static<typeof RevisionRecord>;
export type AuditRecord = Static<typeof AuditRecord>;
export type TagSuggestionRecord = Static<typeof TagSuggestionRecord>;
export type RedirectRecord = Static<typeof RedirectRecord>;

/** The arrays, in the order the exporter writes them: each after the ones its records point to. */
export const SECTIONS = {
  authors: { schema: AuthorRecord, after: [] },
  users: { schema: UserRecord, after: ['authors'] },
  uploads: { schema: UploadRecord, after: ['users'] },
  tags: { schema: TagRecord, after: [] },
  sections: { schema: SectionRecord, after: [] },
  articles: { schema: ArticleRecord, after: ['authors', 'users', 'tags', 'sections'] },
  comments: { schema: CommentRecord, after: ['articles', 'authors'] },
  revisions: { schema: RevisionRecord, after: ['articles', 'users'] },
  audit_log: { schema: AuditRecord, after: ['users'] },
  tag_suggestions: { schema: TagSuggestionRecord, after: ['articles', 'users'] },
  redirects: { schema: RedirectRecord, after: [] },
} as const satisfies Record<string, { schema: TSchema; after: readonly string[] }>;

/** An array's name. */
export type SectionName = keyof typeof SECTIONS;

/** The record type of each array. */
export interface SectionRecords {
  authors: AuthorRecord;
  users: UserRecord;
  uploads: UploadRecord;
  tags: TagRecord;
  sections: SectionRecord;
  articles: ArticleRecord;
  comments: CommentRecord;
  revisions: RevisionRecord;
  audit_log: AuditRecord;
  tag_suggestions: TagSuggestionRecord;
  redirects: RedirectRecord;
}

/**
 * Lists added to version 1 after it was first written. A file from an earlier Dateline lacks them and
 * still imports, with none of them; adding a list does not change what any record means, so the
 * version stays 1 (as `authors.is_public`, absent is false, did for a field). A file without sections
 * puts its articles in the first top-level section.
 */
export const LATER_SECTIONS: readonly SectionName[] = ['sections', 'tag_suggestions', 'redirects'];

/** The members that are not arrays of records, with their checks. */
export const SINGLE_MEMBERS = {
  format: HeaderSchema.properties.format,
  version: HeaderSchema.properties.version,
  exported_at: HeaderSchema.properties.exported_at,
  about: Type.String(),
  settings: SettingsSchema,
  secrets: SecretsSchema,
} as const;

/** Members a document must have; `about` is optional. */
export const REQUIRED_MEMBERS: readonly string[] = [
  'format',
  'version',
  'exported_at',
  'settings',
  'secrets',
  ...Object.keys(SECTIONS).filter((name) => !(LATER_SECTIONS as readonly string[]).includes(name)),
];
