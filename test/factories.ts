import type { Services } from '../src/app.tsx';
import { ArticleInputSchema } from '../src/modules/articles/index.ts';
import { AuthorInputSchema } from '../src/modules/authors/index.ts';
import { parseSchema } from '../src/platform/validation.ts';
import { TEST_NOW } from './build-test-app.ts';

let sequence = 0;

/** Saves an author; every field can be overridden. Returns the input used, with the id. */
export async function buildAuthor(services: Services, overrides: Record<string, unknown> = {}) {
  sequence += 1;
  const input = {
    name: `Reporter ${sequence}`,
    slug: `reporter-${sequence}`,
    bio: `Reporter ${sequence} covers the harbour for a test publication.`,
    email: `reporter${sequence}@example.com`,
    ...overrides,
  };
  // Overrides are untyped: checked here, at the edge, as the CLI checks a command's arguments.
  const { id } = await services.authors.saveAuthor(parseSchema(AuthorInputSchema, input));
  return { ...input, id } as typeof input & { id: number; slug: string; name: string; email: string };
}

/** Saves a published article by a new author unless `authors` is given. */
export async function buildArticle(services: Services, overrides: Record<string, unknown> = {}) {
  sequence += 1;
  const authors = (overrides.authors as string[] | undefined) ?? [(await buildAuthor(services)).slug];
  const input = {
    title: `Harbour story number ${sequence}`,
    slug: `harbour-story-${sequence}`,
    standfirst: `The standfirst of story ${sequence}.`,
    body: `The body of story ${sequence}.\n\nA second paragraph.`,
    authors,
    tags: ['Harbour'],
    status: 'published',
    published_at: new Date(new Date(TEST_NOW).getTime() - sequence * 60_000).toISOString(),
    ...overrides,
  };
  const result = await services.articles.saveArticle(parseSchema(ArticleInputSchema, input));
  return { ...input, id: result.id } as typeof input & { id: number; slug: string; title: string };
}

/** Stores an approved comment directly, as a moderator's approval would leave it. */
export async function buildComment(
  services: Services,
  articleId: number,
  overrides: Record<string, unknown> = {},
) {
  sequence += 1;
  const values = {
    article_id: articleId,
    parent_id: null,
    author_name: `Reader ${sequence}`,
    author_email: `reader${sequence}@example.org`,
    author_url: null,
    body: `Comment number ${sequence}.`,
    status: 'approved' as const,
    created_at: new Date(new Date(TEST_NOW).getTime() - 1000 * (100 - (sequence % 100))).toISOString(),
    ...overrides,
  };
  const id = await services.comments.importComment(values);
  return { ...values, id };
}
