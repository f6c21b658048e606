/** A price range in paise, inclusive at both ends; null where a side is open. */
export interface PriceRange {
  min: number | null;
  max: number | null;
}

/** A query split into the words to search and the budget the shopper typed with them. */
export interface PriceIntent {
  /** The query without its budget phrase, spaces collapsed. */
  text: string;
  /** The budget in paise, or null when the query has no budget phrase. */
  range: PriceRange | null;
}

/** The most a price filter may say (the search API's own limit), so a longer number is no budget. */
const MAX_PAISE = 100_000_000_00;

// Letters and digits in any script: a keyword or amount must not start or end inside a word. A
// sign or currency symbol starts a budget wherever it stands: shoppers type "phone<20000".
const EDGE_BEFORE = String.raw`(?:(?<![\p{L}\p{N}])|(?=[<>₹]))`;
const EDGE_AFTER = String.raw`(?![\p{L}\p{N}])`;
const CURRENCY_BEFORE = String.raw`(?:rs\.?|inr|₹)\s*`;
const CURRENCY_AFTER = String.raw`\s*(?:rs\.?|rupees?|inr|₹|\/-)`;
// 20000, 20,000 or 2,00,000, with an optional fraction.
const NUMBER = String.raw`(?:\d{1,3}(?:,\d{2,3})+|\d+)(?:\.\d+)?`;
// "2L" only written together: "250 l" is a fridge's litres.
const MULTIPLIER = String.raw`(?:\s*(?:k|thousand|lakhs?|lacs?|crores?|cr)|l)${EDGE_AFTER}`;
// A number followed by a unit is a size or a spec, whatever came before it ("under 5000 mah").
const UNIT = String.raw`(?!\s*(?:mah|gb|tb|mb|inch|inches|in|"|ton|tons|tonne|w|watts?|kw|mp|hz|kg|g|ml|l|ltr|litres?|liters?|cm|mm|ft|feet|hp|star|v|pcs|pack)${EDGE_AFTER})`;
/** One amount with its currency marks, captured whole so `amount` can read it. */
const AMOUNT = `((?:${CURRENCY_BEFORE})?${NUMBER}(?:${MULTIPLIER})?(?:${CURRENCY_AFTER})?)${EDGE_AFTER}${UNIT}`;

// Words around a budget that mean nothing once it is a filter: "phone for a budget of 20000 only".
const FILLER = String.raw`(?:(?:for|in|at|with|of)\s+(?:a\s+)?)?`;
const PRICE_WORD = String.raw`(?:(price\s+range|price|priced|budget|cost|costing|range)\s+(?:of\s+|is\s+)?)?`;
const TAIL = String.raw`(?:\s+only)?(?:\s+budget)?(?:\s+(?:tak|ke\s+beech|तक|के\s*बीच)${EDGE_AFTER})?`;

const UPPER = String.raw`(?:under|below|less\s+than|lower\s+than|within|upto|up\s+to|not\s+more\s+than|no\s+more\s+than|maximum|max|<=?)`;
const LOWER = String.raw`(?:above|over|more\s+than|greater\s+than|starting\s+(?:from|at)|from|minimum|min|>=?)`;
// Hindi and Hinglish put the direction after the amount: "phone 10000 se kam", "15000 tak", "20000 से ज़्यादा".
const UPPER_AFTER = String.raw`(?:se\s+kam|se\s+neeche|ke\s+andar|ke\s+neeche|tak|से\s*कम|के\s*अंदर|तक)${EDGE_AFTER}`;
const LOWER_AFTER = String.raw`(?:se\s+(?:zyada|jyada|upar|oopar|adhik)|से\s*(?:ज़्यादा|ज्यादा|ऊपर|अधिक))${EDGE_AFTER}`;

const pattern = (body: string) => new RegExp(`${EDGE_BEFORE}${FILLER}${PRICE_WORD}${body}${TAIL}`, "giu");

// Tried in this order, each on what the ones before left, so "from 10k to 20k" is a range before "from 10k" is a floor.
const BETWEEN = pattern(`(?:(between|from)\\s+)?${AMOUNT}\\s*(?:and|to|se|से|-|–)\\s*${AMOUNT}`);
const BELOW_AFTER = pattern(`${AMOUNT}\\s*${UPPER_AFTER}`);
const ABOVE_AFTER = pattern(`${AMOUNT}\\s*${LOWER_AFTER}`);
const BELOW = pattern(`${UPPER}\\s*${AMOUNT}`);
const ABOVE = pattern(`${LOWER}\\s*${AMOUNT}`);
// An amount with a price word or a currency mark but no direction is a budget, which is a ceiling.
const BARE = pattern(AMOUNT);

const MULTIPLIERS: Array<[RegExp, number]> = [
  [/(?:crores?|cr)$/, 10_000_000],
  [/(?:lakhs?|lacs?|l)$/, 100_000],
  [/(?:k|thousand)$/, 1_000],
];

/** Whether an amount as typed carries a currency mark ("rs 500", "₹500", "500/-"). */
function hasCurrency(token: string): boolean {
  return /rs|inr|₹|rupee|\/-/iu.test(token);
}

