import { spellingVariants } from "./spelling-variants";

/** One word of a shopper's query, and how it is matched. */
export interface QueryToken {
  text: string;
  /** Matched as a prefix: the word still being typed into autocomplete. */
  partial: boolean;
  /**
   * The last word of a submitted query. It is matched whole, like every other word; only when it
   * is no word at all and no correction fits is it read as cut short ("macb").
   */
  last?: boolean;
}

/** How a query reached us: still being typed (autocomplete) or submitted as a search. */
export type QueryMode = "typing" | "submitted";

// Mirrors the index's tokenizer (unicode61, categories 'L* N* Co M*'): letters, digits,
// private-use characters and combining marks form words. Indian scripts write vowels and the
// virama as marks, so a word only stays whole if they belong to it.
const WORD = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{Co}\p{M}]/u;
const ENDS_IN_WORD = /[\p{L}\p{N}\p{Co}\p{M}]$/u;
// The accents remove_diacritics drops wherever they stand: those of the precomposed Latin letters
// it folds. Any other mark, U+0300–U+036F included, stays in its word in the index, so here too.
const LATIN_DIACRITIC = /[\u0300-\u0304\u0306-\u030c\u030f\u0311\u031b\u0323-\u0328\u032d\u032e\u0330\u0331]/u;
const ASCII = /^[\x20-\x7e]+$/;
const MAX_TOKENS = 8;

// A digit, a point and a digit. The point is held as a private-use character, which the word
// pattern keeps inside a word, until the words are split; then it becomes the space of a phrase.
const DECIMAL = /(\d)\.(?=\d)/g;
const DECIMAL_POINT = "\ue000";

/** Whether a query word is a decimal's phrase ("1 5" from "1.5"), matched as its parts side by side. */
export function isPhrase(word: string): boolean {
  return word.includes(" ");
}

// Hindi's joining words as shoppers type them in Latin letters ("mobile ke liye cover", "saree
// ki price"): they describe no product. Not "se": it is also a model ("iPhone SE").
const HINGLISH_JOINERS = new Set(["ke", "ki", "ka", "liye", "lie", "wala", "wali", "wale", "aur", "mein", "ko"]);

// Words that join a query rather than describe a product; they match most descriptions, so
// requiring them only costs time ("usb and samsung", "products with …").
const STOPWORDS = new Set(["a", "an", "and", "at", "by", "for", "from", "in", "is", "of", "on", "or", "the", "this", "to", "with"]);

/**
 * A query as the index's tokenizer (unicode61, remove_diacritics 2, marks inside words) reads
 * text, so its words are the index's terms: a Latin letter loses its accents ("é" and "e" +
 * U+0301 both read "e"), while every other combining mark is kept where it stands, as the index
 * keeps it. Dropping those too would turn a Devanagari or Tamil word into one the index never
 * holds ("मोबाइल" into "मबइल"), and a product titled in Hindi could not be found by its own
 * title. Letters whose compatibility form is plain ASCII (fullwidth "Ａ", the "ﬁ" ligature) read
 * as that form, so a shopper's phone keyboard finds the catalog's own spelling.
 */
function foldQuery(q: string): string {
  // Most queries are plain ASCII: letters and digits lowercased, everything else a word break.
  if (ASCII.test(q)) return q.toLowerCase().replace(/[^a-z0-9]/g, " ");
  let out = "";
  for (const ch of q) {
    if (LATIN_DIACRITIC.test(ch)) continue;
    if (!WORD_CHAR.test(ch)) {
      out += " ";
      continue;
    }
    const plain = ch.normalize("NFKD").replace(/\p{M}/gu, "");
    out += (plain !== "" && ASCII.test(plain) ? plain : ch).toLowerCase();
  }
  return out;
}

/**
 * Every word of a query as the index reads it, joining words included, separated by one space:
 * what a shopper searched for, without the punctuation, emoji and spacing they typed around it.
 */
export function queryText(q: string): string {
  return (foldQuery(q).match(WORD) ?? []).join(" ");
}

/**
 * Lowercase, diacritic-free words of a query, capped so a pasted paragraph stays cheap; joining
 * words are dropped unless nothing else is left or one is still being typed. Only a query still
 * being typed has a half-typed last word: a submitted "cell phones" or "toaster" means those
 * whole words.
 */
