import { renderFragment } from '../../platform/render/html.ts';
import { addElement, serializeXml, startRss } from '../../platform/render/xml.ts';
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

// RSS readers take descriptions as HTML, so plain text (a comment, a headline in the channel's
// description) is HTML-escaped to stay text. Titles are plain text in RSS (feedparser reads them
// as text/plain) and are not.
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
  const { document, channel } = startRss({
    title: article ? `Comments on: ${article.title}` : `Comments for ${args.siteTitle}`,
    link: article ? `${publicUrl}/${article.slug}/` : `${publicUrl}/`,
    descriptionHtml: escapeHtml(
      article ? `Reader comments on “${article.title}”` : `The latest reader comments on ${args.siteTitle}`,
    ),
    updated: args.comments[0] ? new Date(args.comments[0].created_at) : new Date(0),
    language: args.language,
    selfUrl: `${publicUrl}${args.feedPath}`,
  });
  // Every string, the HTML included, is written as escaped XML text: a reader's name holding
  // "]]>" or "</item>" stays part of its title.
  for (const c of args.comments) {
    const url = `${publicUrl}/${c.slug}/#comment-${c.id}`;
    const item = addElement(channel, 'item');
    addElement(item, 'title', {
      text: article ? `By: ${c.author_name}` : `Comment on ${c.title} by ${c.author_name}`,
    });
    addElement(item, 'link', { text: url });
    addElement(item, 'guid', { text: url, attributes: { isPermaLink: 'false' } });
    addElement(item, 'pubDate', { text: new Date(c.created_at).toUTCString() });
    addElement(item, 'description', { text: escapeHtml(c.body) });
    addElement(item, 'content:encoded', { text: renderFragment(<CommentText body={c.body} />) });
    addElement(item, 'dc:creator', { text: c.author_name });
  }
  return serializeXml(document);
}
