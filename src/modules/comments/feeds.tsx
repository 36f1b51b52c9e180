import { Feed } from 'feed';
import { renderFragment } from '../../platform/render/html.ts';
import { CommentText } from './views/comment-text.tsx';

/** One comment as a feed lists it. */
export interface FeedComment {
  id: number;
  author_name: string;
  body: string;
  created_at: string;
  slug: string;
  title: string;
}

// RSS readers take an item's description as HTML, so plain comment text is escaped to stay text.
// Titles are plain text in RSS (feedparser reads them as text/plain) and go in unescaped.
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An RSS 2.0 feed of approved comments: the whole site's ("Comment on TITLE by NAME") or one
 * article's ("By: NAME"), newest first, as WordPress's comment feeds are. No email ever appears.
 */
export function buildCommentFeed(args: {
  siteTitle: string;
  publicUrl: string;
  feedPath: string;
  article?: { slug: string; title: string };
  comments: FeedComment[];
  language: string;
}): string {
  const { publicUrl, article } = args;
  const link = article ? `${publicUrl}/${article.slug}/` : `${publicUrl}/`;
  const feed = new Feed({
    title: article ? `Comments on: ${article.title}` : `Comments for ${args.siteTitle}`,
    description: article
      ? `Reader comments on “${article.title}”`
      : `The latest reader comments on ${args.siteTitle}`,
    id: link,
    link,
    language: args.language,
    copyright: '',
    updated: args.comments[0] ? new Date(args.comments[0].created_at) : new Date(0),
    generator: 'Dateline',
    feedLinks: { rss: `${publicUrl}${args.feedPath}` },
  });
  for (const c of args.comments) {
    const url = `${publicUrl}/${c.slug}/#comment-${c.id}`;
    feed.addItem({
      title: article ? `By: ${c.author_name}` : `Comment on ${c.title} by ${c.author_name}`,
      id: url,
      link: url,
      date: new Date(c.created_at),
      description: escapeHtml(c.body),
      content: renderFragment(<CommentText body={c.body} />),
      extensions: [{ name: 'dc:creator', objects: { _text: c.author_name } }],
    });
  }
  return feed.rss2();
}
