import type { Suggestion } from "./backend";
import { asTyped, matchExpression, resolveTokens } from "./spelling";
import { tokenize } from "./text";

// How many of each kind a suggestion list holds at most, in the order shown.
const QUOTAS: Array<[Suggestion["kind"], number]> = [
  ["query", 4],
  ["brand", 2],
  ["category", 2],
  ["product", 4],
];

/** Product titles kept as suggestions: the most popular ones, enough to cover what shoppers type. */
export const PRODUCT_SUGGESTIONS = 20_000;

/**
 * Suggestions for a half-typed query, from popular queries, brands, categories and popular
 * product titles; a misspelt word is matched through its corrections too.
 */
export async function suggest(db: D1Database, q: string, limit: number): Promise<Suggestion[]> {
  const typed = tokenize(q);
  if (typed.length === 0) return [];
  const statements = (match: string) =>
    QUOTAS.map(([kind, quota]) =>
      db
        .prepare(
          `SELECT text, ref FROM search_suggestions WHERE search_suggestions MATCH ?1 AND kind = ?2
           ORDER BY weight DESC, length(text) LIMIT ?3`,
        )
        .bind(match, kind, quota),
    );
  const resolution = await resolveTokens<{ text: string; ref: string | null }>(db, typed, statements(matchExpression(asTyped(typed))));
  const results = resolution.corrected
    ? await db.batch<{ text: string; ref: string | null }>(statements(matchExpression(resolution.tokens)))
    : resolution.alongside;
  // A query that is just a brand or category name is shown as that brand or category, which links somewhere.
  const named = new Set(
    QUOTAS.flatMap(([kind], i) => (kind === "brand" || kind === "category" ? (results[i]?.results ?? []) : [])).map((r) =>
      r.text.toLowerCase(),
    ),
  );
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  QUOTAS.forEach(([kind], i) => {
    for (const r of results[i]?.results ?? []) {
      const key = `${kind === "product" ? "p" : "n"}:${r.text.toLowerCase()}`;
      if (seen.has(key) || (kind === "query" && named.has(r.text.toLowerCase()))) continue;
      seen.add(key);
      out.push({ kind, text: r.text, ref: r.ref });
    }
  });
  return out.slice(0, limit);
}

/**
 * Rebuilds the suggestion entries from popular queries, listed brands and categories (weighted
 * by product count) and the most popular product titles. Run by cron and after a bulk import;
 * a new product becomes searchable at once, and suggestible at the next rebuild.
 */
export async function rebuildSuggestions(db: D1Database): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM search_suggestions"),
    db.prepare(
      `INSERT INTO search_suggestions(text, kind, ref, weight)
       SELECT query, 'query', NULL, popularity FROM popular_queries ORDER BY popularity DESC LIMIT 10000`,
    ),
    db.prepare(
      `INSERT INTO search_suggestions(text, kind, ref, weight)
       SELECT brand, 'brand', brand, count(*) FROM products WHERE price IS NOT NULL GROUP BY brand`,
    ),
    db.prepare(
      `INSERT INTO search_suggestions(text, kind, ref, weight)
       SELECT c.name, 'category', c.slug, count(p.id) FROM categories c LEFT JOIN products p ON p.category_id = c.id
       GROUP BY c.id`,
    ),
    db
      .prepare(
        `INSERT INTO search_suggestions(text, kind, ref, weight)
         SELECT title, 'product', id, popularity FROM products WHERE price IS NOT NULL ORDER BY popularity DESC LIMIT ?1`,
      )
      .bind(PRODUCT_SUGGESTIONS),
  ]);
}
