import type { z } from "@hono/zod-openapi";
import type { AutocompleteResponseSchema, SearchParams, SearchResponseSchema } from "./schemas";

/**
 * One page of results with facets, total and the cursor to the next page; the route adds how it
 * read a budget and cheap-first words in the query, the latter from `named_first`: whether the
 * order read from those words found products the query names (by category or title, or, naming
 * no category, by the category most of its best matches are in: `likely_category`) to list first.
 */
export type SearchPage = Omit<z.output<typeof SearchResponseSchema>, "price_phrase" | "sort_phrase"> & {
  named_first: boolean;
  likely_category: SortPhrase["category"];
};

type SortPhrase = NonNullable<z.output<typeof SearchResponseSchema>["sort_phrase"]>;

/** One autocomplete suggestion. */
export type Suggestion = z.output<typeof AutocompleteResponseSchema>["suggestions"][number];

/**
 * The seam a dedicated search engine plugs into. The embedded default is D1 FTS5
 * (d1-backend.ts); at catalog sizes one D1 cannot hold, an engine fed from the
 * catalog-changes queue implements the same two calls and the routes do not change.
 */
export interface SearchBackend {
  /** Full-text search and category browsing with filters, facets, sort and cursor paging. */
  search(params: SearchParams): Promise<SearchPage>;
  /** Suggestions for a half-typed query: popular queries, products, brands and categories. */
  suggest(q: string, limit: number): Promise<Suggestion[]>;
}
