import { headValues, type SiteInfo } from '../../../../platform/render/layout.tsx';
import { slugify } from '../../../../platform/render/slug.ts';
import { articleHead } from '../../structured-data.ts';
import {
  bodyText,
  clip,
  countWords,
  HEADLINE_MAX_CHARS,
  headlineWarning,
  readingTimeLabel,
  SEARCH_DESCRIPTION_CHARS,
  SEARCH_TITLE_CHARS,
  wordCountLabel,
} from '../../writing-aids.ts';

/**
 * The warning under the Title field when the headline runs past what search results show. Rendered
 * by the server for the text as sent; the script keeps it current while the person types. Always in
 * the page (empty when there is nothing to say), so that screen readers hear it appear.
 */
export function HeadlineWarning({ title }: { title: string }) {
  const warning = headlineWarning(title);
  return (
    <p
      class="headline-warning"
      id="headline-warning"
      data-headline-warning={String(HEADLINE_MAX_CHARS)}
      aria-live="polite"
    >
      {warning ?? ''}
    </p>
  );
}

/** What the aids read: the editor's values as sent, and the site the article will appear on. */
export interface WritingAidsProps {
  title: string;
  standfirst: string;
  slug: string;
  body: string;
  site: SiteInfo;
}

/** The host part of an address, for the search result's and share card's small print. */
function hostOf(publicUrl: string): string {
  try {
    return new URL(publicUrl).host;
  } catch {
    return publicUrl;
  }
}

/**
 * Under the Body field: the word count and reading time, then how the article will look in search
 * results and when shared, from the same values the article page's <title>, meta description and
 * Open Graph tags carry (`articleHead` and the layout's `headValues`).
 */
export function WritingAids(props: WritingAidsProps) {
  const words = countWords(bodyText(props.body));
  // An empty slug is made from the title at save time, as the save does.
  const slug = props.slug.trim() || slugify(props.title) || 'untitled';
  const head = headValues({
    site: props.site,
    ...articleHead({ title: props.title.trim() || 'Untitled', standfirst: props.standfirst.trim(), slug }),
  });
  const host = hostOf(props.site.publicUrl);
  // The site's own image is drawn from this origin: the newsroom may be reached at another address.
  const ownPrefix = `${props.site.publicUrl}/`;
  const imageSrc = head.image.startsWith(ownPrefix) ? head.image.slice(ownPrefix.length - 1) : head.image;
  return (
    <div
      class="writing-aids"
      data-writing-aids=""
      data-site-title={props.site.title}
      data-site-description={props.site.description}
      data-public-url={props.site.publicUrl}
    >
      <p class="word-count">
        <span data-word-count="">{wordCountLabel(words)}</span> ·{' '}
        <span data-reading-time="">{readingTimeLabel(words)}</span>
      </p>
      <details class="search-share-preview">
        <summary>Search and share preview</summary>
        <p class="hint">How the saved article will look: the page's title, description and share image.</p>
        <figure class="search-result">
          <figcaption>In search results</figcaption>
          <p class="search-result-url">
            {host} › <span data-search-slug="">{slug}</span>
          </p>
          <p class="search-result-title" data-search-title="">
            {clip(head.fullTitle, SEARCH_TITLE_CHARS)}
          </p>
          <p class="search-result-description" data-search-description="">
            {clip(head.summary, SEARCH_DESCRIPTION_CHARS)}
          </p>
        </figure>
        <figure class="share-card">
          <figcaption>When shared</figcaption>
          <img src={imageSrc} alt="" width="1200" height="630" loading="lazy" data-share-image="" />
          <p class="share-card-site">{host}</p>
          <p class="share-card-title" data-share-title="">
            {head.shareTitle}
          </p>
          <p class="share-card-description" data-share-description="">
            {clip(head.summary, SEARCH_DESCRIPTION_CHARS)}
          </p>
        </figure>
      </details>
    </div>
  );
}
