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

/**
 * Says the results are cheapest first because of a word in the query, with the way back to
 * relevance. A query naming a model line rather than a category ("cheapest macbook") had only its
 * matches in one category sorted, so the note names it: the sleeves after the MacBooks stay by relevance.
 */
export function SortNote(props: { phrase: SortPhrase; relevanceHref: string }) {
  const sorted = props.phrase.category
    ? `${props.phrase.category.name} first, sorted by price, low to high`
    : "Sorted by price, low to high";
  return (
    <p data-sort-phrase>
      {sorted}, because you searched “{props.phrase.words}”. <a href={props.relevanceHref}>Sort by relevance instead</a>
    </p>
  );
}
