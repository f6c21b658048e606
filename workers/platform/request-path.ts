/** The parts of a request's URL the pre-router answers look at. */
export interface RequestPath {
  pathname: string;
  search: string;
}

/**
 * The path and query of a request URL, read off the string. `request.url` is already a
 * serialized (normalized) URL, so this equals `new URL(url)`'s pathname and search, without
 * building a URL object on every request of the herd.
 */
export function requestPath(url: string): RequestPath {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return { pathname: "/", search: "" };
  const query = url.indexOf("?", start);
  const hash = url.indexOf("#", start);
  const end = hash < 0 ? url.length : hash;
  if (query < 0 || query > end) return { pathname: url.slice(start, end), search: "" };
  const search = url.slice(query, end);
  return { pathname: url.slice(start, query), search: search === "?" ? "" : search };
}
