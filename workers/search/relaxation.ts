import type { ResolvedToken } from "./spelling";

/** One more search to try when the last found nothing: these words, all of them or any. */
export interface Relaxation {
  tokens: ResolvedToken[];
  anyWord: boolean;
}

// A word the index lacks (not even as an inflection) still counts when a correction or, for a word
// cut short, a prefix can match it.
const matchable = (t: ResolvedToken) => !t.absent || t.partial || t.corrections.length > 0;

// Words that say whom a product is for, what size, or how a shopper asks, more than what it is.
// Titles often leave them out ("Nike Revolution 7 Running Shoes (UK 9)" says neither "men" nor
// "size"), so when no product has every word they are the first to go.
const MODIFIERS = new Set([
  "boys",
  "buy",
  "cheap",
  "girls",
  "kids",
  "ladies",
  "latest",
  "men",
  "mens",
  "new",
  "offer",
  "online",
  "original",
  "price",
  "size",
  "sizes",
  "women",
  "womens",
]);

/** The most searches leaving out one word that a query with no exact match costs. */
const LEAVE_ONE_OUT = 3;

/**
 * The query less one word at a time, a modifier first, then a number, then the later words
 * before the earlier (a query names the thing first and narrows it after): at most
 * `LEAVE_ONE_OUT` of them. Only for three words or more: of two, one alone says too little.
 */
function allButOne(words: ResolvedToken[]): ResolvedToken[][] {
  if (words.length < 3) return [];
  const rank = (t: ResolvedToken) => (MODIFIERS.has(t.text) ? 0 : /^\d+$/.test(t.text) ? 1 : 2);
  const order = words.map((t, i) => ({ i, rank: rank(t) })).sort((a, b) => a.rank - b.rank || b.i - a.i);
  return order.slice(0, LEAVE_ONE_OUT).map(({ i }) => words.filter((_, j) => j !== i));
}

/**
 * What to search for, in order, when no product has every word of the query (as corrected),
 * each closer to "something" and further from what was asked:
 * 1. every word the catalog has, leaving out the ones no product has ("macbook pro 13 inch");
 * 2. the same without corrections, which helped nothing when they left no product with every
 *    word ("itel phones" is not "intel phones");
 * 3. all of those words but one ("nike shoes size 9" without "size"), a few ways;
 * 4. any of the words.
 */
export function relaxations(tokens: ResolvedToken[]): Relaxation[] {
  const out: Relaxation[] = [];
  const present = tokens.filter(matchable);
  if (present.length > 0 && present.length < tokens.length) out.push({ tokens: present, anyWord: false });
  let words = tokens;
  if (tokens.some((t) => t.corrections.length > 0)) {
    words = tokens.map((t) => ({ ...t, corrections: [] }));
    const known = words.filter(matchable);
    if (known.length > 0 && known.length < words.length) out.push({ tokens: known, anyWord: false });
  }
  for (const fewer of allButOne(words.filter(matchable))) out.push({ tokens: fewer, anyWord: false });
  if (words.length > 1) out.push({ tokens: words, anyWord: true });
  return out;
}
