import MarkdownIt from 'markdown-it';

// html:false is markdown-it's safe default: raw HTML in the source is escaped, and javascript:,
// vbscript: and data: (except images) links are refused by its validateLink.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });

const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));

// Links that leave the site open with rel="noopener"; the page stays in charge of its own window.
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const href = String(token?.attrGet('href') ?? '');
  if (token && /^https?:\/\//i.test(href)) token.attrSet('rel', 'noopener');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Renders an article's Markdown to HTML. Called when an article is saved, never per request. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
