import { namedCategoryLift } from "./category-heads";
import type { SearchParams } from "./schemas";

/** Price facet bucket edges in paise (₹500, ₹1,000, ₹5,000, ₹10,000, ₹25,000, ₹50,000). */
export const PRICE_EDGES = [50_000, 100_000, 500_000, 1_000_000, 2_500_000, 5_000_000] as const;

/** Rating facet thresholds; each counts products rated at least that, matching `rating_min`. */
export const RATING_STEPS = [4, 3, 2, 1] as const;

/**
 * At most this many matching products (after every filter) are ranked, counted and faceted.
 * A one-word query like "electronics" can match half the catalog, and D1 runs one query at a
 * time, so an unbounded pass would stall every other shopper. The candidates are the first
 * matches in index order, where FTS5 can stop reading; filters are applied before the cap, so
 * a filtered result is complete until it too passes the cap, and the answer says when it did.
 * Ranking the best of millions without reading them all is what a dedicated engine
 * (block-max WAND) behind SearchBackend is for.
 */
export const MATCH_CAP = 5_000;

/** A statement and its positional bindings. */
export interface BoundSql {
  sql: string;
  args: Array<string | number>;
}

const SORT_SQL: Record<SearchParams["sort"], string> = {
  relevance: "score DESC, id",
  price_asc: "price ASC, id",
  price_desc: "price DESC, id",
  rating: "rating_avg DESC NULLS LAST, rating_count DESC, id",
  newest: "created_at DESC, id",
};

// Relevance: bm25 with field weights (title > brand > category > attributes > description), lifted
// by popularity (log-damped so a bestseller cannot bury an exact match) and by rating (±10% around
// 3 stars, only once there are ratings). A title that starts with the query's key word is the thing
// itself rather than something for it ("Apple iPhone 15 …" over "… Case for iPhone 15"), and so is
// a product whose own category the query names ("Laptops" for "dell laptop"). A title equal to the
// whole query always comes first.
// Text matches read search_docs (aliased p), which carries the lowercased title.
const textScore = (query: string, key: string, named: string | null) => `(-bm25(products_fts, 10.0, 6.0, 3.0, 2.0, 1.0))
  * (1.0 + 0.1 * ln(1.0 + p.popularity))
  * (CASE WHEN ${key} != '' AND instr(substr(p.title_lower, 1, 28), ${key}) > 0 THEN 1.5 ELSE 1.0 END)
  * (CASE WHEN p.rating_count > 0 THEN 0.94 + 0.02 * p.rating_sum / p.rating_count ELSE 1.0 END)
  + (CASE WHEN p.title_lower = ${query} THEN 1000.0 ELSE 0.0 END)${named ? `\n  + ${namedCategoryLift(named)}` : ""}`;
const BROWSE_SCORE = "p.popularity * (CASE WHEN p.rating_count > 0 THEN 0.94 + 0.02 * p.rating_sum / p.rating_count ELSE 1.0 END)";

/**
 * One statement answering a whole results page: the filtered set is materialized once and the
 * page, total and every facet are read from it, so D1 (one query at a time per database) sees a
 * single round trip. `match` is an FTS5 expression built from escaped words, or null to browse;
 * `keyWord` is the query's most specific word, whose place in a title lifts the product;
 * `named` are the words that may name a product's category, which lifts it too.
 */
