/**
 * The address rules of Dateline body HTML, shared by the server's sanitiser (body-html.ts) and the
 * newsroom's editor (editor/), which is bundled for the browser: so this file imports nothing.
 */

/** The providers an embed names; "link" is any other address. */
/** The `sizes` of a body image: the column is 42rem wide from 48rem up, the full width below. */
export const BODY_IMAGE_SIZES = '(min-width: 48rem) 42rem, 100vw';

export const EMBED_PROVIDERS = ['YouTube', 'Vimeo', 'Bluesky', 'Mastodon', 'link'] as const;
export type EmbedProvider = (typeof EMBED_PROVIDERS)[number];

// Browsers drop tabs and newlines inside an address and spaces around it, so the checks read it the same way.
function tidyUrl(value: string): string | undefined {
  const url = value.replace(/[\t\n\r]/g, '').trim();
  // Any control character left (below a space, or DEL) makes the address unusable.
  return /[^ -\u{10FFFF}]|\u007f/u.test(url) || url === '' ? undefined : url;
}

/** An http(s) address, a site-relative path, or undefined. A protocol-relative one becomes https. */
export function safeImageUrl(value: string): string | undefined {
  const url = tidyUrl(value);
  if (url === undefined) return undefined;
  if (/^\/[/\\]/.test(url)) return safeImageUrl(`https:${url}`);
  if (url.startsWith('/')) return url;
  if (!/^https?:\/\//i.test(url)) return undefined;
  return URL.canParse(url) ? url : undefined;
}

/** What safeImageUrl allows, and mailto: and in-page (#) links. */
export function safeLinkUrl(value: string): string | undefined {
  const url = tidyUrl(value);
  if (url === undefined) return undefined;
  if (url.startsWith('#') || /^mailto:[^\s]/i.test(url)) return url;
  return safeImageUrl(url);
}

/** Which provider an address belongs to, from its host (and, for Mastodon, its /@user/123 path). */
export function embedProvider(url: string): EmbedProvider {
  if (!URL.canParse(url)) return 'link';
  const { hostname, pathname } = new URL(url);
  const host = hostname.toLowerCase().replace(/^(www|m)\./, '');
  if (host === 'youtube.com' || host === 'youtu.be' || host === 'youtube-nocookie.com') return 'YouTube';
  if (host === 'vimeo.com' || host === 'player.vimeo.com') return 'Vimeo';
  if (host === 'bsky.app') return 'Bluesky';
  if (/^\/@[\w.-]+(@[\w.-]+)?\/\d+\/?$/.test(pathname)) return 'Mastodon';
  return 'link';
}
