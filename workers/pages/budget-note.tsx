import { money } from "./format";
import { rupeesInput } from "./rupees";
import type { Filters } from "./results";
import type { ProductList } from "./types";

type PricePhrase = NonNullable<ProductList["price_phrase"]>;

/**
 * The filter form after the search read a budget in the query: the words it searched instead of
 * the whole query, and the range in the price boxes. The next submit then sends the range as an
 * ordinary filter, so clearing or changing a box is all it takes to change the budget. A price
 * the shopper typed stays as typed (even one the page could not use, so its message makes sense).
 */
export function withBudget(f: Filters, phrase: PricePhrase | null | undefined): Filters {
  if (!phrase) return f;
  return {
    ...f,
    q: phrase.q,
    price_min: f.price_min ?? rupeesInput(phrase.price_min),
    price_max: f.price_max ?? rupeesInput(phrase.price_max),
  };
}

/** The range in words: "under ₹20,000", "₹25,000 and above", "from ₹10,000 to ₹20,000". */
export function budgetWords(phrase: PricePhrase): string {
  const { price_min: min, price_max: max } = phrase;
  if (min !== null && max !== null) return `from ${money(min)} to ${money(max)}`;
  if (max !== null) return `under ${money(max)}`;
  return `${money(min)} and above`;
}

/** Says the search read a budget in the query, with a way to search the words as typed instead. */
export function BudgetNote(props: { phrase: PricePhrase; typed: string; asTypedHref: string }) {
  return (
    <p data-price-phrase>
      Showing results {budgetWords(props.phrase)}. <a href={props.asTypedHref}>Search “{props.typed}” without the price filter</a>
    </p>
  );
}