export function buildSearchSql(p: SearchParams, match: string | null, offset: number, keyWord = "", named: string[] = []): BoundSql {
  // Browsing binds only the page window: D1 refuses more bindings than the statement's placeholders.
  const args: Array<string | number> = [p.limit, offset];
  const arg = (v: string | number) => {
    args.push(v);
    return `?${args.length}`;
  };
  const score =
    match !== null
      ? textScore(arg((p.q ?? "").toLowerCase()), arg(keyWord), named.length > 0 ? arg(JSON.stringify(named)) : null)
      : BROWSE_SCORE;
  // Only listed products (at least one active offer) are shown.
  const where = ["p.price IS NOT NULL"];
  if (match !== null) where.push(`products_fts MATCH ${arg(match)}`);
  if (p.category) {
    const c = arg(p.category);
    where.push(
      `p.category_id IN (SELECT d.id FROM categories a JOIN categories d ON d.id = a.id OR substr(d.path, 1, length(a.path)) = a.path
        WHERE a.slug = ${c} OR a.id = ${c})`,
    );
  }
  if (p.brand?.length) where.push(`p.brand IN (${p.brand.map((b) => arg(b)).join(", ")})`);
  if (p.price_min !== undefined) where.push(`p.price >= ${arg(p.price_min)}`);
  if (p.price_max !== undefined) where.push(`p.price <= ${arg(p.price_max)}`);
  if (p.rating_min !== undefined) where.push(`p.rating_count > 0 AND p.rating_sum >= ${arg(p.rating_min)} * p.rating_count`);
  if (p.in_stock) where.push("p.stock_total > 0");

  // CROSS JOIN pins the order: walk the text matches and look each document up, never the
  // reverse (probing the FTS index once per product in a category). A document row carries every
  // field filters, facets and ranking read, so a match costs one rowid lookup; browsing reads
  // products, whose indexes serve a category.
  const from = match !== null ? "products_fts CROSS JOIN search_docs p ON p.doc_id = products_fts.rowid" : "products p";
  const id = match !== null ? "p.product_id" : "p.id";
  const priceBucket = `CASE ${PRICE_EDGES.map((e, i) => `WHEN price < ${e} THEN ${i}`).join(" ")} ELSE ${PRICE_EDGES.length} END`;

  // The materialized set holds only what filters, facets and sorts need; titles and images are
  // joined for the page's rows alone, which keeps a broad query's temporary table small.
  const sql = `WITH m AS MATERIALIZED (
  SELECT ${id} AS id, p.brand, p.category_id, p.price, p.rating_count, p.rating_sum,
    CASE WHEN p.rating_count > 0 THEN 1.0 * p.rating_sum / p.rating_count END AS rating_avg,
    p.created_at, ${score} AS score
  FROM ${from}
  WHERE ${where.join("\n    AND ")}
  ${match !== null ? `LIMIT ${MATCH_CAP}` : ""}
)
SELECT
  (SELECT count(*) FROM m) AS total,
  (SELECT count(*) >= ${MATCH_CAP} FROM m) AS capped,
  (SELECT json_group_array(json_array(id, title, brand, category_id, image, price, mrp, stock_total, round(rating_avg, 2), rating_count, created_at))
     FROM (SELECT x.*, p.title, p.image, p.mrp, p.stock_total
           FROM (SELECT * FROM m ORDER BY ${SORT_SQL[p.sort]} LIMIT ?1 OFFSET ?2) x JOIN products p ON p.id = x.id
           ORDER BY ${SORT_SQL[p.sort].replace(/(^|, )(\w)/g, "$1x.$2")})) AS items,
  (SELECT json_group_array(json_array(brand, n)) FROM
     (SELECT brand, count(*) AS n FROM m GROUP BY brand ORDER BY n DESC, brand LIMIT 30)) AS brands,
  (SELECT json_group_array(json_array(c.id, c.slug, c.name, x.n)) FROM
     (SELECT category_id, count(*) AS n FROM m GROUP BY category_id ORDER BY n DESC, category_id LIMIT 30) x
     JOIN categories c ON c.id = x.category_id) AS categories,
  (SELECT json_group_array(json_array(b, n)) FROM
     (SELECT ${priceBucket} AS b, count(*) AS n FROM m GROUP BY b ORDER BY b)) AS prices,
  (SELECT json_array(${RATING_STEPS.map((s) => `coalesce(sum(rating_count > 0 AND rating_sum >= ${s} * rating_count), 0)`).join(", ")}) FROM m) AS ratings`;
  return { sql, args };
}
