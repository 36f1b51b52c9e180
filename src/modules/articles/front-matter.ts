import matter from 'gray-matter';
import type { FieldErrors } from '../../platform/errors.ts';

/** An article file that could not be read, with the field and the reason. */
export class ArticleFileError extends Error {
  override name = 'ArticleFileError';
  constructor(readonly fields: FieldErrors) {
    super(
      Object.entries(fields)
        .map(([field, reason]) => `${field}: ${reason}`)
        .join('; '),
    );
  }
}

// YAML reads unquoted timestamps as Dates; the article schema takes ISO text.
function plain(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid date' : value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/**
 * Reads a Markdown file with YAML front matter into an article input for saveArticle. The front matter
 * keys are the input's fields; the Markdown after it is the body.
 */
export function parseArticleFile(text: string): Record<string, unknown> {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // An empty options object keeps gray-matter from caching by content, so each call parses afresh.
    parsed = matter(text, {});
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'not valid YAML';
    throw new ArticleFileError({ 'front matter': `is not valid YAML (${reason})` });
  }
  if (!parsed.matter || parsed.matter.trim() === '') {
    throw new ArticleFileError({
      'front matter': 'is missing: start the file with --- and a title, authors and status',
    });
  }
  const data = plain(parsed.data) as Record<string, unknown>;
  if ('body' in data)
    throw new ArticleFileError({ body: 'is the Markdown after the front matter, not a front matter key' });
  return { ...data, body: parsed.content.replace(/^\s*\n/, '') };
}
