import type { Problem } from "./api";
import type { Filters } from "./results";
import { parseRupees } from "./rupees";

/** The inputs of a results page that a shopper can get wrong. */
export type FilterField = "q" | "category" | "brand" | "price_min" | "price_max" | "rating_min" | "sort" | "cursor";

/** A filter the page could not use, in words that say how to put it right. */
export interface FilterError {
  field: FilterField;
  message: string;
}

// The form takes rupees; the API caps prices at 10^10 paise.
const MAX_PAISE = 10_000_000_000;

/** A price filter in paise, or why it cannot be used; nothing when the shopper left it empty. */
export function priceFilter(field: "price_min" | "price_max", value: string | undefined): { paise: number } | FilterError | null {
  const word = field === "price_min" ? "minimum" : "maximum";
  if (value === undefined) return null;
  let paise: number;
  try {
    paise = parseRupees(value);
  } catch {
    return { field, message: `Enter the ${word} price as a number of rupees, like 500.` };
  }
  if (paise > MAX_PAISE) return { field, message: `The ${word} price is higher than anything we sell.` };
  return { paise };
}

/** What the page can tell is wrong with the filters before asking the API. */
export function checkFilters(f: Filters): FilterError[] {
  const min = priceFilter("price_min", f.price_min);
  const max = priceFilter("price_max", f.price_max);
  const errors = [min, max].filter((p) => p !== null && "field" in p);
  if (min && "paise" in min && max && "paise" in max && min.paise > max.paise) {
    errors.push({ field: "price_min", message: "Minimum price is above the maximum." });
  }
  return errors;
}

// Anything the API can reject that the page does not check itself: choices from the form's own lists,
// so a bad value came from an edited or stale link.
const API_FIELD_MESSAGES: Record<FilterField, string> = {
  q: "The search words are too long.",
  category: "That category is not one we have.",
  brand: "Choose brands from the list.",
  price_min: "Enter the minimum price as a number of rupees, like 500.",
  price_max: "Enter the maximum price as a number of rupees, like 500.",
  rating_min: "Choose a rating from the list.",
  sort: "Choose a sort order from the list.",
  // A cursor is only ever a link the page made: one that fails was cut, edited or made for other results.
  cursor: "That link to a later page does not work, so here is the first page.",
};

/**
 * The API's validation problem as filter errors, or nothing when it is not one the shopper can
 * fix from the form (any other failure, or a field the page does not send).
 */
export function apiFilterErrors(problem: Problem): FilterError[] {
  if (problem.status !== 400 || !Array.isArray(problem.errors) || problem.errors.length === 0) return [];
  const fields = problem.errors.map((e) => String(e.path).split(".")[0] ?? "");
  if (!fields.every((f): f is FilterField => Object.hasOwn(API_FIELD_MESSAGES, f))) return [];
  return [...new Set(fields)].map((field) => ({ field, message: API_FIELD_MESSAGES[field] }));
}

/** The filters without the ones that failed; a bad bound drops the whole price range, which is one filter to the shopper. */
export function withoutFailing(f: Filters, errors: FilterError[]): Filters {
  const failed = new Set(errors.map((e) => e.field));
  const price = failed.has("price_min") || failed.has("price_max");
  return {
    ...f,
    q: failed.has("q") ? undefined : f.q,
    category: failed.has("category") ? undefined : f.category,
    brand: failed.has("brand") ? [] : f.brand,
    price_min: price ? undefined : f.price_min,
    price_max: price ? undefined : f.price_max,
    rating_min: failed.has("rating_min") ? undefined : f.rating_min,
    sort: failed.has("sort") ? undefined : f.sort,
  };
}
