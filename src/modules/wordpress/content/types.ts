/** An attachment as Dateline now holds it: its address, responsive variants and texts. */
export interface ResolvedImage {
  src: string;
  srcset: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
}

/** Finds the Dateline copy of a WordPress attachment. */
export interface MediaResolver {
  /** An image address as found in the export: absolute, site-relative (/wp-content/uploads/…), or a resized variant (-300x200.jpg). undefined when unknown. */
  byUrl(url: string): ResolvedImage | undefined;
  /** By attachment id (gallery ids, wp:image {"id":…}). */
  byId(id: number): ResolvedImage | undefined;
  /** Attachments whose parent is this post, in menu order (a [gallery] without ids). */
  childrenOf(postId: number): ResolvedImage[];
}

/** What convertContent needs to know about the post and the site. */
export interface ConvertOptions {
  postId: number;
  media: MediaResolver;
  /** wp:base_site_url, to recognise own-site absolute links. */
  siteUrl: string;
}

/** One post's body, converted, and what the conversion could not carry over. */
export interface ConvertedContent {
  /** Sanitised Dateline body HTML. */
  html: string;
  /** Plain text before <!--more-->, or null when there is no more tag. */
  teaser: string | null;
  /** From a closing "Original Source: <a href=URL>Name</a>" paragraph, which is removed from html. */
  source: { name: string; url: string } | null;
  /** Shortcode names left visible in the text, once each. */
  unknownShortcodes: string[];
  /** Block names not understood; their inner HTML is kept, sanitised. */
  unknownBlocks: string[];
  /** Upload image addresses the resolver did not know; they still point where they did. */
  missingImages: string[];
  /** The post had <!--nextpage--> breaks; its pages are joined. */
  nextpage: boolean;
}

/** The state one conversion shares between its steps. */
export interface Conversion {
  options: ConvertOptions;
  unknownShortcodes: Set<string>;
  unknownBlocks: Set<string>;
  missingImages: Set<string>;
  /** Addresses a step already resolved, which the image pass leaves alone. */
  resolved: Set<string>;
  /** HTML made from shortcodes, stood in for by placeholders until the blocks and paragraphs are done. */
  fragments: string[];
}
