import type { SearchParams } from "./schemas";
import type { Bindings } from "./statement-sql";

/** A filter that has a facet of its own; that facet counts as if the filter were not set. */
export type FacetFilter = "brand" | "price" | "rating";

/** A request's filters as SQL over a product row aliased `p`. */
export interface FilterSql {
  /** Predicates every set of products in the answer applies. */
  shared: string[];
  /** Predicates of the filters with a facet of their own, by facet. */
  own: Partial<Record<FacetFilter, string>>;
  /** Placeholders of the chosen brands, in order (empty when none is chosen). */
  brands: string[];
  /** The WITH entry naming the chosen category and its descendants as `subtree`, or null. */
  subtree: string | null;
}

/** Builds the filter predicates of `p`, binding their values into `b`. */
export function filterSql(p: SearchParams, b: Bindings): FilterSql {
  // Only listed products (at least one active offer) are shown.
  const shared = ["p.price IS NOT NULL"];
  let subtree: string | null = null;
  if (p.category) {
    const c = b.add(p.category);
    subtree = `subtree(id) AS (SELECT d.id FROM categories a JOIN categories d ON d.id = a.id OR substr(d.path, 1, length(a.path)) = a.path
    WHERE a.slug = ${c} OR a.id = ${c})`;
    shared.push("p.category_id IN subtree");
  }
  if (p.in_stock) shared.push("p.stock_total > 0");

  const own: FilterSql["own"] = {};
  const brands = (p.brand ?? []).map((v) => b.add(v));
  if (brands.length) own.brand = `p.brand IN (${brands.join(", ")})`;
  const price: string[] = [];
  if (p.price_min !== undefined) price.push(`p.price >= ${b.add(p.price_min)}`);
  if (p.price_max !== undefined) price.push(`p.price <= ${b.add(p.price_max)}`);
  if (price.length) own.price = price.join(" AND ");
  if (p.rating_min !== undefined) own.rating = `p.rating_count > 0 AND p.rating_sum >= ${b.add(p.rating_min)} * p.rating_count`;
  return { shared, own, brands, subtree };
}

/** The predicates of a set: every filter, or every filter but the one facet `without` counts for. */
export function whereOf(f: FilterSql, without?: FacetFilter): string[] {
  return [...f.shared, ...Object.entries(f.own).flatMap(([k, sql]) => (k === without ? [] : [sql]))];
}
