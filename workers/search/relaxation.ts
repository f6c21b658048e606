import type { ResolvedToken } from "./spelling";

/** One more search to try when the last found nothing: these words, all of them or any. */
export interface Relaxation {
  tokens: ResolvedToken[];
  anyWord: boolean;
}

// A word the index lacks (not even as an inflection) still counts when a correction or, for a word
// cut short, a prefix can match it.
const matchable = (t: ResolvedToken) => !t.absent || t.partial || t.corrections.length > 0;

/**
 * What to search for, in order, when no product has every word of the query (as corrected),
 * each closer to "something" and further from what was asked:
 * 1. every word the catalog has, leaving out the ones no product has ("macbook pro 13 inch");
 * 2. the same without corrections, which helped nothing when they left no product with every
 *    word ("itel phones" is not "intel phones");
 * 3. any of the words.
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
  if (words.length > 1) out.push({ tokens: words, anyWord: true });
  return out;
}
