import { type SearchParams, WORDED_SORT } from "./schemas";

// Whole words only, in any script: a Devanagari word ends in a vowel sign, which is a mark, not a letter.
const BEFORE = String.raw`(?<![\p{L}\p{M}\p{N}])`;
const AFTER = String.raw`(?![\p{L}\p{M}\p{N}])`;
const SASTA = "(?:sasta|saste|sasti|sastha|sasthe|सस्ता|सस्ते|सस्ती)";
const PRICE = "(?:price|prices|priced|cost|daam|dam|keemat|kimat|दाम|कीमत)";

/**
 * Words that ask for the cheapest first, as Indian shoppers type them: "cheap", "cheapest",
 * "budget", "sasta", "sabse sasta", "low price", "kam price", "कम दाम". None of them names a
 * product, so searched as words they only leave results out.
 */
const CHEAP_WORDS = new RegExp(
  `${BEFORE}(?:(?:sabse|sab\\s+se|सबसे)\\s*${SASTA}|${SASTA}|cheap(?:est|er)?|budget|affordable|(?:lowest|low|least|kam|कम)\\s+${PRICE})${AFTER}`,
  "giu",
);

/** A query split into the words to search and the cheap-first words read out of it. */
export interface SortIntent {
  /** The query without those words, spaces collapsed. */
  text: string;
  /** The words read as "cheapest first", as typed ("sabse sasta"); null when there were none. */
  words: string | null;
}

/** Reads the words asking for the cheapest first out of a query: one regular expression, no lookup. */
export function parseSortIntent(query: string): SortIntent {
  const found: string[] = [];
  const text = query.replace(CHEAP_WORDS, (whole) => {
    found.push(whole.replace(/\s+/g, " "));
    return " ";
  });
  if (found.length === 0) return { text: query.trim(), words: null };
  return { text: text.replace(/\s+/g, " ").trim(), words: found.join(" ") };
}

/** A search request as run, and what the cheap-first words in its query asked for, if it had any. */
export interface WordedSearch<P> {
  params: P;
  /** The words searched and the words read; null when the query had none, or a sort was chosen. */
  understood: { q: string; sort: "price_asc"; words: string } | null;
}

/**
 * Leaves the cheap-first words of `q` out of the text searched ("sasta laptop" searches
 * "laptop"), and, when the shopper chose no sort (`sortChosen`), orders by them: the products the
 * query names cheapest first, then the rest by relevance (WORDED_SORT). A sort
 * the shopper picked is the more deliberate choice and always wins. A query of nothing but those
 * words, and one sent `as_typed`, is searched as typed.
 */
export function applySortIntent<P extends Pick<SearchParams, "q" | "sort" | "as_typed">>(params: P, sortChosen: boolean): WordedSearch<P> {
  if (!params.q || params.as_typed) return { params, understood: null };
  const { text, words } = parseSortIntent(params.q);
  if (words === null || !/[\p{L}\p{N}]/u.test(text)) return { params, understood: null };
  if (sortChosen) return { params: { ...params, q: text }, understood: null };
  return { params: { ...params, q: text, sort: WORDED_SORT }, understood: { q: text, sort: "price_asc", words } };
}
