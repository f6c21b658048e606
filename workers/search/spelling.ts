import { editDistance, ftsString, type QueryToken, singular, trigrams, typoBudget } from "./text";

/** A query word with the indexed spellings it is matched by. */
export interface ResolvedToken extends QueryToken {
  /** Corrections found for a word the index does not contain; empty when it is spelled right. */
  corrections: string[];
}

const CANDIDATES = 40;
const MAX_CORRECTIONS = 2;

/** Resolved words, and the results of the statements sent along with the vocabulary check. */
export interface Resolution<T> {
  tokens: ResolvedToken[];
  /** True when some word was corrected, so statements built from the words as typed are stale. */
  corrected: boolean;
  alongside: D1Result<T>[];
}

/**
 * Finds, for each word the index does not know, the indexed words within its typo budget.
 * The vocabulary check travels in one D1 batch with `alongside` (the caller's query built from
 * the words as typed), so a correctly spelled query costs one round trip; only a miss pays for
 * the trigram candidate search and a second query.
 */
export async function resolveTokens<T = Record<string, unknown>>(
  db: D1Database,
  tokens: QueryToken[],
  alongside: D1PreparedStatement[] = [],
): Promise<Resolution<T>> {
  const first = await db.batch([
    ...tokens.map((t) => {
      const forms = [t.text, singular(t.text)].filter((w): w is string => w !== null);
      // A partial word is known when some indexed word starts with it; fts5vocab answers ranges on term.
      return t.partial || forms.length > 1
        ? db
            .prepare("SELECT term FROM products_fts_vocab WHERE term >= ?1 AND term < ?2 LIMIT 1")
            .bind(forms.at(-1), `${forms.at(-1)}\u{10ffff}`)
        : db.prepare("SELECT term FROM products_fts_vocab WHERE term = ?1").bind(t.text);
    }),
    ...alongside,
  ]);
  const known = first.slice(0, tokens.length);
  const rest = first.slice(tokens.length) as D1Result<T>[];
  const missing = tokens.map((t, i) => (known[i]?.results.length ?? 0) === 0 && typoBudget(t.text) > 0);
  const lookups = tokens.flatMap((t, i) => (missing[i] ? [t] : []));
  if (lookups.length === 0) return { tokens: tokens.map((t) => ({ ...t, corrections: [] })), corrected: false, alongside: rest };

  const candidates = await db.batch<{ term: string; docs: number }>(
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
  const resolved = tokens.map((t, i) => {
    if (!missing[i]) return { ...t, corrections: [] };
    const rows = candidates[next++]?.results ?? [];
    return { ...t, corrections: bestCorrections(t, rows) };
  });
  return { tokens: resolved, corrected: resolved.some((t) => t.corrections.length > 0), alongside: rest };
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
      // A half-typed word is compared with the candidate's beginning, allowing one letter more or less.
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
 * each through its own spelling, its singular, or a correction; the typed-so-far word by prefix.
 */
export function matchExpression(tokens: ResolvedToken[], anyWord = false): string {
  const groups = tokens.map((t) => {
    const forms = new Set<string>([t.partial ? `${ftsString(t.text)}*` : ftsString(t.text)]);
    const one = singular(t.text);
    if (one) forms.add(`${ftsString(one)}*`);
    for (const c of t.corrections) forms.add(t.partial ? `${ftsString(c)}*` : ftsString(c));
    return forms.size === 1 ? [...forms][0] : `(${[...forms].join(" OR ")})`;
  });
  return groups.join(anyWord ? " OR " : " AND ");
}

/** The query as the shopper would read it after correction, or null when nothing changed. */
export function correctedText(tokens: ResolvedToken[]): string | null {
  if (!tokens.some((t) => t.corrections.length > 0)) return null;
  return tokens.map((t) => t.corrections[0] ?? t.text).join(" ");
}
