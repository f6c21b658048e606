import { PINCODE_PARAM } from "./deliver-to";

/** What a results page reads from its query: its filters, its sort and the page cursor. */
const RESULTS_PARAMS = ["q", "as_typed", "category", "brand", "price_min", "price_max", "rating_min", "in_stock", "sort", "cursor"];

/**
 * The pages that are the same for every visitor, each with the query parameters it reads.
 * Anything else in a query (a campaign tag, a click id) changes nothing on the page, so it is no
 * part of the page's cache key: otherwise every tagged link would be rendered and kept on its
 * own, out of reach of a purge, which names a page by its path.
 */
const SHARED_PAGES: readonly {
  path: RegExp;
  reads: readonly string[];
  /**
   * Query parameters that make the page one visitor's own: a request carrying one is neither
   * answered from nor stored in the shared cache. Never a cookie: a page personal by cookie would
   * be drawn anew for every visitor who has one, and the herd's pages must stay one shared copy.
   */
  personalWith?: readonly string[];
}[] = [
  { path: /^\/$/, reads: [] },
  // A product page drawn for a PIN code sent without scripts shows when it arrives there.
  { path: /^\/products\/[^/]+$/, reads: [], personalWith: [PINCODE_PARAM] },
  { path: /^\/products\/[^/]+\/reviews$/, reads: ["cursor", "rating", "sort"] },
  { path: /^\/products\/[^/]+\/questions$/, reads: ["cursor"] },
  { path: /^\/deals$/, reads: [] },
  { path: /^\/deals\/[^/]+$/, reads: [] },
  // The products compared, in their columns' order, and whether only their differences are shown.
  { path: /^\/compare$/, reads: ["ids", "only"] },
  { path: /^\/search$/, reads: RESULTS_PARAMS },
  // The path names the category, and a category page applies no text query.
  { path: /^\/categories\/[^/]+$/, reads: RESULTS_PARAMS.filter((p) => p !== "q" && p !== "as_typed" && p !== "category") },
];

/**
 * The query the shared page at `url` reads, in a fixed order, so links that differ only in what
 * the page ignores or in parameter order share one cached copy; null when `url` is no shared page.
 */
export function sharedPageQuery(url: URL): URLSearchParams | null {
  const page = SHARED_PAGES.find((p) => p.path.test(url.pathname));
  if (!page) return null;
  // A page reads the first value of each parameter but `brand`, which may repeat; a second
  // value it ignores must not tell two pages apart, nor be sorted ahead of the one it reads.
  const seen = new Set<string>();
  const kept = [...url.searchParams].filter(([name]) => {
    if (!page.reads.includes(name)) return false;
    if (name === "brand") return true;
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  kept.sort(([a, av], [b, bv]) => a.localeCompare(b) || av.localeCompare(bv));
  return new URLSearchParams(kept);
}

/** Whether a request for the shared page at `url` asks for that visitor's own copy of it (see `personalWith`). */
export function asksForPersonalCopy(url: URL): boolean {
  const page = SHARED_PAGES.find((p) => p.path.test(url.pathname));
  return page?.personalWith?.some((name) => url.searchParams.has(name)) ?? false;
}
