import type { Db } from '../../platform/db/database.ts';
import type { ArticleInput } from '../articles/index.ts';
import type { AuthorInput } from '../authors/index.ts';
import type { SectionInput } from '../sections/index.ts';
import type { SettingsUpdate } from '../settings/index.ts';
import { sampleArticles, sampleAuthors, sampleSections, type SampleComment } from './content.ts';

/** The services the seeder writes through, bound to one transaction by the caller. */
export interface SeedServices {
  settings: { update(values: SettingsUpdate): Promise<unknown> };
  authors: { saveAuthor(input: AuthorInput): Promise<unknown> };
  sections: { save(input: SectionInput): Promise<unknown> };
  articles: { saveArticle(input: ArticleInput): Promise<{ id: number }> };
  comments: {
    importComment(values: {
      article_id: number;
      parent_id: number | null;
      author_name: string;
      author_email: string;
      author_url: string | null;
      body: string;
      status: 'approved';
      created_at: string;
    }): Promise<number>;
  };
}

/** True when the database holds no articles and no authors: the only state the sample is written into. */
export async function isEmptyPublication(db: Db): Promise<boolean> {
  const [article, author] = await Promise.all([
    db.selectFrom('articles').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('authors').select('id').limit(1).executeTakeFirst(),
  ]);
  return !article && !author;
}

/**
 * Writes the sample publication: The Dateline Gazette, a fictional local paper. The caller runs this
 * inside one transaction, so a crash leaves either the whole sample or nothing.
 */
export async function seedSamplePublication(
  services: SeedServices,
): Promise<{ authors: number; articles: number; comments: number }> {
  await services.settings.update({
    'site.title': 'The Dateline Gazette',
    'site.description':
      'Sample news from the fictional town of Harbourton: a demonstration publication for Dateline.',
  });
  for (const author of sampleAuthors) {
    await services.authors.saveAuthor({
      slug: author.slug,
      name: author.name,
      bio: author.bio,
      email: author.email,
      ...(author.website && { website: author.website }),
    });
  }
  // News is there already (migration 0016); saving it again gives it its description.
  for (const section of sampleSections) {
    await services.sections.save({
      slug: section.slug,
      name: section.name,
      description: section.description,
      parent: section.parent ?? '',
    });
  }
  let comments = 0;
  for (const article of sampleArticles) {
    const { id } = await services.articles.saveArticle({
      slug: article.slug,
      title: article.title,
      standfirst: article.standfirst,
      body: article.body,
      authors: article.authors,
      section: article.section,
      tags: article.tags,
      status: 'published',
      published_at: article.publishedAt,
      ...(article.updatedAt && { updated_at: article.updatedAt }),
      ...(article.source && { source: article.source }),
    });
    // Comments arrive an hour apart after publication, so threads read in a believable order.
    let at = new Date(article.publishedAt).getTime();
    const write = async (comment: SampleComment, parentId: number | null): Promise<void> => {
      at += 60 * 60 * 1000;
      const commentId = await services.comments.importComment({
        article_id: id,
        parent_id: parentId,
        author_name: comment.name,
        author_email: comment.email,
        author_url: comment.url ?? null,
        body: comment.body,
        status: 'approved',
        created_at: new Date(at).toISOString(),
      });
      comments += 1;
      for (const reply of comment.replies ?? []) await write(reply, commentId);
    };
    for (const comment of article.comments ?? []) await write(comment, null);
  }
  return { authors: sampleAuthors.length, articles: sampleArticles.length, comments };
}
