import { isCommonWord } from "./common-words";
import { editDistance, ftsString, inflections, isPhrase, type QueryToken, singular, trigrams, typoBudget } from "./text";

/** A query word with the indexed spellings it is matched by. */
export interface ResolvedToken extends QueryToken {
  /** Corrections found for a word the index does not contain; empty when it is spelled right. */
  corrections: string[];
  /** Set once checked: no indexed word is this word or one of its inflections. */
  absent?: boolean;
}

const CANDIDATES = 40;
const MAX_CORRECTIONS = 2;
// Sorts after every indexed word that starts with a given prefix.
const PAST_PREFIX = "\u{10ffff}";

/** Resolved words, and the results of the statements sent along with the vocabulary check. */
export interface Resolution<T> {
  tokens: ResolvedToken[];
  /** True when some word is matched otherwise than as typed, so statements built from the words as typed are stale. */
  corrected: boolean;
  alongside: D1Result<T>[];
}

interface VocabularyCheck {
  /** The index holds the word, or one of its inflections. */
  known: number;
  /** Some indexed word starts with the word (asked only for a last word). */
  started: number;
}

/**
 * Whether the index holds a word. A half-typed word counts when some indexed word starts with it
 * (its singular, for a plural being typed); a whole word only when the index holds it or one of
 * its inflections. For a submitted last word it also asks whether some indexed word starts with
 * it, in case the shopper pressed enter early. fts5vocab answers equality and ranges on term.
 */
function vocabularyCheck(db: D1Database, t: QueryToken): D1PreparedStatement {
  const args: string[] = [];
  const arg = (v: string) => {
    args.push(v);
    return `?${args.length}`;
  };
  const startsWith = (w: string) =>
    `EXISTS (SELECT 1 FROM products_fts_vocab WHERE term >= ${arg(w)} AND term < ${arg(`${w}${PAST_PREFIX}`)})`;
  // A decimal's phrase is known when each of its numbers is: whether they stand side by side is the search's to find.
  const known = isPhrase(t.text)
    ? t.text
        .split(" ")
        .map((w) => `EXISTS (SELECT 1 FROM products_fts_vocab WHERE term = ${arg(w)})`)
        .join(" AND ")
    : t.partial
      ? startsWith(singular(t.text) ?? t.text)
      : `EXISTS (${inflections(t.text)
          .map((w) => `SELECT 1 FROM products_fts_vocab WHERE term = ${arg(w)}`)
          .join(" UNION ALL ")})`;
  const started = t.last ? startsWith(t.text) : "0";
  return db.prepare(`SELECT ${known} AS known, ${started} AS started`).bind(...args);
}

/**
 * Finds, for each word neither the index nor everyday English knows, the indexed words within its
 * typo budget. A real word the catalog lacks ("cell", "toaster") is left alone: correcting it
 * would show something else. The vocabulary check travels in one D1 batch with `alongside` (the
 * caller's query built from the words as typed), so a correctly spelled query costs one round
 * trip; only a miss pays for the trigram candidate search and a second query.
 */
export async function resolveTokens<T = Record<string, unknown>>(
  db: D1Database,
  tokens: QueryToken[],
  alongside: D1PreparedStatement[] = [],
): Promise<Resolution<T>> {
  const first = await db.batch([...tokens.map((t) => vocabularyCheck(db, t)), ...alongside]);
  const checks = first.slice(0, tokens.length).map((r) => r.results[0] as VocabularyCheck | undefined);
  const rest = first.slice(tokens.length) as D1Result<T>[];
  const known = tokens.map((t, i) => checks[i]?.known === 1 || isCommonWord(t.text));
  const missing = tokens.map((t, i) => !known[i] && !isPhrase(t.text) && typoBudget(t.text) > 0);
  const lookups = tokens.filter((_, i) => missing[i]);
  const candidates =
    lookups.length === 0
      ? []
      : await db.batch<{ term: string; docs: number }>(
          lookups.map((t) =>
            db
              .prepare(
                `SELECT v.term, v.docs FROM search_vocabulary_trigrams t JOIN search_vocabulary v ON v.id = t.rowid
                 WHERE search_vocabulary_trigrams MATCH ?1 ORDER BY t.rank LIMIT ${CANDIDATES}`,
              )
              .bind(
                trigrams(t.text)
                  .map((g) => ftsString(g))
                  .join(" OR "),
              ),
          ),
        );
  let next = 0;
  const resolved = tokens.map((t, i): ResolvedToken => {
    const corrections = missing[i] ? bestCorrections(t, candidates[next++]?.results ?? []) : [];
    // A last word that is no word and no misspelling of one, but begins indexed words, was cut short
    // ("macb"). Two letters ("iphone 15 pr") begin too many words to guess which one was meant.
    const cutShort = t.last === true && t.text.length > 2 && !known[i] && corrections.length === 0 && checks[i]?.started === 1;
    return { ...t, partial: t.partial || cutShort, corrections, ...(checks[i]?.known === 1 ? {} : { absent: true }) };
  });
  const corrected = resolved.some((t, i) => t.corrections.length > 0 || t.partial !== tokens[i]?.partial);
  return { tokens: resolved, corrected, alongside: rest };
}

/** Words as typed, before any correction. */
export function asTyped(tokens: QueryToken[]): ResolvedToken[] {
  return tokens.map((t) => ({ ...t, corrections: [] }));
}

/** The closest candidates within the word's typo budget, more common words first on a tie. */
export function bestCorrections(token: QueryToken, rows: Array<{ term: string; docs: number }>): string[] {
  const budget = typoBudget(token.text);
  const scored = rows
    .map((r) => {
      // A word still being typed is compared with the candidate's beginning, allowing one letter more or less.
      const whole = editDistance(token.text, r.term, budget);
      const prefix = token.partial
        ? Math.min(...[0, 1, -1].map((d) => editDistance(token.text, r.term.slice(0, Math.max(1, token.text.length + d)), budget)))
        : whole;
      return { term: r.term, docs: r.docs, distance: Math.min(whole, prefix) };
    })
    .filter((r) => r.distance <= budget && r.term !== token.text);
  scored.sort((a, b) => a.distance - b.distance || b.docs - a.docs || a.term.localeCompare(b.term));
  const best = scored[0]?.distance;
  return scored
    .filter((r) => r.distance === best)
    .slice(0, MAX_CORRECTIONS)
    .map((r) => r.term);
}

/**
 * The FTS5 MATCH expression for resolved words: every word must match (or any, when `anyWord`),
 * each through its own spelling, its singular or plural, or a correction; a half-typed word by prefix.
 */
export function matchExpression(tokens: ResolvedToken[], anyWord = false): string {
  const groups = tokens.map((t) => {
    const forms = new Set<string>();
    if (t.partial) {
      forms.add(`${ftsString(t.text)}*`);
      const one = singular(t.text);
      if (one) forms.add(`${ftsString(one)}*`);
      for (const c of t.corrections) forms.add(`${ftsString(c)}*`);
    } else {
      for (const w of [t.text, ...t.corrections].flatMap(inflections)) forms.add(ftsString(w));
    }
    return forms.size === 1 ? [...forms][0] : `(${[...forms].join(" OR ")})`;
  });
  return groups.join(anyWord ? " OR " : " AND ");
}

/** The query as the shopper would read it after correction, or null when nothing changed. */
export function correctedText(tokens: ResolvedToken[]): string | null {
  if (!tokens.some((t) => t.corrections.length > 0)) return null;
  return tokens.map((t) => t.corrections[0] ?? t.text).join(" ");
}
