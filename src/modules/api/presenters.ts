// Turns database rows and service results into the API's JSON shapes, and owns the API's two pieces
// of encoding: absolute links and the opaque page cursor. Pure functions, unit-tested.
import type { Static } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import type { PublicAuthor } from '../authors/index.ts';
import type { SearchHit, SnippetPart } from '../search/index.ts';
import type { ArticleKey } from './repository.ts';
import {
  ARTICLE_FIELDS,
  DEFAULT_LIST_FIELDS,
  type ArticleField,
  type ArticleSchema,
  type AuthorSchema,
  type HighlightSchema,
  type SearchHitSchema,
} from './schemas.ts';

/** An article as the API answers it. */
export type ApiArticle = Static<typeof ArticleSchema>;
/** An article with some of its fields. */
export type PartialApiArticle = Partial<ApiArticle>;

/** Absolute URLs for the site's pages and the API's own pages. */
export interface Links {
  article(slug: string): string;
  author(slug: string): string;
  tag(slug: string): string;
  section(slug: string): string;
  /** A path under the site, made absolute; an absolute URL is returned as it is. */
  absolute(pathOrUrl: string): string;
  /** An API URL, e.g. api('/articles', { cursor }); undefined parameters are left out. */
  api(path: string, params?: Record<string, string | number | undefined>): string;
}

/** Links for a site served at `publicUrl` (no trailing slash needed). */
export function createLinks(publicUrl: string): Links {
  const base = publicUrl.replace(/\/+$/, '');
  const segment = encodeURIComponent;
  return {
    article: (slug) => `${base}/${segment(slug)}/`,
    author: (slug) => `${base}/author/${segment(slug)}/`,
    tag: (slug) => `${base}/tag/${segment(slug)}/`,
    section: (slug) => `${base}/section/${segment(slug)}/`,
    absolute: (pathOrUrl) => (pathOrUrl.startsWith('/') ? `${base}${pathOrUrl}` : pathOrUrl),
    api(path, params = {}) {
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(params)) {
        if (value !== undefined) search.set(name, String(value));
      }
      const query = search.toString();
      return `${base}/api/v1${path}${query ? `?${query}` : ''}`;
    },
  };
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The opaque cursor for "after this article": base64url of `published_at|id`. */
export function encodeCursor(key: ArticleKey): string {
  return Buffer.from(`${key.publishedAt}|${key.id}`, 'utf8').toString('base64url');
}

/** Reads a cursor this API gave out; anything else is a VALIDATION_FAILED on `cursor`. */
export function decodeCursor(cursor: string): ArticleKey {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [publishedAt = '', id = '', ...rest] = text.split('|');
  const n = Number(id);
  const time = Date.parse(publishedAt);
  if (
    rest.length > 0 ||
    !CURSOR_TIME.test(publishedAt) ||
    // Date rolls "11-31" over to December; a time we wrote reads back unchanged.
    Number.isNaN(time) ||
    new Date(time).toISOString() !== publishedAt ||
    !/^[1-9]\d{0,15}$/.test(id) ||
    !Number.isSafeInteger(n) ||
    encodeCursor({ publishedAt, id: n }) !== cursor
  ) {
    throw new AppError('VALIDATION_FAILED', {
      fields: { cursor: 'is not a cursor this API gave; copy it from a `next` link' },
    });
  }
  return { publishedAt, id: n };
}

/** An ISO 8601 moment as the database stores it (UTC, milliseconds); VALIDATION_FAILED if it is no moment. */
export function toStoredInstant(value: string, field: string): string {
  const time = Date.parse(value);
  // The format check lets through a few strings Date cannot place (a leap second, year 0000).
  if (Number.isNaN(time)) {
    throw new AppError('VALIDATION_FAILED', { fields: { [field]: 'is not a moment in time' } });
  }
  return new Date(time).toISOString();
}

/** The fields a list answers with, in canonical order; duplicates collapse. Assumes a checked `fields`. */
export function selectFields(fields: string | undefined): ReadonlySet<ArticleField> {
  if (fields === undefined) return new Set(DEFAULT_LIST_FIELDS);
  const asked = new Set(fields.split(','));
  return new Set(ARTICLE_FIELDS.filter((f) => asked.has(f)));
}

