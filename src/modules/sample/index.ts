import type { Db } from '../../platform/db/database.ts';
import type { ArticleInput } from '../articles/index.ts';
import type { AuthorInput } from '../authors/index.ts';
import type { CurationInput } from '../front-page/index.ts';
import type { PageInput } from '../pages/index.ts';
import type { SectionInput } from '../sections/index.ts';
import type { SettingsUpdate } from '../settings/index.ts';
import {
  sampleArticles,
  sampleAuthors,
  sampleFrontPage,
  sampleSections,
  type SampleComment,
} from './content.ts';
import { renderSamplePicture, samplePictures } from './pictures.ts';
import { samplePages } from './pages.ts';

/** The services the seeder writes through, bound to one transaction by the caller. */
export interface SeedServices {
  settings: { update(values: SettingsUpdate): Promise<unknown> };
  authors: { saveAuthor(input: AuthorInput): Promise<unknown> };
  sections: { save(input: SectionInput): Promise<unknown> };
  pages: { save(input: PageInput): Promise<unknown> };
  articles: { saveArticle(input: ArticleInput): Promise<{ id: number }> };
  /**
   * Where the sample's pictures go, as an editor's uploads do. Without it (no upload folder) the
   * articles are written without featured images.
   */
  uploads?: {
    uploadImage(input: { bytes: Uint8Array; filename: string; actor: null }): Promise<{ id: number }>;
  };
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
  frontPage: { save(input: CurationInput): Promise<unknown> };
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
): Promise<{ authors: number; articles: number; comments: number; pictures: number }> {
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
  // Before the articles: a page's address is checked against theirs, and theirs against the pages'.
  for (const page of samplePages) await services.pages.save(page);
  // Drawn all at once (sharp works on its own threads), then stored one by one through the uploads
  // service, which makes the same sizes as for a photograph.
  const uploads = services.uploads;
  const pictureIds = new Map<string, number>();
  if (uploads) {
    const drawn = await Promise.all(
      Object.entries(samplePictures).map(async ([slug, picture]) => ({
        slug,
        bytes: await renderSamplePicture(picture),
      })),
    );
    for (const { slug, bytes } of drawn) {
      const upload = await uploads.uploadImage({ bytes, filename: `${slug}.webp`, actor: null });
      pictureIds.set(slug, upload.id);
    }
  }
  let comments = 0;
  for (const article of sampleArticles) {
    const pictureId = pictureIds.get(article.slug);
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
      ...(pictureId !== undefined && {
        featured_image: { upload_id: pictureId, alt: samplePictures[article.slug]!.alt },
      }),
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
  // The newsroom's choices, so that the sample shows a curated front page: a lead, two pins and two rows.
  await services.frontPage.save({ ...sampleFrontPage, actor: null });
  return {
    authors: sampleAuthors.length,
    articles: sampleArticles.length,
    comments,
    pictures: pictureIds.size,
  };
}
