import { Type, type Static } from 'typebox';
import { SLUG_PATTERN } from '../../platform/render/slug.ts';
import { ARTICLE_BODY_MAX_CHARS } from './editor-form.ts';
import { MAX_SOURCES, SOURCE_NAME_MAX_CHARS, SOURCE_URL_MAX_CHARS } from './sources.ts';

const slug = Type.String({ pattern: SLUG_PATTERN.source, maxLength: 120 });

const sourceName = Type.String({ minLength: 1, maxLength: SOURCE_NAME_MAX_CHARS });
const sourceUrl = Type.String({ pattern: '^https?://[^\\s]+$', maxLength: SOURCE_URL_MAX_CHARS });

/** The one-source form, as front matter has always given it: a name and an address. */
const SourceInput = Type.Object({ name: sourceName, url: sourceUrl }, { additionalProperties: false });

/** One of several sources: its address may be unknown. */
const SourcesItem = Type.Object(
  { name: sourceName, url: Type.Optional(Type.Union([sourceUrl, Type.Null()])) },
  { additionalProperties: false },
);

/** An article as the CLI's front matter, the sample seeder and (later) the editor give it. */
export const ArticleInputSchema = Type.Object(
  {
    /** The headline. */
    title: Type.String({ minLength: 1, maxLength: 300 }),
    /** Made from the title when absent. */
    slug: Type.Optional(slug),
    /** The one- or two-sentence summary under the headline. */
    standfirst: Type.Optional(Type.String({ maxLength: 1000 })),
    /** Markdown (or HTML with `body_format: html`), as long as the editor allows. */
    body: Type.String({ maxLength: ARTICLE_BODY_MAX_CHARS }),
    /**
     * How `body` is read: 'markdown' (the default: a file's body after its front matter) or 'html'.
     * Either way it is stored as Dateline body HTML (platform/render/body-html.ts), converted and
     * sanitised at save time.
     */
    body_format: Type.Optional(Type.Union([Type.Literal('markdown'), Type.Literal('html')])),
    /** Author slugs, in byline order. */
    authors: Type.Array(slug, { minItems: 1, maxItems: 20 }),
    /** The primary section's slug (`dateline section list`); absent keeps the article's, or files it in the first section. */
    section: Type.Optional(slug),
    /** Tag names; unknown ones are created. */
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 50 })),
    /** The outlet whose report the story is based on (the one-source form of `sources`). */
    source: Type.Optional(SourceInput),
    /** The outlets the story is based on, in reading order; give this or `source`, not both. */
    sources: Type.Optional(Type.Array(SourcesItem, { maxItems: MAX_SOURCES })),
    /** ISO 8601; defaults to now when published. */
    published_at: Type.Optional(Type.String({ format: 'date-time' })),
    /** ISO 8601; for imports that know when a story was last corrected. */
    updated_at: Type.Optional(Type.String({ format: 'date-time' })),
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')])),
    /**
     * A draft someone marked ready for review (the newsroom shows "Ready for review"); false clears
     * the mark, absent keeps the article's. Publishing always clears it.
     */
    review_requested: Type.Optional(Type.Boolean()),
    /** false closes comments on this article; default open. */
    comments_open: Type.Optional(Type.Boolean()),
    /** Close comments this many days after publication, overriding the site's setting; 0 never closes. */
    comments_close_after_days: Type.Optional(
      Type.Union([Type.Integer({ minimum: 0, maximum: 36_500 }), Type.Null()]),
    ),
    /** The featured image: an upload's number and its description. Absent keeps the article's. */
    featured_image: Type.Optional(
      Type.Object(
        {
          upload_id: Type.Integer({ minimum: 1 }),
          alt: Type.String({ minLength: 1, maxLength: 300 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** A checked article input. */
export type ArticleInput = Static<typeof ArticleInputSchema>;
