import type { FilterSql } from "./filter-sql";
import type { SearchParams } from "./schemas";
import type { AfterRange } from "./sort-sql";
import { gated } from "./statement-sql";

/** The index whose order is each sort's order; see the products indexes in workers/db/schema/catalog.ts. */
const SORT_INDEX: Record<SearchParams["sort"], string> = {
  relevance: "products_rank_idx",
  price_asc: "products_price_idx",
  price_desc: "products_price_idx",
  rating: "products_rating_idx",
  newest: "products_created_idx",
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
  o: { columns: string; where: string[]; order: string; sort: SearchParams["sort"]; cap: number; byBrand: boolean },
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

/**
 * The products after a cursor in a browse set that passed the cap, where the set may end before
 * the page does: each range after the cursor (sort-sql.ts), in the sort's order, walked through
 * the sort's own index from its start, for the caller to merge in order. A range reads at most
 * what the ranges before it left of `limit`, so once they fill the page the rest read nothing: a
 * range walked on its own would otherwise read its whole length when few of its rows pass the
 * filters (every unrated product, for a rating sort of a category where nearly all are rated).
 * Each range is a WITH entry named `<name>_<n>`, so the next one's LIMIT counts the rows it kept,
 * computed once before the walk; `rows` is the union of them. A set past the cap fits no category
 * or brand read whole, so the sort's index is the one `browseSetSql` walked too.
 */
export function browseAfterSql(o: {
  name: string;
  columns: string;
  where: string[];
  sort: SearchParams["sort"];
  after: AfterRange[];
  limit: string;
}): { withs: string[]; rows: string } {
  const names = o.after.map((_, i) => `${o.name}_${i}`);
  const withs = o.after.map((range, i) => {
    const kept = names.slice(0, i).map((n) => ` - (SELECT count(*) FROM ${n})`);
    // A negative LIMIT is none at all, so what is left never drops below zero.
    const limit = i === 0 ? o.limit : `max(0, ${o.limit}${kept.join("")})`;
    const walk = indexWalkSql(SORT_INDEX[o.sort], { columns: o.columns, where: [...o.where, range.where], order: range.order }, limit);
    return `${names[i]} AS MATERIALIZED (\n  ${walk}\n)`;
  });
  return { withs, rows: names.map((n) => `SELECT * FROM ${n}`).join("\n  UNION ALL\n  ") };
}

/** At most `limit` products passing `where`, in `order`, read through one products index. */
function indexWalkSql(index: string, o: { columns: string; where: string[]; order: string }, limit: string | number): string {
  return `SELECT * FROM (SELECT ${o.columns} FROM products p INDEXED BY ${index}
    WHERE ${o.where.join(" AND ")}
    ORDER BY ${o.order} LIMIT ${limit})`;
}
