// The Content API's request and response shapes. The same objects validate requests (Fastify's Ajv),
// serialise responses (fast-json-stringify, which drops any property not declared here) and become the
// OpenAPI document (@fastify/swagger), so the document cannot drift from what the routes do.
import { Type, type Static } from 'typebox';
import { SLUG_PATTERN } from '../../platform/render/slug.ts';

/** Every article field a client may ask for with `fields`, in the order they are answered. */
export const ARTICLE_FIELDS = [
  'slug',
  'title',
  'standfirst',
  'url',
  'published_at',
  'updated_at',
  'authors',
  'tags',
  'section',
  'source',
  'sources',
  'body_html',
] as const;

/** One article field name. */
export type ArticleField = (typeof ARTICLE_FIELDS)[number];

/** What a list answers when `fields` is absent: everything but the body, which can be large. */
export const DEFAULT_LIST_FIELDS: readonly ArticleField[] = ARTICLE_FIELDS.filter((f) => f !== 'body_html');

/** The default and the largest page of `GET /articles`. */
export const LIST_LIMIT = { default: 20, max: 100 } as const;

/** The default and the largest page of `GET /search`. */
export const SEARCH_LIMIT = { default: 20, max: 50 } as const;

const fieldName = `(?:${ARTICLE_FIELDS.join('|')})`;

/** `fields`: one or more known field names, comma-separated. */
export const FIELDS_PATTERN = `^${fieldName}(?:,${fieldName})*$`;

const slugParam = (description: string) =>
  Type.String({ pattern: SLUG_PATTERN.source, maxLength: 120, description });

const absoluteUrl = (description: string) => Type.String({ format: 'uri', description });

const instant = (description: string) => Type.String({ format: 'date-time', description });

// ---- Responses ----

/** An author as a byline shows them. */
export const BylineSchema = Type.Object(
  {
    slug: Type.String(),
    name: Type.String(),
    url: absoluteUrl('The author’s page on the site.'),
  },
  { additionalProperties: false },
);

/** A tag as an article shows it. */
export const TagRefSchema = Type.Object(
  { slug: Type.String(), name: Type.String() },
  { additionalProperties: false },
);

const sectionRefProperties = {
  slug: Type.String(),
  name: Type.String(),
  url: absoluteUrl('The section’s page on the site.'),
};

/**
 * The article's primary section, with the section it sits under (Politics under News), or null for
 * an article filed before sections existed and never saved since.
 */
