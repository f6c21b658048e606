import type { ProductList } from "./types";

type SortPhrase = NonNullable<ProductList["sort_phrase"]>;

/**
 * This search again from its first page, sorted by relevance: a sort in the address always wins
 * over the words that asked for the cheapest first, which the search then only leaves unsearched.
 */
export function byRelevanceHref(url: URL, query: URLSearchParams): string {
  const next = new URLSearchParams(query);
  next.delete("cursor");
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
