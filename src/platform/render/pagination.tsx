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