/** An article row with what the presenter needs. */
export interface ArticleRow {
  id: number;
  slug: string;
  title: string;
  standfirst: string;
  published_at: string | null;
  updated_at: string;
  body_html?: string;
}

/** Bylines, tags and sections of the rows being presented, each tagged with its article's id. */
export interface ArticleRelations {
  bylines: readonly { article_id: number; slug: string; name: string }[];
  tags: readonly { article_id: number; slug: string; name: string }[];
  /** In reading order; absent when neither `source` nor `sources` is asked for. */
  sources?: readonly { article_id: number; name: string; url: string | null }[];
  sections?: readonly {
    article_id: number;
    slug: string;
    name: string;
    parent_slug: string | null;
    parent_name: string | null;
  }[];
}

/** An article row as the API shows it, with only `fields`. */
export function presentArticle(
  row: ArticleRow,
  relations: ArticleRelations,
  fields: ReadonlySet<ArticleField>,
  links: Links,
): PartialApiArticle {
  const values: { [F in ArticleField]: () => ApiArticle[F] } = {
    slug: () => row.slug,
    title: () => row.title,
    standfirst: () => row.standfirst,
    url: () => links.article(row.slug),
    // Published rows always have a published_at; the fallback only satisfies the column's type.
    published_at: () => row.published_at ?? row.updated_at,
    updated_at: () => row.updated_at,
    authors: () =>
      relations.bylines
        .filter((b) => b.article_id === row.id)
        .map((b) => ({ slug: b.slug, name: b.name, url: links.author(b.slug) })),
    tags: () =>
      relations.tags.filter((t) => t.article_id === row.id).map((t) => ({ slug: t.slug, name: t.name })),
    section: () => {
      const s = relations.sections?.find((x) => x.article_id === row.id);
      if (!s) return null;
      return {
        slug: s.slug,
        name: s.name,
        url: links.section(s.slug),
        parent:
          s.parent_slug !== null && s.parent_name !== null
            ? { slug: s.parent_slug, name: s.parent_name, url: links.section(s.parent_slug) }
            : null,
      };
    },
    source: () => {
      const first = relations.sources?.find((s) => s.article_id === row.id);
      return first ? { name: first.name, url: first.url } : null;
    },
    sources: () =>
      (relations.sources ?? [])
        .filter((s) => s.article_id === row.id)
        .map((s) => ({ name: s.name, url: s.url })),
    body_html: () => row.body_html ?? '',
  };
  const article: PartialApiArticle = {};
  for (const field of fields) Object.assign(article, { [field]: values[field]() });
  return article;
}

/** An author's public profile. Built field by field, so that no other column can slip through. */
export function presentAuthor(author: PublicAuthor, links: Links): Static<typeof AuthorSchema> {
  return {
    slug: author.slug,
    name: author.name,
    bio: author.bio,
    website: author.website,
    avatar_url: author.avatar_url === null ? null : links.absolute(author.avatar_url),
    url: links.author(author.slug),
  };
}

/** A snippet as plain text, with where its matches are. */
export function flattenSnippet(parts: readonly SnippetPart[]): {
  snippet: string;
  highlights: Static<typeof HighlightSchema>[];
} {
  let snippet = '';
  const highlights: Static<typeof HighlightSchema>[] = [];
  for (const part of parts) {
    if (part.isMatch && part.text.length > 0) {
      const last = highlights.at(-1);
      // Adjacent matching parts are one highlight to a reader.
      if (last && last.end === snippet.length) last.end += part.text.length;
      else highlights.push({ start: snippet.length, end: snippet.length + part.text.length });
    }
    snippet += part.text;
  }
  return { snippet, highlights };
}

/** A search hit as the API shows it. */
export function presentHit(hit: SearchHit, links: Links): Static<typeof SearchHitSchema> {
  return {
    slug: hit.slug,
    title: hit.title,
    standfirst: hit.standfirst,
    url: links.article(hit.slug),
    published_at: hit.publishedAt,
    ...flattenSnippet(hit.snippet),
  };
}
