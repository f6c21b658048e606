import { parseSortIntent } from "../search/sort-intent";
import type { Filters } from "./results";
import type { ProductList } from "./types";

type SortPhrase = NonNullable<ProductList["sort_phrase"]>;

/**
 * The filter form after the search read "cheapest first" in the query: the words it searched and
 * the sort it applied, so the next submit sends the sort as the shopper's own choice.
 */
export function withSortPhrase(f: Filters, phrase: SortPhrase | null | undefined): Filters {
  if (!phrase) return f;
  return { ...f, q: phrase.q, sort: f.sort ?? phrase.sort };
}

/**
 * This search sorted by relevance, with the words that asked for the cheapest first left out: a
 * sort given in the address is never read from the words again, so they would only be searched.
 * Whatever else the query said (a budget) is kept for the search to read.
 */
export function byRelevanceHref(url: URL, query: URLSearchParams, typed: string): string {
  const next = new URLSearchParams(query);
  next.delete("cursor");
  next.set("q", parseSortIntent(typed).text);
  next.set("sort", "relevance");
  return `${url.pathname}?${next}`;
}

/** Says the results are cheapest first because of a word in the query, with the way back to relevance. */
export function SortNote(props: { phrase: SortPhrase; relevanceHref: string }) {
  return (
    <p data-sort-phrase>
      Sorted by price, low to high, because you searched “{props.phrase.words}”. <a href={props.relevanceHref}>Sort by relevance instead</a>
    </p>
  );
}
