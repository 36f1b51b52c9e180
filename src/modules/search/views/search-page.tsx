import { formatDate } from '../../../platform/render/html.ts';
import { Layout, type SiteInfo } from '../../../platform/render/layout.tsx';
import { ListPicture } from '../../articles/http.ts';
import { MAX_QUERY_LENGTH } from '../query.ts';
import type { SearchResult } from '../service.ts';
import type { SnippetPart } from '../snippet.ts';

/** What the search page shows: the form, and either results, a problem with the query, or neither. */
export interface SearchPageProps {
  site: SiteInfo;
  /** The query as the reader typed it (for the form and the heading); empty for a bare /search. */
  query: string;
  result?: SearchResult | undefined;
  /** Results per page, for numbering the list. */
  perPage: number;
  /** Why the query could not be run, for the reader. */
  problem?: string | undefined;
}

/** The URL of page `page` of the results for `query`. */
export function searchUrl(query: string, page = 1): string {
  const params = new URLSearchParams({ q: query });
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

/** The search form. Plain GET, so it works without script and results can be linked to. */
export function SearchForm({ query }: { query: string }) {
  return (
    <form class="search-form" role="search" aria-label="Search articles" action="/search" method="get">
      <label for="search-q">Search</label>{' '}
      <input type="search" id="search-q" name="q" value={query} maxlength={MAX_QUERY_LENGTH} />{' '}
      <button type="submit">Search</button>
    </form>
  );
}

function SyntaxHelp() {
  return (
    <p class="search-help">
      Words match their beginnings (<kbd>harb</kbd> finds “harbour”). Put a phrase in quotes (
      <kbd>"harbour dredging"</kbd>), leave a word out with a minus (<kbd>-ferry</kbd>), and write{' '}
      <kbd>OR</kbd> between words when either will do.
    </p>
  );
}

/** A snippet as text, with each match in <mark>. Every part is text: the renderer escapes it. */
export function Snippet({ parts }: { parts: SnippetPart[] }) {
  if (parts.length === 0) return null;
  return <p class="snippet">{parts.map((part) => (part.isMatch ? <mark>{part.text}</mark> : part.text))}</p>;
}

function ResultPages({ query, page, totalPages }: { query: string; page: number; totalPages: number }) {
  if (totalPages <= 1) return null;
  return (
    <nav class="pagination" aria-label="Result pages">
      {page > 1 ? (
        <a href={searchUrl(query, page - 1)} rel="prev">
          ← Previous results
        </a>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? (
        <a href={searchUrl(query, page + 1)} rel="next">
          More results →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** Matching standing pages (About, Contact), above the articles on the first page of results. */
function PageHits({ pages }: { pages: SearchResult['pages'] }) {
  if (pages.length === 0) return null;
  return (
    <section class="search-pages" aria-labelledby="search-pages-heading">
      <h2 id="search-pages-heading">Pages</h2>
      <ul class="article-list search-results">
        {pages.map((hit) => (
          <li>
            <article>
              <h3>
                <a href={hit.path}>{hit.title}</a>
              </h3>
              <Snippet parts={hit.snippet} />
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Results({ site, result, perPage }: { site: SiteInfo; result: SearchResult; perPage: number }) {
  if (result.total === 0) {
    return (
      <>
        <PageHits pages={result.pages} />
        <p class="search-summary">No articles match your search.</p>
        <SyntaxHelp />
      </>
    );
  }
  const first = (result.page - 1) * perPage + 1;
  return (
    <>
      <PageHits pages={result.pages} />
      <p class="search-summary">
        {result.total === 1 ? '1 article' : `${result.total} articles`} found
        {result.totalPages > 1 && `, page ${result.page} of ${result.totalPages}`}.
      </p>
      <ol class="article-list search-results" start={first}>
        {result.items.map((hit) => (
          <li>
            <article>
              <ListPicture image={hit.featuredImage} />
              <h2>
                <a href={`/${hit.slug}/`}>{hit.title}</a>
              </h2>
              <p class="meta">
                <time datetime={hit.publishedAt}>{formatDate(hit.publishedAt, site.timezone)}</time>
              </p>
              {hit.standfirst && <p class="standfirst-small">{hit.standfirst}</p>}
              <Snippet parts={hit.snippet} />
            </article>
          </li>
        ))}
      </ol>
      <ResultPages query={result.query} page={result.page} totalPages={result.totalPages} />
    </>
  );
}

/** The search page: `/search`, `/search?q=…` and `/search?q=…&page=N`. */
export function SearchPage({ site, query, result, perPage, problem }: SearchPageProps) {
  const heading = query === '' ? 'Search' : `Search results for “${query}”`;
  const title = result && result.page > 1 ? `${heading}, page ${result.page}` : heading;
  return (
    <Layout
      site={site}
      title={title}
      canonical={
        query === ''
          ? '/search'
          : `/search?q=${encodeURIComponent(query)}${result && result.page > 1 ? `&page=${result.page}` : ''}`
      }
    >
      <h1>{heading}</h1>
      <SearchForm query={query} />
      {problem !== undefined && (
        <>
          <p class="search-problem" role="alert">
            {problem}
          </p>
          <SyntaxHelp />
        </>
      )}
      {result && <Results site={site} result={result} perPage={perPage} />}
    </Layout>
  );
}