/** An amount as typed ("₹20,000", "1.5k", "2 lakh", "500/-") in paise; null when it is no price. */
function amount(token: string): number | null {
  let text = token
    .toLowerCase()
    .replace(/^(?:rs\.?|inr|₹)\s*/u, "")
    .replace(/\s*(?:rs\.?|rupees?|inr|₹|\/-)$/u, "")
    .trim();
  let factor = 1;
  for (const [suffix, by] of MULTIPLIERS) {
    if (suffix.test(text)) {
      text = text.replace(suffix, "").trim();
      factor = by;
      break;
    }
  }
  const rupees = Number(text.replaceAll(",", ""));
  if (!Number.isFinite(rupees)) return null;
  const paise = Math.round(rupees * factor * 100);
  return paise <= MAX_PAISE ? paise : null;
}

/**
 * Reads a budget out of a search query, as Indian shoppers type one: "phone under 20000",
 * "earbuds below 2k", "tv between 20000 and 30000", "laptop under ₹50,000", "fridge above 25000".
 * Only a budget keyword (under, above, between, upto, ...), a price word (price, budget) or a
 * currency mark (rs, inr, ₹, /-) makes a number a price, so "iphone 15", "55 inch tv" and
 * "5000 mah power bank" are left as they are; so is a number followed by a unit ("under 256gb").
 * Both ends are inclusive ("above 25000" takes ₹25,000 too). Bounds that contradict each other
 * ("above 30000 under 20000") are no budget: the query is searched as typed.
 */
export function parsePriceIntent(query: string): PriceIntent {
  const mins: number[] = [];
  const maxes: number[] = [];
  let text = query.replace(BETWEEN, (whole, word?: string, keyword?: string, from = "", to = "") => {
    const low = amount(from);
    const high = amount(to);
    if (low === null || high === null) return whole;
    if (!(word || keyword || hasCurrency(from) || hasCurrency(to) || bareRange(whole, low, high))) return whole;
    mins.push(Math.min(low, high));
    maxes.push(Math.max(low, high));
    return " ";
  });
  text = text.replace(BELOW_AFTER, (whole, _word?: string, token = "") => keep(whole, amount(token), maxes));
  text = text.replace(ABOVE_AFTER, (whole, _word?: string, token = "") => keep(whole, amount(token), mins));
  text = text.replace(BELOW, (whole, _word?: string, token = "") => keep(whole, amount(token), maxes));
  text = text.replace(ABOVE, (whole, _word?: string, token = "") => keep(whole, amount(token), mins));
  text = text.replace(BARE, (whole, word?: string, token = "") => (word || hasCurrency(token) ? keep(whole, amount(token), maxes) : whole));
  if (mins.length === 0 && maxes.length === 0) return { text: query.trim(), range: null };
  const range = { min: mins.length ? Math.max(...mins) : null, max: maxes.length ? Math.min(...maxes) : null };
  if (range.min !== null && range.max !== null && range.min > range.max) return { text: query.trim(), range: null };
  return { text: text.replace(/\s+/g, " ").trim(), range };
}

/**
 * Whether two bare amounts are a budget: joined by "to" ("phone 10000 to 20000"), both at least
 * ₹100 and rising, so "toys 1 to 3 years" and "size 8 to 10" stay words. A dash alone is not
 * enough: "boat 10000-20000" may be a model's number.
 */
function bareRange(whole: string, low: number, high: number): boolean {
  return /\s(?:to|se|से)\s/i.test(whole) && low >= BARE_RANGE_FLOOR && high > low;
}

/** The least a bare range's lower amount may be, in paise. */
const BARE_RANGE_FLOOR = 100 * 100;

/** Notes a bound and drops its words, or keeps the words when they held no amount. */
function keep(whole: string, paise: number | null, into: number[]): string {
  if (paise === null) return whole;
  into.push(paise);
  return " ";
}

/** A search request as run, and what the budget phrase in its query applied, if it had one. */
export interface BudgetedSearch<P> {
  params: P;
  /** The words searched and the price range applied (explicit bounds included); null without a budget phrase. */
  understood: { q: string; price_min: number | null; price_max: number | null } | null;
}

/**
 * Searches the words of `q` without its budget phrase, and filters by the budget. A price the
 * shopper set in the filters is the more deliberate choice, so it wins over the phrase on its own
 * side; the phrase still fills the side left open ("phone under 20000" with a ₹5,000 minimum is
 * ₹5,000 to ₹20,000). A phrase bound the explicit range contradicts is dropped, never the
 * shopper's filter. `as_typed` searches the words as typed, reading no budget at all.
 */
export function applyPriceIntent<P extends { q?: string; price_min?: number; price_max?: number; as_typed?: boolean }>(
  params: P,
): BudgetedSearch<P> {
  if (!params.q || params.as_typed) return { params, understood: null };
  const { text, range } = parsePriceIntent(params.q);
  if (!range) return { params, understood: null };
  let min = params.price_min ?? range.min ?? undefined;
  let max = params.price_max ?? range.max ?? undefined;
  if (min !== undefined && max !== undefined && min > max) {
    if (params.price_min === undefined) min = undefined;
    else max = undefined;
  }
  return {
    params: { ...params, q: text || undefined, price_min: min, price_max: max },
    understood: { q: text, price_min: min ?? null, price_max: max ?? null },
  };
}