export function tokenize(q: string, mode: QueryMode): QueryToken[] {
  // A decimal ("1.5 ton", "5.5 inch") is one size, not two numbers: kept as one word here, it is
  // matched as the phrase of its parts ("1 5"), which "1 Ton, 5 Star" does not hold.
  const folded = foldQuery(q.replace(DECIMAL, `$1${DECIMAL_POINT}`));
  const endsInWord = ENDS_IN_WORD.test(folded);
  const typed = (folded.match(WORD) ?? []).map((w) => w.replaceAll(DECIMAL_POINT, " "));
  // Hinglish joining words go before a cover is read as a case: "mobile ke liye cover" is a phone's case.
  const stillTyping = (i: number) => mode === "typing" && endsInWord && i === typed.length - 1;
  const joined = typed.filter((w, i) => stillTyping(i) || !HINGLISH_JOINERS.has(w));
  const words = joined.length > 0 ? joined : typed;
  // A word still being typed is not yet "cover": it may be on its way to "coverage", and is not
  // joined to the word before it. Compounds go first: "smart phone cover" is a phone's case.
  const read = (ws: string[]) => coverAsCase(compoundWords(ws));
  const all = mode === "typing" && endsInWord ? [...read(words.slice(0, -1)), ...words.slice(-1)] : read(words);
  const tokens = all.map((text, i): QueryToken => {
    const open = endsInWord && i === all.length - 1;
    if (mode === "typing") return { text, partial: open };
    return open ? { text, partial: false, last: true } : { text, partial: false };
  });
  // A word still being typed is the start of a word, not a joining word yet: "prestige in" is on
  // its way to "induction". Not a lone "a": as a prefix it matches a large share of every word
  // there is, and looking that up costs the slowest autocomplete answers several times over.
  const content = tokens.filter((t) => (t.partial && t.text.length > 1) || !STOPWORDS.has(t.text));
  return (content.length > 0 ? content : tokens).slice(0, MAX_TOKENS);
}

// Two words shoppers type for what listings write as one ("smart watch": "Smartwatches"), by the
// first word and the second's singular; the plural of the second stays plural.
const JOINED: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["smart", new Set(["watch", "phone"])],
  ["cell", new Set(["phone"])],
  ["head", new Set(["phone"])],
  ["ear", new Set(["phone", "bud"])],
]);

// One word shoppers type for what listings write as two ("powerbank": "Power Bank").
const SPLIT: ReadonlyMap<string, readonly [string, string]> = new Map([
  ["powerbank", ["power", "bank"]],
  ["tshirt", ["t", "shirt"]],
]);

/**
 * A query's words as the listings spell them where shoppers run two together or split one:
 * "smart watch" is matched as "smartwatch" and "powerbank" as "power bank". Without this,
 * "smart watch" finds the one band that says "Smart" rather than the smartwatches, and
 * "powerbank" finds nothing.
 */
export function compoundWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    const seconds = JOINED.get(word);
    if (
      next !== undefined &&
      seconds &&
      [next, singular(next), next.endsWith("es") ? next.slice(0, -2) : null].some((w) => w !== null && seconds.has(w))
    ) {
      out.push(`${word}${next}`);
      i++;
      continue;
    }
    const parts = SPLIT.get(word) ?? (word.endsWith("s") ? SPLIT.get(word.slice(0, -1)) : undefined);
    if (parts) out.push(parts[0], word.endsWith("s") ? `${parts[1]}s` : parts[1]);
    else out.push(word);
  }
  return out;
}

// Words naming the phone a cover is for, which a case's listing does not repeat.
const PHONE_WORDS = new Set(["mobile", "mobiles", "phone", "phones", "smartphone", "smartphones", "cell"]);

/**
 * A phone's case as Indian shoppers ask for it: "mobile cover", "back cover", "phone case".
 * Listings say "Case for iPhone 15" and name no phone, so the cover is read as a case, and the
 * words for which phone ("mobile", "back") are dropped; the model, if named, stays. A cover of
 * anything else ("pillow cover", "book cover") is left as typed.
 */
export function coverAsCase(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const isCover = word === "cover" || word === "covers";
    const isCase = word === "case" || word === "cases";
    const before = out.at(-1);
    const forPhone = before !== undefined && (PHONE_WORDS.has(before) || (isCover && before === "back"));
    if ((isCover || isCase) && forPhone) {
      out.pop();
      if (out.length > 0 && PHONE_WORDS.has(out.at(-1) as string)) out.pop();
      out.push(word.endsWith("s") ? "cases" : "case");
    } else out.push(word);
  }
  return out;
}

/**
 * A crude plural fold ("phones" → "phone") so plural and singular find each other without a
 * stemmer, which would put stems in the vocabulary the corrector relies on.
 */
export function singular(word: string): string | null {
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !/\d/.test(word)) return word.slice(0, -1);
  return null;
}

/**
 * The word with its crude singular and plural ("laptop" → laptops; "batteries" → battery;
 * "watch" → watches), each an exact term, and the same of its other spellings ("aluminum" →
 * aluminium). Catalog text says "Laptops" in a category name and "Laptop" in a title; a shopper
 * types either.
 */
export function inflections(word: string): string[] {
  const forms = new Set(numberForms(word));
  for (const other of spellingVariants(word)) for (const form of numberForms(other)) forms.add(form);
  return [...forms];
}

/** The word with its crude singular and plural, as `inflections` adds them to each spelling. */
function numberForms(word: string): string[] {
  const forms = new Set([word]);
  if (/\d/.test(word) || word.length < 2) return [...forms];
  const one = singular(word);
  if (one) {
    forms.add(one);
    if (/(?:[sxz]|[cs]h)es$/.test(word)) forms.add(word.slice(0, -2));
    if (word.length > 4 && word.endsWith("ies")) forms.add(`${word.slice(0, -3)}y`);
  } else {
    forms.add(/(?:[sxz]|[cs]h)$/.test(word) ? `${word}es` : `${word}s`);
    if (/[^aeiou]y$/.test(word)) forms.add(`${word.slice(0, -1)}ies`);
  }
  return [...forms];
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