export const ArticleSectionSchema = Type.Union([
  Type.Object(
    {
      ...sectionRefProperties,
      parent: Type.Union([Type.Object(sectionRefProperties, { additionalProperties: false }), Type.Null()], {
        description: 'The top-level section this one sits under, or null when it is top-level.',
      }),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

/** One outlet an article is based on; `url` is null when the outlet has no link. */
export const SourceItemSchema = Type.Object(
  {
    name: Type.String(),
    url: Type.Union([Type.String({ description: 'An http(s) URL.' }), Type.Null()]),
  },
  { additionalProperties: false },
);

/** The (first) outlet an article is based on, or null: kept as it was before articles had several. */
export const SourceSchema = Type.Union([SourceItemSchema, Type.Null()]);

const articleProperties = {
  slug: Type.String({ description: 'The article’s identifier, as in its URL.' }),
  title: Type.String({ description: 'The headline, plain text.' }),
  standfirst: Type.String({ description: 'The summary under the headline, plain text; may be empty.' }),
  url: absoluteUrl('The article’s page on the site.'),
  published_at: instant('When the article was published (ISO 8601, UTC).'),
  updated_at: instant('When the article was last changed (ISO 8601, UTC).'),
  authors: Type.Array(BylineSchema, { description: 'The byline, in order.' }),
  tags: Type.Array(TagRefSchema, { description: 'The article’s tags, in order.' }),
  section: ArticleSectionSchema,
  source: SourceSchema,
  sources: Type.Array(SourceItemSchema, {
    description:
      'Every outlet the article is based on, in the order the page credits them; `source` is the first, or null.',
  }),
  body_html: Type.String({
    description:
      'The story as HTML, sanitised when it was saved. Always on GET /articles/{slug}; ' +
      'in lists only when asked for with fields=…,body_html.',
  }),
};

/** A whole article, as `GET /articles/{slug}` answers it. */
export const ArticleSchema = Type.Object(articleProperties, {
  additionalProperties: false,
  description: 'A published article.',
});

/** An article in a list: the fields `fields` asked for, or every field but `body_html`. */
export const ArticleListItemSchema = Type.Partial(ArticleSchema, {
  additionalProperties: false,
  description:
    'A published article. Only the fields named in `fields` are present; without `fields`, every field but `body_html`.',
});

/** One page of `GET /articles`. */
export const ArticleListSchema = Type.Object(
  {
    articles: Type.Array(ArticleListItemSchema, { description: 'Newest first.' }),
    next: Type.Union([absoluteUrl('The next page, with the same filters.'), Type.Null()], {
      description: 'The absolute URL of the next page, or null on the last page.',
    }),
  },
  { additionalProperties: false, description: 'One page of published articles.' },
);

/** An author's public profile: never their email. */
export const AuthorSchema = Type.Object(
  {
    slug: Type.String(),
    name: Type.String(),
    bio: Type.String({ description: 'Plain text; may be empty.' }),
    website: Type.Union([Type.String({ description: 'An http(s) URL.' }), Type.Null()]),
    avatar_url: Type.Union([Type.String({ description: 'An absolute URL.' }), Type.Null()]),
    url: absoluteUrl('The author’s page on the site.'),
  },
  { additionalProperties: false, description: 'An author of the publication.' },
);

/** `GET /authors`. */
export const AuthorListSchema = Type.Object(
  { authors: Type.Array(AuthorSchema, { description: 'Every author, by name.' }) },
  { additionalProperties: false, description: 'The publication’s authors.' },
);

/** A tag with how many published articles carry it. */
export const TagSchema = Type.Object(
  {
    slug: Type.String(),
    name: Type.String(),
    article_count: Type.Integer({ minimum: 1, description: 'Published articles with this tag.' }),
    url: absoluteUrl('The tag’s page on the site.'),
  },
  { additionalProperties: false },
);

/** `GET /tags`. */
export const TagListSchema = Type.Object(
  {
    tags: Type.Array(TagSchema, {
      description: 'Every tag that at least one published article carries, by name.',
    }),
  },
  { additionalProperties: false, description: 'The tags in use.' },
);

/** A span of a snippet that matched the query. */
export const HighlightSchema = Type.Object(
  {
    start: Type.Integer({ minimum: 0, description: 'Offset of the first character, in UTF-16 code units.' }),
    end: Type.Integer({ minimum: 0, description: 'Offset just past the last character (exclusive).' }),
  },
  { additionalProperties: false },
);

/** One search result. */
export const SearchHitSchema = Type.Object(
  {
    slug: Type.String(),
    title: Type.String(),
    standfirst: Type.String(),
    url: absoluteUrl('The article’s page on the site.'),
    published_at: instant('When the article was published (ISO 8601, UTC).'),
    snippet: Type.String({ description: 'Plain text from the article around the matches.' }),
    highlights: Type.Array(HighlightSchema, {
      description: 'The parts of `snippet` that matched the query, in order.',
    }),
  },
  { additionalProperties: false },
);

/** One page of `GET /search`. */
export const SearchResponseSchema = Type.Object(
  {
    query: Type.String({ description: 'The query as searched.' }),
    total: Type.Integer({ minimum: 0, description: 'How many articles matched.' }),
    page: Type.Integer({ minimum: 1 }),
    total_pages: Type.Integer({ minimum: 1 }),
    results: Type.Array(SearchHitSchema, { description: 'Best match first.' }),
    next: Type.Union([absoluteUrl('The next page of results.'), Type.Null()], {
      description: 'The absolute URL of the next page, or null on the last page.',
    }),
  },
  { additionalProperties: false, description: 'One page of search results.' },
);

/** Every error the API answers, whatever the status; `description` says when this status happens. */
export function errorSchema(description: string) {
  return Type.Object(
    {
      error: Type.Object(
        {
          code: Type.String({ description: 'A stable code, such as VALIDATION_FAILED or NOT_FOUND.' }),
          message: Type.String({ description: 'A sentence for people; may change.' }),
          fields: Type.Optional(
            Type.Object(
              {},
              {
                additionalProperties: Type.String(),
                description: 'For VALIDATION_FAILED: what is wrong with each parameter, by name.',
              },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false, description },
  );
}

/** 400: a parameter is missing or malformed; `fields` names each. */
export const BadRequestSchema = errorSchema(
  'A parameter is missing or not valid (code VALIDATION_FAILED); `error.fields` names each one.',
);

/** 404 for `GET /articles/{slug}`. */
export const ArticleNotFoundSchema = errorSchema(
  'No published article has this slug (code NOT_FOUND); a draft or a scheduled article is 404 too.',
);

/** 404 for `GET /authors/{slug}`. */
export const AuthorNotFoundSchema = errorSchema('No author has this slug (code NOT_FOUND).');

// ---- Requests ----

/** `GET /articles` query. Unknown parameters are ignored. */
export const ListArticlesQuerySchema = Type.Object({
  tag: Type.Optional(slugParam('Only articles with this tag (its slug).')),
  author: Type.Optional(slugParam('Only articles by this author (their slug).')),
  since: Type.Optional(
    instant(
      'Only articles published at or after this moment: ISO 8601 with a time zone, such as ' +
        '2026-11-20T08:00:00Z (send a + offset as %2B).',
    ),
  ),
  fields: Type.Optional(
    Type.String({
      pattern: FIELDS_PATTERN,
      maxLength: 500,
      description: `Comma-separated fields to answer with, from: ${ARTICLE_FIELDS.join(', ')}. Default: every field but body_html.`,
    }),
  ),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: LIST_LIMIT.max,
      description: `Articles per page, 1–${LIST_LIMIT.max}; default ${LIST_LIMIT.default}.`,
    }),
  ),
  cursor: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9_-]+$',
      maxLength: 200,
      description: 'Where the page starts: copy it from `next`, never build it.',
    }),
  ),
});

/** A checked `GET /articles` query. */
export type ListArticlesQuery = Static<typeof ListArticlesQuerySchema>;

/** `GET /search` query. */
export const SearchQuerySchema = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 500, description: 'What to search for.' }),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'Page, from 1.' })),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: SEARCH_LIMIT.max,
      description: `Results per page, 1–${SEARCH_LIMIT.max}; default ${SEARCH_LIMIT.default}.`,
    }),
  ),
});
