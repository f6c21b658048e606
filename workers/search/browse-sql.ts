import type { FilterSql } from "./filter-sql";
import type { SearchSort } from "./schemas";
import { gated } from "./statement-sql";

/** The index whose order is each sort's order; see the products indexes in workers/db/schema/catalog.ts. */
const SORT_INDEX: Record<SearchSort, string> = {
  relevance: "products_rank_idx",
  price_asc: "products_price_idx",
  price_desc: "products_price_idx",
  rating: "products_rating_idx",
  newest: "products_created_idx",
  // Browsing names no category, so the search browses in relevance's order instead (D1SearchBackend).
  named_cheapest: "products_rank_idx",
};

/**
 * The WITH entry saying whether the chosen category, or the chosen brands, hold at most `cap`
 * products. Each is counted through its own index and stops past `cap`, so the answer costs at
 * most `cap` index entries whatever the catalog's size. Null when neither filter is set.
 */
export function narrowingSql(f: FilterSql, cap: number): string | null {
  if (!f.subtree && !f.brands.length) return null;
  const fits = (index: string, where: string) =>
    `(SELECT count(*) FROM (SELECT 1 FROM products INDEXED BY ${index} WHERE ${where} LIMIT ${cap + 1})) <= ${cap}`;
  const category = f.subtree ? fits("products_category_idx", "category_id IN subtree") : "0";
  const brand = f.brands.length ? fits("products_brand_idx", `brand IN (${f.brands.join(", ")})`) : "0";
  return `narrow AS MATERIALIZED (SELECT ${category} AS category_fits, ${brand} AS brand_fits)`;
}

/**
 * A browse set: the first `cap + 1` products in the requested order that pass `where`, read from
 * one products index chosen once per statement. A category or brand that fits under the cap is
 * read whole through its own index and sorted (at most `cap` rows). Otherwise the sort's own index
 * is walked in order and stops at `cap + 1` rows: the filters then keep a large share of the
 * catalog, so the walk reads about `cap` divided by that share. Every index covers the row, so
 * neither path touches the table. `byBrand` is false for a set that leaves the brand filter out.
 */
export function browseSetSql(
  f: FilterSql,
  o: { columns: string; where: string[]; order: string; sort: SearchSort; cap: number; byBrand: boolean },
): string {
  const category = f.subtree !== null;
  const brand = o.byBrand && f.brands.length > 0;
  const branch = (index: string, guard: string | null) => indexWalkSql(index, o, guard ? gated(guard, o.cap + 1) : o.cap + 1);
  const categoryFits = "(SELECT category_fits FROM narrow)";
  const brandFits = "(SELECT brand_fits FROM narrow)";
  const branches: string[] = [];
  if (category) branches.push(branch("products_category_idx", categoryFits));
  if (brand) branches.push(branch("products_brand_idx", category ? `NOT ${categoryFits} AND ${brandFits}` : brandFits));
  const none = [...(category ? [`NOT ${categoryFits}`] : []), ...(brand ? [`NOT ${brandFits}`] : [])];
  branches.push(branch(SORT_INDEX[o.sort], none.length ? none.join(" AND ") : null));
  return branches.join("\n  UNION ALL\n  ");
}

/** At most `limit` products passing `where`, in `order`, read through one products index. */
function indexWalkSql(index: string, o: { columns: string; where: string[]; order: string }, limit: string | number): string {
  return `SELECT * FROM (SELECT ${o.columns} FROM products p INDEXED BY ${index}
    WHERE ${o.where.join(" AND ")}
    ORDER BY ${o.order} LIMIT ${limit})`;
}
