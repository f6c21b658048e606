import { familyName } from "../catalog/family";
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

/**
 * How many times its quota of product titles is read. A model's variants share their title up
 * to its closing brackets and are popular together, so the first matches are often one phone
 * in several colours; a list offers each model once, by its most popular variant that matches.
 */
const PRODUCT_READ = 3;

/** How many entries of a kind are read: its quota, and more product titles to pick models from. */
const readFor = (kind: Suggestion["kind"], quota: number) => (kind === "product" ? quota * PRODUCT_READ : quota);

/** What makes two suggestions the same: a product's model (its title without its variant), anything else's text. */
function sameAs(kind: Suggestion["kind"], text: string): string {
  return kind === "product" ? `p:${familyName(text).toLowerCase()}` : `n:${text.toLowerCase()}`;
}

interface Row {
  kind: Suggestion["kind"];
  text: string;
  ref: string | null;
}

/**
 * Each kind's entries take a block of document numbers, numbered within it from the heaviest
 * down. FTS5 yields matches in document order and seeks to a range, so the first matches in a
 * kind's block are its best ones: a suggestion list reads a dozen entries, however many
 * thousand a one-letter prefix matches.
 */
const BLOCK = 10_000_000;
const blockOf = (kind: Suggestion["kind"]) => (QUOTAS.findIndex(([k]) => k === kind) + 1) * BLOCK;

/** Product titles kept as suggestions: the most popular ones, enough to cover what shoppers type. */
export const PRODUCT_SUGGESTIONS = 20_000;

/**
 * Suggestions for a half-typed query, from popular queries, brands, categories and popular
 * product titles; a misspelt word is matched through its corrections too.
 */
export async function suggest(db: D1Database, q: string, limit: number): Promise<Suggestion[]> {
  const typed = tokenize(q, "typing");
  if (typed.length === 0) return [];
  const statement = (match: string) =>
    db
      .prepare(
        QUOTAS.map(
          ([kind, quota]) =>
            `SELECT * FROM (SELECT '${kind}' AS kind, text, ref FROM search_suggestions
             WHERE search_suggestions MATCH ?1 AND rowid >= ${blockOf(kind)} AND rowid < ${blockOf(kind) + BLOCK}
             ORDER BY rowid LIMIT ${readFor(kind, quota)})`,
        ).join(" UNION ALL "),
      )
      .bind(match);
  const resolution = await resolveTokens<Row>(db, typed, [statement(matchExpression(asTyped(typed)))]);
  const rows = resolution.corrected
    ? (await statement(matchExpression(resolution.tokens)).all<Row>()).results
    : (resolution.alongside[0]?.results ?? []);
  const byKind = (kind: Suggestion["kind"]) => rows.filter((r) => r.kind === kind);
  // A query that is just a brand or category name is shown as that brand or category, which links somewhere.
  const named = new Set([...byKind("brand"), ...byKind("category")].map((r) => r.text.toLowerCase()));
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  QUOTAS.forEach(([kind, quota]) => {
    let taken = 0;
    for (const r of byKind(kind)) {
      if (taken === quota) break;
      const key = sameAs(kind, r.text);
      if (seen.has(key) || (kind === "query" && named.has(r.text.toLowerCase()))) continue;
      seen.add(key);
      out.push({ kind, text: r.text, ref: r.ref });
      taken++;
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
  // Numbered from the heaviest down within the kind's block; ties go to the shorter text.
  const insert = (kind: Suggestion["kind"], select: string) =>
    db.prepare(
      `INSERT INTO search_suggestions(rowid, text, kind, ref, weight)
       SELECT ${blockOf(kind)} + row_number() OVER (ORDER BY weight DESC, length(text)), text, '${kind}', ref, weight FROM (${select})`,
    );
  await db.batch([
    db.prepare("DELETE FROM search_suggestions"),
    insert("query", "SELECT query AS text, NULL AS ref, popularity AS weight FROM popular_queries ORDER BY popularity DESC LIMIT 10000"),
    insert("brand", "SELECT brand AS text, brand AS ref, count(*) AS weight FROM products WHERE price IS NOT NULL GROUP BY brand"),
    insert(
      "category",
      `SELECT c.name AS text, c.slug AS ref, count(p.id) AS weight FROM categories c LEFT JOIN products p ON p.category_id = c.id
       GROUP BY c.id`,
    ),
    insert(
      "product",
      `SELECT title AS text, id AS ref, popularity AS weight FROM products WHERE price IS NOT NULL
       ORDER BY popularity DESC LIMIT ${PRODUCT_SUGGESTIONS}`,
    ),
  ]);
}
