/** A list page as the API answers it: one page of items and where the next one starts. */
export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

/**
 * The cursor from a page's own query string, passed on to the API only when it looks like one the
 * API issues; anything else starts from the first page instead of ending in an error page.
 */
export function cursorParam(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9_-]{1,300}$/.test(value) ? value : undefined;
}

/** `base` with the query parameters set, skipping empty ones. */
export function withQuery(base: string, params: Record<string, string | number | null | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${base}?${s}` : base;
}

/** The links under a paged list: on to the next page, and back to the first once past it. */
export function PageLinks(props: { next: string | null; first: string | null; label: string }) {
  if (!props.next && !props.first) return null;
  return (
    <p class="more">
      {props.next && (
        <a href={props.next} rel="next">
          {props.label}
        </a>
      )}
      {props.next && props.first && " · "}
      {props.first && <a href={props.first}>Back to the start</a>}
    </p>
  );
}
