// Previous / next page links that keep the rest of the query string.
export interface PagerProps {
  path: string;
  params: Record<string, string | undefined>;
  page: number;
  hasMore: boolean;
  /** Where on the page the links land (`#discussion-heading`). */
  hash?: string;
  /** Pages in all, when known: "Page 2 of 7". */
  pages?: number;
}

function href(path: string, params: PagerProps['params'], page: number, hash = ''): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  if (page > 1) query.set('p', String(page));
  const text = query.toString();
  return (text ? `${path}?${text}` : path) + hash;
}

export function Pager({ path, params, page, hasMore, hash, pages }: PagerProps) {
  if (page <= 1 && !hasMore) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? <a rel="prev" href={href(path, params, page - 1, hash)}>← Previous page</a> : <span />}
      <span class="pager-page">Page {page}{pages ? ` of ${pages}` : ''}</span>
      {hasMore ? <a rel="next" href={href(path, params, page + 1, hash)}>Next page →</a> : <span />}
    </nav>
  );
}
