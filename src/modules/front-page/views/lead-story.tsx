import { ArticleList } from '../../articles/http.ts';
import type { ArticleSummary } from '../../articles/index.ts';

/**
 * The curated front page's lead story: the list item the newest-first front page leads with, so
 * that it looks the same and gains whatever that item gains (a picture that loads first).
 */
export function LeadStory({ article, timezone }: { article: ArticleSummary; timezone: string }) {
  return (
    <section class="front-lead" aria-label="Lead story">
      <ArticleList items={[article]} timezone={timezone} layout="grid" lead />
    </section>
  );
}
