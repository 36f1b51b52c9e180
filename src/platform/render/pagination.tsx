/** Parses a page number from a URL segment: 1 to 1,000,000, digits only, or undefined (answered with 404). */
export function parsePageNumber(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^[1-9]\d{0,6}$/.test(raw)) return undefined;
  const page = Number(raw);
  return page <= 1_000_000 ? page : undefined;
}

/** The URL of page `page` of a list whose first page is `base` (which ends with "/"). */
export function pageUrl(base: string, page: number): string {
  return page <= 1 ? base : `${base}page/${page}/`;
}

/** Newer/older links under a list. */
export function Pagination({ base, page, hasNext }: { base: string; page: number; hasNext: boolean }) {
  if (page === 1 && !hasNext) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 ? (
        <a href={pageUrl(base, page - 1)} rel="prev">
          ← Newer articles
        </a>
      ) : (
        <span />
      )}
      <span>Page {page}</span>
      {hasNext ? (
        <a href={pageUrl(base, page + 1)} rel="next">
          Older articles →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
