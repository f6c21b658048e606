/** One word of a shopper's query, and whether it is the word still being typed. */
export interface QueryToken {
  text: string;
  /** The last word when the query does not end in a space: matched as a prefix. */
  partial: boolean;
}

// Mirrors FTS5's unicode61 tokenizer with remove_diacritics: letters and digits form words.
const WORD = /[\p{L}\p{N}]+/gu;
const MAX_TOKENS = 8;

// Words that join a query rather than describe a product; they match most descriptions, so
// requiring them only costs time ("usb and samsung", "products with …").
const STOPWORDS = new Set(["a", "an", "and", "at", "by", "for", "from", "in", "is", "of", "on", "or", "the", "this", "to", "with"]);

/**
 * Lowercase, diacritic-free words of a query, capped so a pasted paragraph stays cheap; joining
 * words are dropped unless nothing else is left.
 */
export function tokenize(q: string): QueryToken[] {
  const folded = q.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const all = folded.match(WORD) ?? [];
  const endsInWord = /[\p{L}\p{N}]$/u.test(folded);
  const tokens = all.map((text, i) => ({ text, partial: endsInWord && i === all.length - 1 }));
  const content = tokens.filter((t) => !STOPWORDS.has(t.text));
  return (content.length > 0 ? content : tokens).slice(0, MAX_TOKENS);
}

/**
 * A crude plural fold ("phones" → "phone", prefix-matched) so plural and singular find each
 * other without a stemmer, which would put stems in the vocabulary the corrector relies on.
 */
export function singular(word: string): string | null {
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !/\d/.test(word)) return word.slice(0, -1);
  return null;
}

/** A word as an FTS5 string literal, so no shopper input is ever parsed as query syntax. */
export function ftsString(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

/** The distinct trigrams of a word, the corrector's candidate keys. */
export function trigrams(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= word.length; i++) out.add(word.slice(i, i + 3));
  return [...out];
}

/** Edit distance with adjacent transpositions (optimal string alignment), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prevPrev[j - 2] ?? 0) + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/** How many typos a word of this length may carry and still be corrected. */
export function typoBudget(word: string): number {
  if (word.length < 4) return 0;
  return word.length < 7 ? 1 : 2;
}
