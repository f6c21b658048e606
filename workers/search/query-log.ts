import type { SearchPage } from "./backend";
import type { SearchParams } from "./schemas";
import { queryText } from "./text";
import { recordPopularQueries } from "./vocabulary";

/** Where background work is handed (the request's execution context). */
interface Background {
  waitUntil(promise: Promise<unknown>): void;
}

/** Most distinct queries an isolate holds between writes; past it, new ones wait for the next window. */
export const MAX_PENDING_QUERIES = 200;

/** How often an isolate writes what it counted: one statement per window, however busy search is. */
export const FLUSH_EVERY_MS = 30_000;

// Counts of searches this isolate answered, by query. Only totals of what shoppers searched for,
// never who searched, so sharing them across requests is safe. An isolate evicted before it
// writes loses its window's counts, which popularity can spare.
let pending = new Map<string, number>();
let windowStart: number | null = null;

/**
 * Counts a search toward the popular queries autocomplete suggests, and writes the counts in the
 * background once a window has passed. Counted: the first page of a search that found products
 * with every word, as corrected ("samsung galaxy" for "samsng galxy"), so a typo or a query that
 * finds nothing is never suggested. `params` are the search as run, so a budget phrase is already
 * gone from `q`: "phone under 20000" counts as "phone", and "under 500" alone as nothing. Called
 * where the edge cache missed, so a herd on one query counts once per cache lifetime per data
 * centre: a sample that keeps the order of popularity without a write per search.
 */
export function logSearch(db: D1Database, ctx: Background, params: SearchParams, page: SearchPage, now = Date.now()): void {
  if (!params.q || params.cursor || page.total === 0 || page.relaxed) return;
  // As the search read it: "samsung-galaxy" and "Samsung Galaxy!!" are the one suggestion
  // "samsung galaxy", and symbols added to a real query do not make a suggestion of their own.
  const query = queryText(page.corrected_query ?? params.q);
  if (!noteQuery(query, now)) return;
  ctx.waitUntil(
    flushSearchLog(db).catch((err) => {
      console.error(JSON.stringify({ level: "warn", message: "search log flush failed", error: String(err) }));
    }),
  );
}

/** Adds one search of `query`; true when the window is over and the counts should be written. */
export function noteQuery(query: string, now: number): boolean {
  if (query.length === 0) return false;
  windowStart ??= now;
  const seen = pending.get(query);
  if (seen !== undefined) pending.set(query, seen + 1);
  else if (pending.size < MAX_PENDING_QUERIES) pending.set(query, 1);
  return now - windowStart >= FLUSH_EVERY_MS;
}

/** Writes this isolate's counts to popular_queries and starts a new window; the number of queries written. */
export async function flushSearchLog(db: D1Database): Promise<number> {
  const counts = [...pending].map(([query, popularity]) => ({ query, popularity }));
  pending = new Map();
  windowStart = null;
  if (counts.length > 0) await recordPopularQueries(db, counts);
  return counts.length;
}
